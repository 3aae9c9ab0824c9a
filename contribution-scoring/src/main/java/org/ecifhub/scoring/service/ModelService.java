package org.ecifhub.scoring.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.ecifhub.commons.problem.Problem;
import org.ecifhub.commons.problem.ProblemException;
import org.ecifhub.scoring.config.ScoringConfig;
import org.ecifhub.scoring.domain.FieldError;
import org.ecifhub.scoring.domain.MigrationMatrix;
import org.ecifhub.scoring.domain.Scorecard;
import org.ecifhub.scoring.domain.ScoringModel;
import org.ecifhub.scoring.domain.Tier;
import org.ecifhub.scoring.persistence.CustomerScoreEntity;
import org.ecifhub.scoring.persistence.CustomerScoreRepository;
import org.ecifhub.scoring.persistence.ScoringModelEntity;
import org.ecifhub.scoring.persistence.ScoringModelRepository;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Model versions: store a draft, simulate it against the active one, activate it (re-scoring everyone). */
@ApplicationScoped
public class ModelService {

    public record StoredModel(String version, String status, String createdBy, OffsetDateTime createdAt,
                              OffsetDateTime activatedAt, ScoringModel parameters) {
    }

    /** One customer who would move: for the people approving the activation. */
    public record Move(String customerNumber, String branchCode, Tier from, Tier to, String reason) {
    }

    public record Simulation(String candidate, String active, long customers, long changed,
                             Map<Tier, Map<Tier, Long>> matrix, List<Move> sample) {
    }

    private static final int SAMPLE = 20;

    private final ScoringModelRepository models;
    private final CustomerScoreRepository scores;
    private final ModelCatalog catalog;
    private final CustomerScorer scorer;
    private final ScoringConfig config;
    private final Clock clock;

    public ModelService(ScoringModelRepository models, CustomerScoreRepository scores, ModelCatalog catalog,
                        CustomerScorer scorer, ScoringConfig config, Clock clock) {
        this.models = models;
        this.scores = scores;
        this.catalog = catalog;
        this.scorer = scorer;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public List<StoredModel> list() {
        catalog.active();
        return models.newestFirst().stream().map(this::view).toList();
    }

    @Transactional
    public StoredModel get(String version) {
        if ("active".equals(version)) {
            catalog.active();
            return view(models.active().orElseThrow());
        }
        return view(find(version));
    }

    @Transactional
    public StoredModel create(ScoringModel model, String createdBy) {
        List<Problem.InvalidField> errors = new ArrayList<>();
        if (createdBy == null || createdBy.isBlank()) {
            errors.add(new Problem.InvalidField(null, "createdBy", "is required"));
        }
        if (model == null) {
            errors.add(new Problem.InvalidField(null, "model", "is required"));
        } else {
            for (FieldError e : model.validate()) {
                errors.add(new Problem.InvalidField(null, "model." + e.field(), e.reason()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(400, "validation", "Invalid request",
                    "The model was refused: " + errors.get(0).field() + " " + errors.get(0).reason())
                    .withErrors(errors));
        }
        if (models.findById(model.version()) != null) {
            throw new ProblemException(Problem.of(409, "conflict", "Conflict",
                    "Model version " + model.version() + " already exists; versions are never changed")
                    .withErrors(List.of(new Problem.InvalidField(null, "model.version", "already exists"))));
        }
        ScoringModelEntity e = catalog.toEntity(model, createdBy);
        models.persist(e);
        return view(e);
    }

    /** What activating {@code version} would do: every active customer's tier now (rows) and then (columns). */
    public Simulation simulate(String version) {
        ScoringModel candidate = QuarkusTransaction.requiringNew().call(() -> catalog.parse(find(version)));
        String active = QuarkusTransaction.requiringNew().call(() -> catalog.active().version());
        MigrationMatrix matrix = new MigrationMatrix();
        List<Move> sample = new ArrayList<>();
        String after = null;
        while (true) {
            String from = after;
            List<CustomerScoreEntity> page = QuarkusTransaction.requiringNew().call(() -> {
                List<CustomerScoreEntity> batch = scores.activeAfter(from, config.rescoreBatchSize());
                Map<String, Scorecard> cards = scorer.scorecards(batch, candidate);
                for (CustomerScoreEntity s : batch) {
                    Scorecard card = cards.get(s.customerNumber);
                    Tier override = scorer.activeOverride(s);
                    Tier to = override != null ? override : card.ruleTier();
                    matrix.add(s.tier, to);
                    if (s.tier != to && sample.size() < SAMPLE) {
                        sample.add(new Move(s.customerNumber, s.branchCode, s.tier, to, card.tierReason()));
                    }
                }
                return batch;
            });
            if (page.isEmpty()) {
                break;
            }
            after = page.get(page.size() - 1).customerNumber;
        }
        return new Simulation(version, active, matrix.total(), matrix.changed(), matrix.counts(), sample);
    }

    /**
     * Makes {@code version} the active model (the previous one is retired) and returns the previous version; the
     * re-scoring of every customer is {@link ActivationJobs}'s.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    String switchActive(String version) {
        catalog.active();
        ScoringModelEntity target = find(version);
        if (ScoringModelEntity.ACTIVE.equals(target.status)) {
            throw new ProblemException(Problem.of(409, "conflict", "Conflict",
                    "Model " + version + " is already active"));
        }
        ScoringModelEntity current = models.active().orElseThrow();
        current.status = ScoringModelEntity.RETIRED;
        models.flush();
        target.status = ScoringModelEntity.ACTIVE;
        target.activatedAt = OffsetDateTime.now(clock);
        return current.version;
    }

    ScoringModel parameters(String version) {
        return QuarkusTransaction.requiringNew().call(() -> catalog.parse(find(version)));
    }

    public record Reevaluation(LocalDate asOf, long customers, long changed) {
    }

    /**
     * End of day (日终): re-scores, as of the business date {@code asOf}, the customers whose downgrade grace
     * period has run out by then or whose override has expired, so a downgrade does not wait for the customer's
     * next event. Balances hold until the next snapshot, so scoring at a later date is sound; a customer is never
     * scored earlier than its own latest balance date.
     */
    public Reevaluation reevaluate(LocalDate asOf) {
        ScoringModel model = QuarkusTransaction.requiringNew().call(catalog::active);
        LocalDate cutoff = asOf.minusDays(model.gracePeriodDays());
        long customers = 0;
        long changed = 0;
        String after = null;
        while (true) {
            String from = after;
            long[] counts = new long[2];
            List<CustomerScoreEntity> page = QuarkusTransaction.requiringNew().call(() -> {
                List<CustomerScoreEntity> batch = scores.dueAfter(from, cutoff, asOf, config.rescoreBatchSize());
                if (batch.isEmpty()) {
                    return batch;
                }
                List<CustomerScoreEntity> locked = scores.find("customerNumber in ?1 order by customerNumber",
                        CustomerScorer.numbers(batch)).withLock(LockModeType.PESSIMISTIC_WRITE).list();
                for (CustomerScoreEntity s : locked) {
                    if (s.scoreDate == null || s.scoreDate.isBefore(asOf)) {
                        s.scoreDate = asOf;
                    }
                }
                counts[0] = locked.size();
                counts[1] = scorer.rescore(locked, model, CustomerScorer.Mode.EVENT, s -> "end of day " + asOf);
                return batch;
            });
            if (page.isEmpty()) {
                break;
            }
            customers += counts[0];
            changed += counts[1];
            after = page.get(page.size() - 1).customerNumber;
        }
        return new Reevaluation(asOf, customers, changed);
    }

    private ScoringModelEntity find(String version) {
        ScoringModelEntity e = models.findById(version);
        if (e == null) {
            throw ProblemException.notFound("Scoring model " + version);
        }
        return e;
    }

    private StoredModel view(ScoringModelEntity e) {
        return new StoredModel(e.version, e.status, e.createdBy, e.createdAt, e.activatedAt, catalog.parse(e));
    }
}
