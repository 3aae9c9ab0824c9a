package org.ecifhub.customermaster.rest;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ecifhub.commons.problem.Problem;
import org.ecifhub.commons.problem.ProblemException;
import org.ecifhub.customermaster.persistence.GoldenRecordSearch;
import org.ecifhub.customermaster.service.CustomerQueries;
import org.ecifhub.customermaster.service.CustomerSearchService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

@Path("/api/v1/customers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Customers", description = "Golden records and cross-references")
public class CustomerResource {

    static final int MAX_PAGE_SIZE = 200;

    private final CustomerQueries queries;
    private final CustomerSearchService search;

    public CustomerResource(CustomerQueries queries, CustomerSearchService search) {
        this.queries = queries;
        this.search = search;
    }

    @GET
    @Path("/{customerNumber}")
    @Operation(summary = "A golden record with its source records and holdings, now or as of a past instant",
            description = "A retired number (merged into another) answers with the survivor and names itself in "
                    + "redirectedFrom.")
    public Response customer(@PathParam("customerNumber") String customerNumber,
                             @Parameter(description = "ISO-8601 instant, e.g. 2026-11-01T00:00:00+08:00: the record "
                                     + "as it stood then") @QueryParam("asOf") String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return Response.ok(queries.current(customerNumber)
                    .orElseThrow(() -> ProblemException.notFound("Customer " + customerNumber))).build();
        }
        OffsetDateTime instant;
        try {
            instant = OffsetDateTime.parse(asOf.strip());
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problem.of(400, "validation", "Invalid request",
                            "asOf must be an ISO-8601 timestamp with offset, e.g. 2026-11-01T00:00:00+08:00")
                    .withErrors(List.of(new Problem.InvalidField(null, "asOf", "not a timestamp with offset"))));
        }
        String snapshot = queries.customerAsOf(customerNumber, instant)
                .orElseThrow(() -> ProblemException.notFound("Customer " + customerNumber + " as of " + asOf));
        return Response.ok(snapshot, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Operation(summary = "Search customers",
            description = "By id number in any accepted form (15 or 18 digits, lower-case x, full-width), phone "
                    + "(+86, blanks and dashes allowed), name (exact, or fuzzy: one edit away or containing the "
                    + "text), branch and data-quality flag (e.g. ID_CHECK_DIGIT_INVALID). Criteria combine; paged.")
    public GoldenRecordSearch.Page search(@QueryParam("idNumber") String idNumber, @QueryParam("phone") String phone,
                                          @QueryParam("name") String name,
                                          @QueryParam("fuzzy") @DefaultValue("false") boolean fuzzy,
                                          @QueryParam("branch") String branch,
                                          @QueryParam("qualityFlag") String qualityFlag,
                                          @QueryParam("page") @DefaultValue("0") int page,
                                          @QueryParam("size") @DefaultValue("20") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new ProblemException(Problem.of(400, "validation", "Invalid request",
                            "page must be >= 0 and size between 1 and " + MAX_PAGE_SIZE)
                    .withErrors(List.of(new Problem.InvalidField(null, page < 0 ? "page" : "size", "out of range"))));
        }
        return search.search(new CustomerSearchService.Query(idNumber, phone, name, fuzzy, branch, qualityFlag),
                page, size);
    }

}
