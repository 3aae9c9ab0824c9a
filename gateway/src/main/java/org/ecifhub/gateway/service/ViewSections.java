package org.ecifhub.gateway.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.ecifhub.gateway.config.GatewayConfig;
import org.ecifhub.gateway.domain.ViewSection;
import org.ecifhub.gateway.persistence.ViewStore;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The services' answers behind the unified view, through {@link ViewStore}: a section the store holds at the
 * customer's current generation is answered from it, any other is asked of its service and stored for the next
 * caller. Only raw answers are stored: masking, data-scope checks and audit run on every request, for its caller, on
 * a tree of its own parsed from the stored text.
 *
 * <p>The store is a database, and the view is assembled on event-loop threads: store reads run on a small pool of
 * their own, within {@code read-timeout}, and answers are stored on another, after the caller has them (dropped,
 * not queued without end, when the database cannot keep up). When the store cannot be read in time, or no gateway
 * has followed the events within {@code feed-silence}, the services are asked and nothing is stored, as with the
 * store off. While an event about the customer settles, the score and owners the services derive from it are not
 * stored: they may not have applied it yet.
 *
 * <p>Metrics: {@code ecif.gateway.view.store.requests} by {@code section} and {@code result} (hit: answered from
 * the store; miss: asked the service; bypass: store off or unreadable), and the gauge
 * {@code ecif.gateway.view.store.customers} (customers the store knows, PostgreSQL's estimate).
 */
@ApplicationScoped
public class ViewSections {

    private static final Logger LOG = Logger.getLogger(ViewSections.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Sections the services derive from customer and tier events: not stored from a view while one settles. */
    private static final Set<ViewSection> DERIVED = EnumSet.of(ViewSection.SCORE, ViewSection.OWNERS);
    /** The generation of a snapshot that holds nothing and under which nothing is stored. */
    private static final long NOT_STORED = -1;

    private final ViewStore store;
    private final boolean enabled;
    private final Duration silence;
    private final long readTimeoutMillis;
    private final ExecutorService reads;
    private final ExecutorService writes;
    private final Map<ViewSection, Counter> hits = new EnumMap<>(ViewSection.class);
    private final Map<ViewSection, Counter> misses = new EnumMap<>(ViewSection.class);
    private final Map<ViewSection, Counter> bypasses = new EnumMap<>(ViewSection.class);

    @Inject
    public ViewSections(ViewStore store, GatewayConfig config, MeterRegistry registry) {
        this.store = store;
        GatewayConfig.Store settings = config.view().store();
        this.enabled = settings.enabled();
        this.silence = settings.feedSilence();
        this.readTimeoutMillis = settings.readTimeout().toMillis();
        this.reads = pool("gateway-view-store-read-", 8, 64);
        this.writes = pool("gateway-view-store-write-", 2, 10_000);
        for (ViewSection s : ViewSection.values()) {
            String section = s.name().toLowerCase(Locale.ROOT);
            hits.put(s, counter(registry, section, "hit"));
            misses.put(s, counter(registry, section, "miss"));
            bypasses.put(s, counter(registry, section, "bypass"));
        }
        Gauge.builder("ecif.gateway.view.store.customers", this, v -> v.enabled ? v.estimate() : 0)
                .description("Customers the unified view's store knows (PostgreSQL's estimate)").register(registry);
    }

    /** A pool whose queue is bounded: what does not fit is refused (a read) or dropped (a write), never waited for. */
    private static ExecutorService pool(String name, int threads, int queue) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, name + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    void stop(@Observes ShutdownEvent event) {
        reads.shutdown();
        writes.shutdown();
    }

    private double estimate() {
        try {
            return store.customersEstimate();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static Counter counter(MeterRegistry registry, String section, String result) {
        return Counter.builder("ecif.gateway.view.store.requests").tag("section", section).tag("result", result)
                .description("Unified-view sections answered from the store (hit), by the service (miss), or with "
                        + "the store off or unreadable (bypass)").register(registry);
    }

    /** What the store holds for the customer now; nothing (and nothing will be stored) when it is off or unreadable. */
    public CompletionStage<ViewStore.Snapshot> snapshot(String customerNumber) {
        if (!enabled) {
            return CompletableFuture.completedFuture(nothing(customerNumber));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(readTimeoutMillis);
        try {
            // A read that starts after the view has given up on it does not go to the database at all.
            return CompletableFuture.supplyAsync(() -> System.nanoTime() - deadline < 0
                            ? store.read(customerNumber, silence) : null, reads)
                    .completeOnTimeout(null, readTimeoutMillis, TimeUnit.MILLISECONDS)
                    // Not handleAsync: on two cores the common pool is one thread, and every view would queue for
                    // it (measured: half the views a second). Given up, the view goes on on the JVM's timer thread,
                    // which only starts the services' calls (they answer on the event loop).
                    .handle((snapshot, e) -> {
                        if (e != null || snapshot == null) {
                            LOG.warnf("The view store could not be read (%s); asking the services",
                                    e != null ? e.getMessage() : "no answer within " + readTimeoutMillis + " ms");
                            return nothing(customerNumber);
                        }
                        return snapshot.following() ? snapshot : nothing(customerNumber);
                    });
        } catch (RejectedExecutionException e) {
            LOG.warn("The view store is not keeping up with the reads; asking the services");
            return CompletableFuture.completedFuture(nothing(customerNumber));
        }
    }

    private static ViewStore.Snapshot nothing(String customerNumber) {
        return new ViewStore.Snapshot(customerNumber, NOT_STORED, Map.of(), false, false);
    }

    /**
     * The answer for one section: the stored one when {@code snapshot} holds it, else {@code load}'s, which is
     * stored at the snapshot's generation when it is worth keeping and passes {@code keepIf}.
     */
    public CompletionStage<Upstreams.JsonAnswer> get(ViewStore.Snapshot snapshot, ViewSection section,
                                                     Supplier<CompletionStage<Upstreams.JsonAnswer>> load,
                                                     Predicate<Upstreams.JsonAnswer> keepIf) {
        ViewStore.Stored stored = snapshot.sections().get(section);
        if (stored != null) {
            hits.get(section).increment();
            return CompletableFuture.completedFuture(answer(stored));
        }
        if (snapshot.generation() == NOT_STORED) {
            bypasses.get(section).increment();
            return load.get();
        }
        misses.get(section).increment();
        boolean storable = !(snapshot.settling() && DERIVED.contains(section));
        return load.get().thenApply(answer -> {
            if (storable && worthKeeping(answer) && keepIf.test(answer)) {
                // Written out before the caller masks the tree in place; stored after the caller has it.
                ViewStore.Stored kept = kept(answer);
                store(snapshot.customerNumber(), snapshot.generation(), Map.of(section, kept), false);
            }
            return answer;
        });
    }

    /**
     * Stores answers read at {@code generation} (those worth keeping); {@code dropOthers} removes the customer's
     * other sections. Completes when they are stored.
     */
    public CompletionStage<Void> store(String customerNumber, long generation, Map<ViewSection, ViewStore.Stored> answers,
                                       boolean dropOthers) {
        try {
            return CompletableFuture.runAsync(() -> store.write(customerNumber, generation, answers, dropOthers), writes)
                    .whenComplete((done, e) -> {
                        if (e != null) {
                            LOG.warnf("A view answer for %s could not be stored: %s", customerNumber, e.getMessage());
                        }
                    });
        } catch (RejectedExecutionException e) {
            // The next view or refresh reads it again.
            LOG.debugf("View store writes are behind; an answer for %s is not stored", customerNumber);
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * An answer that holds until the customer changes: the data (a 2xx with a JSON body), or that the service has
     * none (404).
     */
    static boolean worthKeeping(Upstreams.JsonAnswer answer) {
        return (answer.ok() && answer.body() != null) || answer.status() == 404;
    }

    static ViewStore.Stored kept(Upstreams.JsonAnswer answer) {
        try {
            return new ViewStore.Stored(answer.status(),
                    answer.body() == null ? null : MAPPER.writeValueAsBytes(answer.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Upstreams.JsonAnswer answer(ViewStore.Stored stored) {
        try {
            return new Upstreams.JsonAnswer(stored.status(), stored.json() == null ? null : MAPPER.readTree(stored.json()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether views are answered from the store. */
    public boolean enabled() {
        return enabled;
    }
}
