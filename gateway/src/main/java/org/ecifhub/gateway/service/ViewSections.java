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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The services' answers behind the unified view, through {@link ViewStore}: a section the store holds at the
 * customer's current generation is answered from it, any other is asked of its service and stored for the next
 * caller. Only raw answers are stored: masking, data-scope checks and audit run on every request, for its caller, on
 * a tree of its own parsed from the stored text.
 *
 * <p>The store is a database, and the view is assembled on event-loop threads: every store access runs on a small
 * pool of its own, and an answer is stored after the caller has it. When the store cannot be read the services are
 * asked, as with the store off.
 *
 * <p>Metrics: {@code ecif.gateway.view.store.requests} by {@code section} and {@code result} (hit: answered from
 * the store; miss: asked the service; bypass: store off or unreadable), and the gauge
 * {@code ecif.gateway.view.store.customers} (customers the store knows, PostgreSQL's estimate).
 */
@ApplicationScoped
public class ViewSections {

    private static final Logger LOG = Logger.getLogger(ViewSections.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The generation of a snapshot that holds nothing and under which nothing is stored. */
    private static final long NOT_STORED = -1;

    private final ViewStore store;
    private final boolean enabled;
    private final ExecutorService io;
    private final Map<ViewSection, Counter> hits = new EnumMap<>(ViewSection.class);
    private final Map<ViewSection, Counter> misses = new EnumMap<>(ViewSection.class);
    private final Map<ViewSection, Counter> bypasses = new EnumMap<>(ViewSection.class);

    @Inject
    public ViewSections(ViewStore store, GatewayConfig config, MeterRegistry registry) {
        this.store = store;
        this.enabled = config.view().store().enabled();
        AtomicInteger threads = new AtomicInteger();
        this.io = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "gateway-view-store-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        for (ViewSection s : ViewSection.values()) {
            String section = s.name().toLowerCase(Locale.ROOT);
            hits.put(s, counter(registry, section, "hit"));
            misses.put(s, counter(registry, section, "miss"));
            bypasses.put(s, counter(registry, section, "bypass"));
        }
        Gauge.builder("ecif.gateway.view.store.customers", this, v -> v.enabled ? v.estimate() : 0)
                .description("Customers the unified view's store knows (PostgreSQL's estimate)").register(registry);
    }

    void stop(@Observes ShutdownEvent event) {
        io.shutdown();
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
        return CompletableFuture.supplyAsync(() -> store.read(customerNumber), io).exceptionally(e -> {
            LOG.warnf("The view store could not be read (%s); asking the services", e.getMessage());
            return nothing(customerNumber);
        });
    }

    private static ViewStore.Snapshot nothing(String customerNumber) {
        return new ViewStore.Snapshot(customerNumber, NOT_STORED, Map.of());
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
        return load.get().thenApply(answer -> {
            if (worthKeeping(answer) && keepIf.test(answer)) {
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
        return CompletableFuture.runAsync(() -> store.write(customerNumber, generation, answers, dropOthers), io)
                .whenComplete((done, e) -> {
                    if (e != null) {
                        LOG.warnf("A view answer for %s could not be stored: %s", customerNumber, e.getMessage());
                    }
                });
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
