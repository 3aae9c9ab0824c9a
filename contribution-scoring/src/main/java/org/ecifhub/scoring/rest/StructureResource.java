package org.ecifhub.scoring.rest;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.ecifhub.commons.problem.Problem;
import org.ecifhub.commons.problem.ProblemException;
import org.ecifhub.scoring.domain.ScoringAlert;
import org.ecifhub.scoring.domain.Tier;
import org.ecifhub.scoring.persistence.CustomerScoreRepository;
import org.ecifhub.scoring.service.ModelService;
import org.ecifhub.scoring.service.ScoreQueries;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

@Path("/api/v1/scoring")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Structure", description = "分类统计, top customers, tier migration, key-customer watch")
public class StructureResource {

    private final ScoreQueries queries;
    private final ModelService models;

    public StructureResource(ScoreQueries queries, ModelService models) {
        this.queries = queries;
        this.models = models;
    }

    @GET
    @Path("/structure")
    @Operation(summary = "Customer structure (分类统计) by branch and tier",
            description = "Active customers per branch and tier: count, average and total long-window average "
                    + "assets, total loans, total and average contribution (CNY).")
    @APIResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "structure", value = """
                    [{"branchCode": "LSJ001", "tier": "PRIVILEGE", "customers": 12, "averageAssets": 812000.00,
                      "totalAssets": 9744000.00, "totalLoans": 1200000.00, "totalContribution": 131000.00,
                      "averageContribution": 10916.67}]""")))
    public List<CustomerScoreRepository.StructureRow> structure(
            @Parameter(description = "one branch only", example = "LSJ001") @QueryParam("branch") String branch) {
        return queries.structure(branch);
    }

    @GET
    @Path("/top")
    @Operation(summary = "The top-N customers by contribution, optionally of one branch and tier")
    @APIResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "top", value = """
                    [{"customerNumber": "1000000001", "branchCode": "LSJ001", "tier": "PRIVILEGE", "score": 18250.00,
                      "points": 242.5, "averageAssets": 1250000.00, "averageLoans": 0}]""")))
    @APIResponse(responseCode = "400", description = "n out of range or unknown tier",
            content = @Content(mediaType = ScoreResource.PROBLEM))
    public List<ScoreQueries.TopCustomer> top(
            @Parameter(example = "LSJ001") @QueryParam("branch") String branch,
            @Parameter(example = "PRIVILEGE") @QueryParam("tier") String tier,
            @Parameter(example = "10") @QueryParam("n") @DefaultValue("10") int n) {
        return queries.top(branch, tier(tier), n);
    }

    @GET
    @Path("/migration")
    @Operation(summary = "Tier migration matrix between two business dates",
            description = "Each customer's tier on the two dates (its last score on or before each). Rows are the "
                    + "tier on 'from', columns the tier on 'to'; customers first scored after 'from' count as new.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "migration", value = """
                    {"from": "2026-09-30", "to": "2026-10-31", "branchCode": null, "customers": 3000, "changed": 41,
                     "newCustomers": 12, "matrix": {"PRIVILEGE": {"PRIVILEGE": 101, "EXCELLENT": 2, "POTENTIAL": 0,
                     "GENERAL": 0}}}""")))
    @APIResponse(responseCode = "400", description = "A date is missing or malformed",
            content = @Content(mediaType = ScoreResource.PROBLEM))
    public ScoreQueries.Migration migration(@Parameter(example = "2026-09-30") @QueryParam("from") String from,
                                            @Parameter(example = "2026-10-31") @QueryParam("to") String to,
                                            @Parameter(example = "LSJ001") @QueryParam("branch") String branch) {
        return queries.migration(date("from", from), date("to", to), branch);
    }

    @GET
    @Path("/alerts")
    @Operation(summary = "Key-customer watch alerts (重点客户监测), by branch",
            description = "Raised for PRIVILEGE and EXCELLENT customers whose short-window average assets fell by "
                    + "more than the model's share below the long-window average, or who have a loan past due. "
                    + "Also published on ecif.scoring-alert.v1.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "alerts", value = """
                    [{"alertId": 17, "customerNumber": "1000000001", "branchCode": "LSJ001", "kind": "BALANCE_DROP",
                      "tier": "EXCELLENT", "detail": "30-day average assets 10000.00 are 94.98% below the 90-day average 199222.22",
                      "raisedOn": "2026-05-01", "resolvedOn": null}]""")))
    public List<ScoringAlert> alerts(@Parameter(example = "LSJ001") @QueryParam("branch") String branch,
                                     @Parameter(example = "OPEN") @QueryParam("status") String status,
                                     @QueryParam("limit") @DefaultValue("100") int limit) {
        return queries.alerts(branch, status, Math.max(1, Math.min(limit, 1000)));
    }

    @POST
    @Path("/reevaluate")
    @Operation(summary = "End of day (日终): apply the downgrades and override expiries due on a business date",
            description = "Re-scores, as of the date, the customers whose downgrade grace period has run out or whose "
                    + "override has expired, so a downgrade does not wait for the customer's next event. Meant for the "
                    + "bank's end-of-day batch; TierChanged is published for each real change.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "reevaluation", value = "{\"asOf\": \"2026-11-21\", \"customers\": 14, \"changed\": 9}")))
    @APIResponse(responseCode = "400", description = "The date is missing or malformed",
            content = @Content(mediaType = ScoreResource.PROBLEM))
    public ModelService.Reevaluation reevaluate(@Parameter(example = "2026-11-21") @QueryParam("asOf") String asOf) {
        return models.reevaluate(date("asOf", asOf));
    }

    static Tier tier(String tier) {
        if (tier == null || tier.isBlank()) {
            return null;
        }
        try {
            return Tier.valueOf(tier.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw invalid("tier", "must be one of PRIVILEGE, EXCELLENT, POTENTIAL, GENERAL");
        }
    }

    static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(field, "is required (yyyy-MM-dd)");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(field, "'" + value + "' is not a date (yyyy-MM-dd)");
        }
    }

    static ProblemException invalid(String field, String reason) {
        return new ProblemException(Problem.of(400, "validation", "Invalid request", field + " " + reason)
                .withErrors(List.of(new Problem.InvalidField(null, field, reason))));
    }
}
