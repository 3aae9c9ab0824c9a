package org.ecifhub.assignment.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.ecifhub.assignment.persistence.AssignedCustomerRepository;
import org.ecifhub.assignment.persistence.ReevaluationJobEntity;
import org.ecifhub.assignment.persistence.ReevaluationJobRepository;
import org.ecifhub.commons.inbox.TransientFailures;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Re-evaluates every unlocked customer against the coverage policy, after a coverage-policy change (configuration,
 * restart) or after staff were added, as a background job: customers are read a page of {@value #PAGE} at a time by
 * keyset (customer number), and each page is decided and written in one transaction together with the job's
 * progress ({@link AssignmentService#reevaluateBatch}). A page holds its customers' rows and its branches'
 * assignment locks only for that page, so events and manual assignments go on during a long run; customers who
 * still fit keep their owner and publish nothing. A job interrupted by a restart resumes after its last page.
 */
@ApplicationScoped
public class ReevaluationService {

    static final int PAGE = 1000;
    private static final Logger LOG = Logger.getLogger(ReevaluationService.class);

    /** What a job did so far. {@code customers} is how many there were to re-evaluate when it started. */
    public record Job(UUID id, String status, String operator, String reason, long customers, long processed,
                      long changed, int percent, OffsetDateTime startedAt, OffsetDateTime finishedAt, Long millis,
                      String error) {

        static Job of(ReevaluationJobEntity e) {
            int percent = e.customers == 0 ? ("RUNNING".equals(e.status) ? 0 : 100)
                    : (int) Math.min(100, e.processed * 100 / e.customers);
            Long millis = e.finishedAt == null ? null : Duration.between(e.createdAt, e.finishedAt).toMillis();
            return new Job(e.id, e.status, e.operator, e.reason, e.customers, e.processed, e.changed,
                    "SUCCEEDED".equals(e.status) ? 100 : percent, e.createdAt, e.finishedAt, millis, e.error);
        }
    }

    private final AssignedCustomerRepository customers;
    private final ReevaluationJobRepository jobs;
    private final AssignmentService assignment;
    private final Clock clock;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "assignment-reevaluation");
        t.setDaemon(true);
        return t;
    });

    public ReevaluationService(AssignedCustomerRepository customers, ReevaluationJobRepository jobs,
                               AssignmentService assignment, Clock clock) {
        this.customers = customers;
        this.jobs = jobs;
        this.assignment = assignment;
        this.clock = clock;
    }

    /** Starts a job; 409 while another runs. */
    public Job start(String operator, String reason) {
        if (operator == null || operator.isBlank()) {
            throw Problems.invalid("operator", "is required");
        }
        if (reason != null && reason.length() > 300) {
            throw Problems.invalid("reason", "is longer than 300 characters");
        }
        ReevaluationJobEntity job = QuarkusTransaction.requiringNew().call(() -> {
            jobs.running().ifPresent(r -> {
                throw Problems.conflict(null, "re-evaluation " + r.id + " is running: see /api/v1/assignment/reevaluation/"
                        + r.id);
            });
            ReevaluationJobEntity e = new ReevaluationJobEntity();
            e.id = UUID.randomUUID();
            e.status = "RUNNING";
            e.operator = operator;
            e.reason = reason == null || reason.isBlank() ? null : reason;
            e.customers = customers.countToReevaluate();
            e.createdAt = OffsetDateTime.now(clock);
            jobs.persist(e);
            return e;
        });
        runner.execute(() -> run(job.id));
        return Job.of(job);
    }

    public Job find(UUID id) {
        ReevaluationJobEntity e = QuarkusTransaction.requiringNew().call(() -> jobs.findById(id));
        if (e == null) {
            throw Problems.notFound("Re-evaluation " + id);
        }
        return Job.of(e);
    }

    public List<Job> latest() {
        return QuarkusTransaction.requiringNew().call(() -> jobs.latest(20).stream().map(Job::of).toList());
    }

    /** A job left RUNNING by a stop goes on from its last committed page. */
    void resume(@Observes StartupEvent start) {
        QuarkusTransaction.requiringNew().call(() -> jobs.running())
                .ifPresent(j -> runner.execute(() -> run(j.id)));
    }

    void stop(@Observes ShutdownEvent stop) {
        runner.shutdownNow();
        try {
            runner.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(UUID id) {
        try {
            boolean[] more = {true};
            while (more[0] && !Thread.currentThread().isInterrupted()) {
                TransientFailures.retry(() -> more[0] = QuarkusTransaction.requiringNew().call(() -> nextPage(id)));
            }
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // stopping: the job stays RUNNING and resumes at the next start
            }
            LOG.errorf(e, "Re-evaluation %s failed", id);
            QuarkusTransaction.requiringNew().run(() -> {
                ReevaluationJobEntity job = jobs.findById(id);
                job.status = "FAILED";
                job.error = String.valueOf(e.getMessage()).substring(0, Math.min(1000, String.valueOf(e.getMessage()).length()));
                job.finishedAt = OffsetDateTime.now(clock);
            });
        }
    }

    /**
     * Re-evaluates the next page and records the progress, in the caller's (new) transaction; the caller tries a
     * page that failed for a transient reason (a deadlock with an event being applied) again.
     *
     * @return whether there may be more
     */
    private boolean nextPage(UUID id) {
        ReevaluationJobEntity job = jobs.findById(id);
        if (job == null || !"RUNNING".equals(job.status)) {
            return false;
        }
        List<String> page = customers.nextToReevaluate(job.lastCustomer, PAGE);
        if (page.isEmpty()) {
            job.status = "SUCCEEDED";
            job.finishedAt = OffsetDateTime.now(clock);
            return false;
        }
        String trigger = "re-evaluation by " + job.operator + (job.reason == null ? "" : ": " + job.reason);
        job.changed += assignment.reevaluateBatch(page, trigger, job.operator);
        job.processed += page.size();
        job.lastCustomer = page.get(page.size() - 1);
        return true;
    }
}
