package org.ecifhub.scoring.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.ecifhub.commons.inbox.ProcessedEvents;
import org.ecifhub.scoring.persistence.CustomerScoreRepository;
import org.ecifhub.scoring.service.OverrideService;
import org.ecifhub.scoring.service.ScoreQueries;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Scores", description = "综合贡献度, value tiers and manual overrides")
public class ScoreResource {

    static final String PROBLEM = "application/problem+json";

    private final ScoreQueries queries;
    private final OverrideService overrides;
    private final CustomerScoreRepository scores;
    private final ProcessedEvents inbox;

    public ScoreResource(ScoreQueries queries, OverrideService overrides, CustomerScoreRepository scores,
                         ProcessedEvents inbox) {
        this.queries = queries;
        this.overrides = overrides;
        this.scores = scores;
        this.inbox = inbox;
    }

    @GET
    @Path("/customers/{customerNumber}/score")
    @Operation(summary = "A customer's score, tier, explained breakdown and history",
            description = "The score is the annualised contribution (综合贡献度) in CNY; points and every component "
                    + "with its inputs are in the breakdown, computed when read from the model version, the score date "
                    + "and the facts that produced the score. A retired (merged) customer number answers with the "
                    + "survivor's score: the score follows the party.")
    @APIResponse(responseCode = "200", description = "The score", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "excellent", value = """
                    {"customerNumber": "1000000001", "requestedCustomerNumber": "1000000001", "branchCode": "LSJ001",
                     "status": "ACTIVE", "score": 2000.00, "points": 20.0, "tier": "EXCELLENT",
                     "modelTier": "EXCELLENT", "ruleTier": "EXCELLENT",
                     "tierReason": "average assets 250000 over 90 days >= 200000", "tierSince": "2026-11-21",
                     "pendingDowngrade": null, "override": null,
                     "averages": {"assetsShortWindow": 250000.00, "assetsLongWindow": 250000.00, "loansLongWindow": 0},
                     "breakdown": {"components": [{"name": "deposit", "contribution": 2000.00, "points": 20.0,
                       "inputs": {"TIME_DEPOSIT": {"averageBalance": 250000.00, "spread": 0.0080}}}]},
                     "modelVersion": "ecif-cs-1.0", "scoreDate": "2026-11-21", "eventsApplied": 2,
                     "history": [{"scoreDate": "2026-11-21", "score": 2000.00, "points": 20.0, "tier": "EXCELLENT",
                       "ruleTier": "EXCELLENT", "averageAssets": 250000.00, "modelVersion": "ecif-cs-1.0"}],
                     "overrideAudit": []}""")))
    @APIResponse(responseCode = "404", description = "No score for this customer",
            content = @Content(mediaType = PROBLEM))
    public ScoreQueries.ScoreView score(@PathParam("customerNumber") String customerNumber) {
        return queries.score(customerNumber);
    }

    @POST
    @Path("/customers/{customerNumber}/tier-override")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Override a customer's tier (人工调整) until a date, with a reason; audited",
            description = "While the override is in force the customer keeps its tier whatever the score; "
                    + "TierChanged is published when the tier in force changes. The override ends on the first "
                    + "re-scoring after expiresOn.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "override",
            value = """
                    {"tier": "PRIVILEGE", "reason": "法人代表, 贷款审批中", "operator": "M0012",
                     "expiresOn": "2027-02-28"}""")))
    @APIResponse(responseCode = "200", description = "The score with the override in force")
    @APIResponse(responseCode = "400", description = "A field is missing or invalid",
            content = @Content(mediaType = PROBLEM, examples = @ExampleObject(name = "invalid", value = """
                    {"type": "urn:ecif:problem:validation", "title": "Invalid request", "status": 400,
                     "detail": "reason is required", "errors": [{"field": "reason", "reason": "is required"}]}""")))
    @APIResponse(responseCode = "404", description = "No score for this customer",
            content = @Content(mediaType = PROBLEM))
    public ScoreQueries.ScoreView override(
            @Parameter(example = "1000000001") @PathParam("customerNumber") String customerNumber,
            OverrideService.OverrideRequest request) {
        return queries.score(overrides.override(customerNumber, request));
    }

    @GET
    @Path("/scoring/consumption")
    @Operation(summary = "How many customer events this service has applied (operations)")
    @APIResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "consumption", value = "{\"eventsApplied\": 6600, \"customers\": 3000}")))
    public Map<String, Long> consumption() {
        return Map.of("eventsApplied", inbox.count(), "customers", scores.count());
    }
}
