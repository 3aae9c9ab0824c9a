package org.ecifhub.scoring.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.ecifhub.commons.inbox.ProcessedEvents;
import org.ecifhub.commons.problem.ProblemException;
import org.ecifhub.scoring.domain.Tier;
import org.ecifhub.scoring.persistence.CustomerScoreRepository;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Scores", description = "综合贡献度 and value tiers")
public class ScoreResource {

    public record ScoreView(String customerNumber, String branchCode, BigDecimal score, Tier tier, long eventsApplied,
                            OffsetDateTime updatedAt) {
    }

    private final CustomerScoreRepository scores;
    private final ProcessedEvents inbox;

    public ScoreResource(CustomerScoreRepository scores, ProcessedEvents inbox) {
        this.scores = scores;
        this.inbox = inbox;
    }

    @GET
    @Path("/customers/{customerNumber}/score")
    @Operation(summary = "A customer's score and tier")
    public ScoreView score(@PathParam("customerNumber") String customerNumber) {
        return scores.findByIdOptional(customerNumber)
                .map(s -> new ScoreView(s.customerNumber, s.branchCode, s.score, s.tier, s.eventsApplied, s.updatedAt))
                .orElseThrow(() -> ProblemException.notFound("A score for customer " + customerNumber));
    }

    @GET
    @Path("/scoring/consumption")
    @Operation(summary = "How many customer events this service has applied (operations)")
    public Map<String, Long> consumption() {
        return Map.of("eventsApplied", inbox.count(), "customers", scores.count());
    }
}
