package org.ecifhub.customermaster.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.StreamingOutput;
import org.ecifhub.customermaster.persistence.XrefExport;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The whole cross-reference as NDJSON, streamed from a database cursor: constant memory at any size. */
@Path("/api/v1/xref/export")
@Tag(name = "Customers")
public class XrefExportResource {

    private final XrefExport export;

    public XrefExportResource(XrefExport export) {
        this.export = export;
    }

    @GET
    @Produces(FeedResource.NDJSON)
    @Operation(summary = "Every cross-reference, one {\"source\",\"sourceCustomerId\",\"customerNumber\"} per line")
    public StreamingOutput export() {
        return export::writeTo;
    }
}
