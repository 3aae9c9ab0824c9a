package org.ecifhub.scoring.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.ecifhub.commons.inbox.TransientFailures;
import org.ecifhub.commons.problem.Problem;
import org.ecifhub.commons.problem.ProblemException;
import org.ecifhub.scoring.config.ScoringConfig;
import org.ecifhub.scoring.domain.MigrationMatrix;
import org.ecifhub.scoring.domain.ScoringModel;
import org.ecifhub.scoring.domain.Tier;
import org.ecifhub.scoring.persistence.CustomerScoreEntity;
import org.ecifhub.scoring.persistence.CustomerScoreRepository;
import org.ecifhub.scoring.persistence.ScoringJobRepository;
import org.ecifhub.scoring.persistence.ScoringJobRepository.JobRow;
import org.ecifhub.scoring.persistence.ScoringJobRepository.PartRow;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Model activation as a background job. The request switches the active model and records the job, with the
 * active customers split into {@code ecif.scoring.activation-workers} ranges of customer numbers. One worker per
 * range then walks it in customer number order (keyset pages of {@code ecif.scoring.activation-page-size}, one
 * transaction each, the rows locked as the consumer locks them), re-scores the page set-based and publishes
 * TierChanged only for real changes. The ranges are disjoint, so the workers never wait on each other, and the
 * database and the scoring code work side by side. Each page's transaction also records its range's progress, so
 * a service stopped mid-way resumes every range after its last committed page when it starts again.
 */
@ApplicationScoped
public class ActivationJobs {

    private static final Logger LOG = Logger.getLogger(ActivationJobs.class);
    private static final TypeReference<Map<Tier, Map<Tier, Long>>> MATRIX = new TypeReference<>() {
    };

    /** A job as an operator follows it. {@code matrix}: tier before (rows) and after (columns) so far. */
    public record Job(UUID id, String kind, String modelVersion, String previousVersion, String status, long total,
                      long processed, long changed, int percent, Map<Tier, Map<Tier, Long>> matrix, String error,
                      OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime finishedAt, Long millis) {
    }

    private final ModelService models;
    private final ScoringJobRepository jobs;
    private final CustomerScoreRepository scores;
    private final CustomerScorer scorer;
    private final ScoringConfig config;
    private final ObjectMapper mapper;
    private final Clock clock;
    // Jobs run one at a time (the database allows one RUNNING job), each range of a job on a thread of its own.
    private final ExecutorService coordinator = Executors.newSingleThreadExecutor(named("scoring-activation"));
    private final ExecutorService workers;

    public ActivationJobs(ModelService models, ScoringJobRepository jobs, CustomerScoreRepository scores,
                          CustomerScorer scorer, ScoringConfig config, ObjectMapper mapper, Clock clock) {
        this.models = models;
        this.jobs = jobs;
        this.scores = scores;
        this.scorer = scorer;
        this.config = config;
        this.mapper = mapper;
        this.clock = clock;
        this.workers = Executors.newFixedThreadPool(config.activationWorkers(), named("scoring-activation-range"));
    }

    private static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** A job a stopped service left running goes on where its ranges' last pages committed. */
    void resume(@Observes StartupEvent event) {
        for (JobRow job : QuarkusTransaction.requiringNew().call(jobs::running)) {
            LOG.infof("Resuming the activation of %s", job.modelVersion());
            coordinator.submit(() -> run(job.id()));
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        // The job stays RUNNING in the database: the next start resumes it after its last committed pages.
        coordinator.shutdownNow();
        workers.shutdownNow();
        workers.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** Activates {@code version} at once and starts re-scoring every active customer with it in the background. */
    public Job activate(String version) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            if (!jobs.running().isEmpty()) {
                throw new ProblemException(Problem.of(409, "conflict", "Conflict",
                        "An activation is still running: " + jobs.running().get(0).id()));
            }
            String previous = models.switchActive(version);
            long total = scores.countActive();
            jobs.insert(id, ScoringJobRepository.ACTIVATION, version, previous, total, OffsetDateTime.now(clock));
            jobs.split(id, total, config.activationWorkers());
        });
        coordinator.submit(() -> run(id));
        return get(id);
    }

    public Job get(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> view(jobs.find(id)
                .orElseThrow(() -> ProblemException.notFound("Scoring job " + id))));
    }

    public List<Job> recent() {
        return QuarkusTransaction.requiringNew().call(() -> jobs.newestFirst(20).stream().map(this::view).toList());
    }

    void run(UUID id) {
        String error = null;
        try {
            JobRow job = QuarkusTransaction.requiringNew().call(() -> jobs.find(id).orElseThrow());
            ScoringModel model = models.parameters(job.modelVersion());
            List<Future<?>> ranges = new ArrayList<>();
            for (PartRow part : QuarkusTransaction.requiringNew().call(() -> jobs.parts(id))) {
                if (!part.done()) {
                    ranges.add(workers.submit(() -> walk(id, part, model)));
                }
            }
            for (Future<?> range : ranges) {
                try {
                    range.get();
                } catch (ExecutionException e) {
                    LOG.errorf(e.getCause(), "A range of the activation job %s failed", id);
                    error = error != null ? error : message(e.getCause());
                }
            }
        } catch (InterruptedException e) {
            // Stopping: the job stays RUNNING and is resumed at the next start.
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            LOG.errorf(e, "The activation job %s failed", id);
            error = message(e);
        }
        String failure = error;
        QuarkusTransaction.requiringNew().run(() -> jobs.finish(id,
                failure == null ? ScoringJobRepository.SUCCEEDED : ScoringJobRepository.FAILED,
                failure == null ? null : CustomerScorer.truncate(failure, 2000), OffsetDateTime.now(clock)));
    }

    /** One range, page after page; its progress commits with each page. */
    private void walk(UUID id, PartRow part, ScoringModel model) {
        MigrationMatrix matrix = matrix(part.matrix());
        String after = part.resumeAfter() != null ? part.resumeAfter() : part.afterKey();
        while (!Thread.currentThread().isInterrupted()) {
            MigrationMatrix base = matrix;
            String from = after;
            MigrationMatrix[] next = new MigrationMatrix[1];
            String[] last = new String[1];
            // A deadlock with the consumer (it locks customers too) rolls the page back: it is simply retried.
            TransientFailures.retry(5, Duration.ofMillis(200), () -> QuarkusTransaction.requiringNew().run(() -> {
                List<CustomerScoreEntity> rows = scores.lockActiveRowsAfter(from, part.upTo(),
                        config.activationPageSize());
                if (rows.isEmpty()) {
                    jobs.partDone(id, part.part());
                    return;
                }
                Map<String, Tier> before = new HashMap<>();
                rows.forEach(s -> before.put(s.customerNumber, s.tier));
                int changed = scorer.rescoreRows(rows, model, CustomerScorer.Mode.ACTIVATION, null);
                MigrationMatrix page = copy(base);
                rows.forEach(s -> page.add(before.get(s.customerNumber), s.tier));
                last[0] = rows.get(rows.size() - 1).customerNumber;
                jobs.progress(id, part.part(), rows.size(), changed, json(page.counts()), last[0]);
                next[0] = page;
            }));
            if (last[0] == null) {
                return;
            }
            matrix = next[0];
            after = last[0];
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private Job view(JobRow r) {
        List<PartRow> parts = jobs.parts(r.id());
        MigrationMatrix matrix = new MigrationMatrix();
        long processed = 0;
        long changed = 0;
        for (PartRow p : parts) {
            processed += p.processed();
            changed += p.changed();
            matrix(p.matrix()).counts().forEach((from, row) -> row.forEach((to, n) -> matrix.add(from, to, n)));
        }
        Long millis = r.finishedAt() == null ? null : Duration.between(r.createdAt(), r.finishedAt()).toMillis();
        // Customers created or merged away while the job runs move the count a little: done is 100, not before.
        int percent = ScoringJobRepository.SUCCEEDED.equals(r.status()) ? 100
                : r.total() == 0 ? 0 : (int) Math.min(99, processed * 100 / r.total());
        return new Job(r.id(), r.kind(), r.modelVersion(), r.previousVersion(), r.status(), r.total(), processed,
                changed, percent, matrix.counts(), r.error(), r.createdAt(), r.updatedAt(), r.finishedAt(), millis);
    }

    private MigrationMatrix matrix(String json) {
        MigrationMatrix m = new MigrationMatrix();
        try {
            Map<Tier, Map<Tier, Long>> counts = json == null ? Map.of() : mapper.readValue(json, MATRIX);
            counts.forEach((from, row) -> row.forEach((to, n) -> m.add(from, to, n)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable job matrix", e);
        }
        return m;
    }

    private static MigrationMatrix copy(MigrationMatrix m) {
        MigrationMatrix c = new MigrationMatrix();
        m.counts().forEach((from, row) -> row.forEach((to, n) -> c.add(from, to, n)));
        return c;
    }

    private String json(Map<Tier, Map<Tier, Long>> counts) {
        try {
            return mapper.writeValueAsString(counts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
