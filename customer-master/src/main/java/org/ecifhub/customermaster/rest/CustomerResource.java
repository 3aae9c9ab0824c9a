package org.ecifhub.customermaster.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.ecifhub.commons.problem.ProblemException;
import org.ecifhub.customermaster.service.CustomerQueries;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Customers", description = "Golden records and cross-references")
public class CustomerResource {

    private final CustomerQueries queries;

    public CustomerResource(CustomerQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("/customers/{customerNumber}")
    @Operation(summary = "A golden record with its source records and holdings")
    public CustomerQueries.CustomerView customer(@PathParam("customerNumber") String customerNumber) {
        return queries.customer(customerNumber)
                .orElseThrow(() -> ProblemException.notFound("Customer " + customerNumber));
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
