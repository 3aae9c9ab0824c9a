package org.ecifhub.customermaster.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.ecifhub.commons.problem.JsonPaths;
import org.ecifhub.commons.problem.Problem;
import org.ecifhub.commons.problem.ProblemException;
import org.ecifhub.customermaster.config.CustomerMasterConfig;
import org.ecifhub.customermaster.domain.FieldError;
import org.ecifhub.customermaster.persistence.ImportJobStore;
import org.ecifhub.customermaster.service.FeedIngestionService.RawRecord;
import org.jboss.logging.Logger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Bulk imports: the file is streamed to disk (never held in memory), answered with a job id, and consolidated in
 * the background, batch by batch, through the same checks and transactions as the synchronous feed. Progress is
 * committed per batch; after a restart an unfinished job resumes at the first record of its last uncommitted
 * batch (records already consolidated come back UNCHANGED and announce nothing).
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    /** Records per batch: one transaction, a handful of set-based queries and COPYs. */
    static final int BATCH = 2000;
    static final Set<String> FORMATS = Set.of("NDJSON", "CSV");

    public record JobView(UUID id, String source, String format, String state, long total, long processed,
                          long rejected, Double recordsPerSecond, String error, OffsetDateTime createdAt,
                          OffsetDateTime startedAt, OffsetDateTime finishedAt) {
    }

    public record RejectedView(long index, JsonNode errors, String raw) {
    }

    private final ImportJobStore jobs;
    private final FeedIngestionService ingestion;
    private final CustomerMasterConfig config;
    private final ObjectMapper mapper;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "bulk-import"));
    /**
     * Set when the service stops. An import interrupted then (its file read cut off, its next batch refused) stays
     * RUNNING and resumes after its last committed batch at the next start, rather than being marked FAILED.
     */
    private volatile boolean stopping;
    /**
     * Parses, checks and prepares the next batch while the worker writes the current one: that work needs no
     * database, and on two cores it would otherwise leave one idle while PostgreSQL writes.
     */
    private final ExecutorService preparer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bulk-import-prepare");
        t.setDaemon(true);
        return t;
    });

    public ImportService(ImportJobStore jobs, FeedIngestionService ingestion, CustomerMasterConfig config,
                         ObjectMapper mapper) {
        this.jobs = jobs;
        this.ingestion = ingestion;
        this.config = config;
        this.mapper = mapper;
    }

    void resumeUnfinished(@Observes StartupEvent event) {
        resumeUnfinishedJobs();
    }

    /** Picks up jobs a stop or crash interrupted, from the first record after their last committed batch. */
    public void resumeUnfinishedJobs() {
        for (UUID id : jobs.unfinished()) {
            LOG.infof("Resuming bulk import %s", id);
            worker.execute(() -> run(id));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // Only now: a worker still waiting for a prepared batch gets it cancelled rather than never completed.
            for (Runnable queued : preparer.shutdownNow()) {
                if (queued instanceof Future<?> f) {
                    f.cancel(true);
                }
            }
        }
    }

    public JobView start(String source, String format, InputStream body) {
        if (!ingestion.isKnownSource(source)) {
            throw new ProblemException(Problem.of(400, "unknown-source", "Unknown source system",
                    "Source '" + source + "' is not one of " + config.sources())
                    .withErrors(List.of(new Problem.InvalidField(null, "source", "unknown source system"))));
        }
        UUID id = UUID.randomUUID();
        Path file = importDirectory().resolve(id + "." + format.toLowerCase());
        try {
            Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the import file", e);
        }
        jobs.create(id, source, format, file.toString());
        worker.execute(() -> run(id));
        return view(jobs.find(id).orElseThrow());
    }

    public JobView job(UUID id) {
        return jobs.find(id).map(this::view).orElseThrow(() -> ProblemException.notFound("Import " + id));
    }

    /** The newest imports first, optionally only in the given states (QUEUED, RUNNING, COMPLETED, FAILED). */
    public List<JobView> recent(List<String> states, int limit) {
        return jobs.recent(states, limit).stream().map(this::view).toList();
    }

    public List<RejectedView> rejected(UUID id, int page, int size) {
        job(id);
        return jobs.rejected(id, page, size).stream().map(r -> new RejectedView(r.index(), read(r.errorsJson()), r.raw()))
                .toList();
    }

    /** A line of the file and its index (blank lines not counted). */
    private record Line(int index, String text) {
    }

    /** A batch being checked and prepared, and the index of the first record after it. */
    private record Pending(Future<FeedIngestionService.CheckedBatch> batch, long nextIndex) {
    }

    private void run(UUID id) {
        ImportJobStore.Job job = jobs.find(id).orElseThrow();
        jobs.started(id);
        Pending pending = null;
        try (BufferedReader in = reader(Path.of(job.filePath()))) {
            CsvFeedRecords csv;
            if ("CSV".equals(job.format())) {
                String header = in.readLine();
                if (header == null) {
                    throw new IllegalArgumentException("the CSV file is empty: a header line is required");
                }
                csv = new CsvFeedRecords(header, mapper);
            } else {
                csv = null;
            }
            long index = 0;
            List<Line> lines = new ArrayList<>(BATCH);
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (index >= job.nextIndex()) {
                    lines.add(new Line((int) index, line));
                }
                index++;
                if (lines.size() == BATCH) {
                    pending = prepareNextThenCommit(job, pending, lines, index, csv);
                    lines = new ArrayList<>(BATCH);
                }
            }
            if (!lines.isEmpty()) {
                pending = prepareNextThenCommit(job, pending, lines, index, csv);
            }
            if (pending != null) {
                commit(job, pending);
                pending = null;
            }
            jobs.progress(id, index, 0, 0);
            jobs.finished(id, "COMPLETED", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.infof("Bulk import %s interrupted by the service stopping; it resumes at the next start", id);
        } catch (RuntimeException | IOException e) {
            if (stopping) {
                LOG.infof("Bulk import %s cut off by the service stopping (%s); it resumes at the next start", id,
                        e.toString());
            } else {
                LOG.errorf(e, "Bulk import %s failed", id);
                jobs.finished(id, "FAILED", String.valueOf(e.getMessage()));
            }
        } catch (Error e) {
            jobs.finished(id, "FAILED", e.toString());
            throw e;
        } finally {
            if (pending != null) {
                pending.batch().cancel(true);
            }
        }
    }

    /** Hands these lines to the preparer, then commits the batch prepared before (if any) meanwhile. */
    private Pending prepareNextThenCommit(ImportJobStore.Job job, Pending previous, List<Line> lines, long nextIndex,
                                          CsvFeedRecords csv) throws InterruptedException {
        Pending next = new Pending(preparer.submit(() -> ingestion.checkBatch(job.source(), lines.stream()
                .map(l -> parse(job.source(), l.index(), l.text(), csv)).toList())), nextIndex);
        if (previous != null) {
            try {
                commit(job, previous);
            } catch (RuntimeException | InterruptedException e) {
                next.batch().cancel(true);
                throw e;
            }
        }
        return next;
    }

    private void commit(ImportJobStore.Job job, Pending pending) throws InterruptedException {
        FeedIngestionService.CheckedBatch batch;
        try {
            batch = pending.batch().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
        ingestion.ingestBatch(batch, job.id(), result -> jobs.progress(job.id(), pending.nextIndex(),
                result.accepted().size() + result.rejected().size(), result.rejected().size()));
    }

    private RawRecord parse(String source, int index, String line, CsvFeedRecords csv) {
        if (line.indexOf('\uFFFD') >= 0) {
            return new RawRecord(index, null, line, new FieldError("(record)", "not valid UTF-8"));
        }
        try {
            JsonNode node = csv != null ? csv.toJson(source, line) : mapper.readTree(line);
            if (!node.isObject()) {
                return new RawRecord(index, null, line, new FieldError("(record)", "must be a JSON object"));
            }
            return new RawRecord(index, node, line, null);
        } catch (JsonProcessingException e) {
            return new RawRecord(index, null, line, new FieldError("(record)", JsonPaths.reason(e)));
        } catch (IllegalArgumentException e) {
            return new RawRecord(index, null, line, new FieldError("(record)", e.getMessage()));
        }
    }

    /** Invalid UTF-8 becomes U+FFFD, so that one bad line is refused without losing the rest of the file. */
    private static BufferedReader reader(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)), 1 << 16);
    }

    private Path importDirectory() {
        try {
            return Files.createDirectories(Path.of(config.importDirectory()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JobView view(ImportJobStore.Job j) {
        Double rate = null;
        if (j.startedAt() != null && j.processed() > 0) {
            OffsetDateTime end = j.finishedAt() != null ? j.finishedAt() : OffsetDateTime.now();
            double seconds = Math.max(0.001, Duration.between(j.startedAt(), end).toMillis() / 1000.0);
            rate = Math.round(j.processed() / seconds * 10) / 10.0;
        }
        return new JobView(j.id(), j.source(), j.format(), j.state(), j.total(), j.processed(), j.rejected(), rate,
                j.error(), j.createdAt(), j.startedAt(), j.finishedAt());
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
