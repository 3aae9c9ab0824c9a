package org.ecifhub.customermaster.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.ecifhub.commons.problem.ProblemException;
import org.ecifhub.customermaster.service.CustomerQueries;
import org.ecifhub.customermaster.service.CustomerSearchService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Cross-reference lookups and the data-quality report. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Customers")
public class XrefAndQualityResource {

    private final CustomerQueries queries;
    private final CustomerSearchService search;

    public XrefAndQualityResource(CustomerQueries queries, CustomerSearchService search) {
        this.queries = queries;
        this.search = search;
    }

    @GET
    @Path("/data-quality/report")
    @Operation(summary = "Data-quality report by branch: customers, average completeness, invalid ids, and how "
            + "many customers carry each flag")
    public CustomerSearchService.DataQualityReport dataQuality(@QueryParam("branch") String branch) {
        return search.dataQuality(branch);
    }

    @GET
    @Path("/xref/{source}/{sourceCustomerId}")
    @Operation(summary = "The customer number a source system's customer id belongs to")
    public CustomerQueries.XrefView xref(@PathParam("source") String source,
                                         @PathParam("sourceCustomerId") String sourceCustomerId) {
        return queries.xref(source, sourceCustomerId)
                .orElseThrow(() -> ProblemException.notFound("Source customer " + source + "/" + sourceCustomerId));
    }
}
