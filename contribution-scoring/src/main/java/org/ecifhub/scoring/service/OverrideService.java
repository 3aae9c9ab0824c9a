package org.ecifhub.scoring.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.ecifhub.commons.problem.Problem;
import org.ecifhub.commons.problem.ProblemException;
import org.ecifhub.scoring.config.ScoringConfig;
import org.ecifhub.scoring.domain.Tier;
import org.ecifhub.scoring.persistence.CustomerScoreEntity;
import org.ecifhub.scoring.persistence.CustomerScoreRepository;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Manual tier overrides (人工调整): a tier, a reason, an operator and an expiry, audited. */
@ApplicationScoped
public class OverrideService {

    public record OverrideRequest(Tier tier, String reason, String operator, LocalDate expiresOn) {
    }

    private final CustomerScoreRepository scores;
    private final CustomerScorer scorer;
    private final ScoringConfig config;
    private final Clock clock;

    public OverrideService(CustomerScoreRepository scores, CustomerScorer scorer, ScoringConfig config, Clock clock) {
        this.scores = scores;
        this.scorer = scorer;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public String override(String customerNumber, OverrideRequest request) {
        List<Problem.InvalidField> errors = new ArrayList<>();
        if (request == null) {
            errors.add(new Problem.InvalidField(null, "tier", "is required"));
        } else {
            if (request.tier() == null) {
                errors.add(new Problem.InvalidField(null, "tier", "is required"));
            }
            if (request.reason() == null || request.reason().isBlank()) {
                errors.add(new Problem.InvalidField(null, "reason", "is required"));
            } else if (request.reason().length() > 500) {
                errors.add(new Problem.InvalidField(null, "reason", "must be at most 500 characters"));
            }
            if (request.operator() == null || request.operator().isBlank()) {
                errors.add(new Problem.InvalidField(null, "operator", "is required"));
            } else if (request.operator().length() > 64) {
                errors.add(new Problem.InvalidField(null, "operator", "must be at most 64 characters"));
            }
            LocalDate today = scorer.today();
            if (request.expiresOn() == null) {
                errors.add(new Problem.InvalidField(null, "expiresOn", "is required"));
            } else if (request.expiresOn().isBefore(today)) {
                errors.add(new Problem.InvalidField(null, "expiresOn", "must not be before today (" + today + ")"));
            } else if (request.expiresOn().isAfter(today.plusYears(1))) {
                errors.add(new Problem.InvalidField(null, "expiresOn", "must be within a year"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(400, "validation", "Invalid request",
                    errors.get(0).field() + " " + errors.get(0).reason()).withErrors(errors));
        }
        CustomerScoreEntity s = scores.findById(customerNumber, LockModeType.PESSIMISTIC_WRITE);
        if (s == null) {
            throw ProblemException.notFound("A score for customer " + customerNumber);
        }
        if (s.isRetired()) {
            throw new ProblemException(Problem.of(409, "conflict", "Conflict", "Customer " + customerNumber
                    + " was merged into " + s.mergedInto + "; override the survivor's tier"));
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        s.overrideTier = request.tier();
        s.overrideReason = request.reason();
        s.overrideOperator = request.operator();
        s.overrideExpires = request.expiresOn();
        s.updatedAt = now;
        scores.auditOverride(customerNumber, "SET", request.tier(), request.reason(), request.operator(),
                request.expiresOn(), now);
        if (s.tier != request.tier()) {
            scorer.publishTier(s, request.tier(), "manual override by " + request.operator() + " until "
                    + request.expiresOn() + ": " + request.reason(), now.atZoneSameInstant(config.businessZone())
                    .toOffsetDateTime());
        }
        return s.customerNumber;
    }
}
