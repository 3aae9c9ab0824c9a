package org.ecifhub.scoring.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.ecifhub.commons.problem.Problem;
import org.ecifhub.commons.problem.ProblemException;
import org.ecifhub.scoring.config.ScoringConfig;
import org.ecifhub.scoring.domain.MigrationMatrix;
import org.ecifhub.scoring.domain.ScoringAlert;
import org.ecifhub.scoring.domain.Scorecard;
import org.ecifhub.scoring.domain.ScoringModel;
import org.ecifhub.scoring.domain.Tier;
import org.ecifhub.scoring.persistence.CustomerScoreEntity;
import org.ecifhub.scoring.persistence.CustomerScoreRepository;
import org.ecifhub.scoring.persistence.ScoringAlertEntity;
import org.ecifhub.scoring.persistence.ScoringAlertRepository;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Read side: one customer's score with its explanation and history, structure statistics, watch alerts. */
@ApplicationScoped
public class ScoreQueries {

    private static final Logger LOG = Logger.getLogger(ScoreQueries.class);

    public record PendingDowngrade(Tier to, LocalDate belowSince, LocalDate effectiveOn) {
    }

    public record Override(Tier tier, String reason, String operator, LocalDate expiresOn) {
    }

    public record Averages(BigDecimal assetsShortWindow, BigDecimal assetsLongWindow, BigDecimal loansLongWindow) {
    }

    public record ScoreView(String customerNumber, String requestedCustomerNumber, String branchCode, String status,
                            BigDecimal score, BigDecimal points, Tier tier, Tier modelTier, Tier ruleTier,
                            String tierReason, LocalDate tierSince, PendingDowngrade pendingDowngrade,
                            Override override, Averages averages, JsonNode breakdown, String modelVersion,
                            LocalDate scoreDate, long eventsApplied, OffsetDateTime updatedAt,
                            List<CustomerScoreRepository.HistoryRow> history,
                            List<CustomerScoreRepository.OverrideAudit> overrideAudit) {
    }

    public record TopCustomer(String customerNumber, String branchCode, Tier tier, BigDecimal score, BigDecimal points,
                              BigDecimal averageAssets, BigDecimal averageLoans) {
    }

    public record Migration(LocalDate from, LocalDate to, String branchCode, long customers, long changed,
                            long newCustomers, Map<Tier, Map<Tier, Long>> matrix) {
    }

    private final CustomerScoreRepository scores;
    private final ScoringAlertRepository alerts;
    private final ModelCatalog catalog;
    private final ObjectMapper mapper;
    private final ScoringConfig config;
    private final CustomerScorer scorer;

    public ScoreQueries(CustomerScoreRepository scores, ScoringAlertRepository alerts, ModelCatalog catalog,
                        ObjectMapper mapper, ScoringConfig config, CustomerScorer scorer) {
        this.scorer = scorer;
        this.scores = scores;
        this.alerts = alerts;
        this.catalog = catalog;
        this.mapper = mapper;
        this.config = config;
    }

    /** The score follows the party: a retired (merged) number answers with its survivor's score. */
    @Transactional
    public ScoreView score(String customerNumber) {
        CustomerScoreEntity s = scores.findById(customerNumber);
        for (int hops = 0; s != null && s.isRetired() && s.mergedInto != null && hops < 10; hops++) {
            s = scores.findById(s.mergedInto);
        }
        if (s == null || s.tier == null) {
            throw ProblemException.notFound("A score for customer " + customerNumber);
        }
        int grace = catalog.active().gracePeriodDays();
        PendingDowngrade pending = s.belowSince == null ? null
                : new PendingDowngrade(s.ruleTier, s.belowSince, s.belowSince.plusDays(grace));
        Override override = s.overrideTier == null ? null
                : new Override(s.overrideTier, s.overrideReason, s.overrideOperator, s.overrideExpires);
        return new ScoreView(s.customerNumber, customerNumber, s.branchCode, s.status, s.score, s.points, s.tier,
                s.modelTier, s.ruleTier, s.tierReason, s.tierSince, pending, override,
                new Averages(s.assetsShort, s.assetsLong, s.loansLong), explain(s), s.modelVersion,
                s.scoreDate, s.eventsApplied, s.updatedAt, scores.history(s.customerNumber, config.historySize()),
                scores.overrideAudit(s.customerNumber));
    }

    @Transactional
    public List<CustomerScoreRepository.StructureRow> structure(String branchCode) {
        return scores.structure(branchCode);
    }

    @Transactional
    public List<TopCustomer> top(String branchCode, Tier tier, int n) {
        if (n < 1 || n > 1000) {
            throw invalid("n", "must be between 1 and 1000");
        }
        return scores.top(branchCode, tier, n).stream().map(s -> new TopCustomer(s.customerNumber, s.branchCode,
                s.tier, s.score, s.points, s.assetsLong, s.loansLong)).toList();
    }

    @Transactional
    public Migration migration(LocalDate from, LocalDate to, String branchCode) {
        if (from == null) {
            throw invalid("from", "is required (yyyy-MM-dd)");
        }
        if (to == null) {
            throw invalid("to", "is required (yyyy-MM-dd)");
        }
        if (to.isBefore(from)) {
            throw invalid("to", "must not be before from");
        }
        MigrationMatrix matrix = new MigrationMatrix();
        for (Object[] r : scores.tiersOn(from, to, branchCode)) {
            Tier a = r[0] == null ? null : Tier.valueOf((String) r[0]);
            Tier b = Tier.valueOf((String) r[1]);
            long n = ((Number) r[2]).longValue();
            matrix.add(a, b, n);
        }
        return new Migration(from, to, branchCode, matrix.total(), matrix.changed(), matrix.newCustomers(),
                matrix.counts());
    }

    @Transactional
    public List<ScoringAlert> alerts(String branchCode, String status, int limit) {
        String st = status == null ? ScoringAlertEntity.OPEN : status.toUpperCase();
        if (!st.equals(ScoringAlertEntity.OPEN) && !st.equals(ScoringAlertEntity.RESOLVED)) {
            throw invalid("status", "must be OPEN or RESOLVED");
        }
        return alerts.list(branchCode, st, limit).stream().map(CustomerScorer::view).toList();
    }

    /**
     * The breakdown of the stored score, computed again from what produced it: the model version that scored it
     * (stored versions never change), the score date, and the customer's facts, which only change through events
     * that re-score the customer in the same transaction. Not stored with every score, which would write and
     * relay about 1.4 KB of JSON per applied event for the few customers whose explanation is ever read.
     */
    private JsonNode explain(CustomerScoreEntity s) {
        ScoringModel model = s.modelVersion == null || s.scoreDate == null ? null : catalog.version(s.modelVersion);
        if (model == null) {
            return null;
        }
        Scorecard card = scorer.scorecards(List.of(s), model).get(s.customerNumber);
        if (card.contribution().compareTo(s.score) != 0) {
            // Not expected: the facts changed without a re-score. The breakdown shown is what the facts give now.
            LOG.warnf("Customer %s: stored score %s, its facts as of %s give %s", s.customerNumber, s.score,
                    s.scoreDate, card.contribution());
        }
        Map<String, Object> breakdown = new LinkedHashMap<>();
        breakdown.put("components", card.components());
        breakdown.put("averages", card.averages());
        try {
            // Written and read back so that numbers read as they always have (the stored jsonb did the same).
            return mapper.readTree(mapper.writeValueAsString(breakdown));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ProblemException invalid(String field, String reason) {
        return new ProblemException(Problem.of(400, "validation", "Invalid request", field + " " + reason)
                .withErrors(List.of(new Problem.InvalidField(null, field, reason))));
    }
}
