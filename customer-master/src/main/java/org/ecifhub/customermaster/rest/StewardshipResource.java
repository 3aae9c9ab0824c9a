package org.ecifhub.customermaster.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.ecifhub.commons.problem.Problem;
import org.ecifhub.commons.problem.ProblemException;
import org.ecifhub.customermaster.service.CustomerQueries;
import org.ecifhub.customermaster.service.StewardshipService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/customers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Stewardship", description = "Manual merge and unmerge by data stewards, audited")
public class StewardshipResource {

    private final StewardshipService stewardship;
    private final CustomerQueries queries;

    public StewardshipResource(StewardshipService stewardship, CustomerQueries queries) {
        this.stewardship = stewardship;
        this.queries = queries;
    }

    @POST
    @Path("/{customerNumber}/merge")
    @Operation(summary = "Merge another customer into this one",
            description = "The other number is retired and from then on answers with this customer. Refused (409) "
                    + "for two different valid id numbers, or when a steward decided they are different parties.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "merge", value =
            "{\"retired\": \"1000000077\", \"operator\": \"STEWARD01\", \"reason\": \"same person, confirmed by phone\"}")))
    public CustomerQueries.CustomerView merge(@PathParam("customerNumber") String survivor,
                                              StewardshipService.MergeRequest request) {
        stewardship.merge(survivor, requireBody(request));
        return queries.current(survivor).orElseThrow();
    }

    @POST
    @Path("/{customerNumber}/split")
    @Operation(summary = "Split one source customer out into a new customer (unmerge)",
            description = "The source customer and its accounts move to a new customer number; the two are "
                    + "remembered as different parties (CANNOT_LINK).")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "split", value =
            "{\"source\": \"EBANK\", \"sourceCustomerId\": \"EB00012345\", \"operator\": \"STEWARD01\", "
                    + "\"reason\": \"different person with the same name and phone\"}")))
    public StewardshipService.SplitResult split(@PathParam("customerNumber") String customerNumber,
                                                StewardshipService.SplitRequest request) {
        return stewardship.split(customerNumber, requireBody(request));
    }

    private static <T> T requireBody(T body) {
        if (body == null) {
            throw new ProblemException(Problem.of(400, "validation", "Invalid request", "a JSON body is required"));
        }
        return body;
    }
}
