package org.ecifhub.gateway.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.ecifhub.gateway.config.GatewayConfig;
import org.ecifhub.gateway.domain.ViewSection;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The services' raw answers behind the unified view, per customer and {@link ViewSection}, so that the view of a
 * customer read recently costs no call to the services. Only raw answers are kept: masking, data-scope checks and
 * audit run on every request, for its caller, on a copy.
 *
 * <p>Each caller gets a parsed tree of its own (kept as JSON text, which takes a fraction of a tree's memory), so
 * masking one caller's view never touches what the next caller gets. The caller whose request loaded the answer gets
 * the service's tree itself, once the text to keep has been written from it: nobody else ever sees that tree.
 *
 * <p>Freshness comes from the events: {@code messaging.ViewCacheInvalidator} follows the topics and drops every
 * section of a customer an event names ({@link #invalidate}). A load that was under way when the event arrived
 * completes into the dropped entry, never into the new one, so an answer read before a change is not kept after it.
 * Until the invalidator follows the topics (at start, after a rebalance) the cache is bypassed ({@link #suspend}),
 * and every answer is asked for again after the TTL, the safety net for changes no event announces. Answers that
 * say nothing lasting are not kept: failures, timeouts, open breakers, a 2xx without a JSON body and any status but 2xx and 404.
 *
 * <p>Metrics: {@code ecif.gateway.view.cache.requests} by {@code section} and {@code result} (hit: answered from
 * the cache, including joining a load under way; miss: asked the service; bypass: cache off or suspended),
 * {@code ecif.gateway.view.cache.invalidations} (customers dropped by events) and the gauge
 * {@code ecif.gateway.view.cache.customers}.
 */
@ApplicationScoped
public class ViewSectionCache {

    private static final ViewSection[] SECTIONS = ViewSection.values();

    /** One customer's sections; a slot is empty, loading or loaded. */
    private static final class Sections {
        final AtomicReferenceArray<Loaded> slots = new AtomicReferenceArray<>(SECTIONS.length);
    }

    private record Loaded(CompletableFuture<Kept> answer, long startedNanos) {
    }

    /**
     * An answer as kept: the body as JSON text (a parsed tree takes several times the memory), parsed again for each
     * caller, who so gets a tree of their own to mask.
     */
    private record Kept(int status, byte[] json) {

        static Kept of(Upstreams.JsonAnswer answer) {
            try {
                return new Kept(answer.status(), answer.body() == null ? null : MAPPER.writeValueAsBytes(answer.body()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        Upstreams.JsonAnswer answer() {
            try {
                return new Upstreams.JsonAnswer(status, json == null ? null : MAPPER.readTree(json));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final boolean enabled;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final Cache<String, Sections> customers;
    private final Map<ViewSection, Counter> hits = new EnumMap<>(ViewSection.class);
    private final Map<ViewSection, Counter> misses = new EnumMap<>(ViewSection.class);
    private final Map<ViewSection, Counter> bypasses = new EnumMap<>(ViewSection.class);
    private final Counter invalidations;
    private volatile boolean following;

    @Inject
    public ViewSectionCache(GatewayConfig config, MeterRegistry registry) {
        this(config.view().cache().enabled(), config.view().cache().maxCustomers(), config.view().cache().ttl(),
                System::nanoTime, registry);
    }

    ViewSectionCache(boolean enabled, long maxCustomers, Duration ttl, LongSupplier nanoTime, MeterRegistry registry) {
        this.enabled = enabled;
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
        // An entry nobody asked for within the TTL holds nothing usable any more: let it go.
        this.customers = Caffeine.newBuilder().maximumSize(maxCustomers).expireAfterAccess(ttl)
                .ticker(nanoTime::getAsLong).build();
        for (ViewSection s : SECTIONS) {
            String section = s.name().toLowerCase(Locale.ROOT);
            hits.put(s, counter(registry, section, "hit"));
            misses.put(s, counter(registry, section, "miss"));
            bypasses.put(s, counter(registry, section, "bypass"));
        }
        invalidations = Counter.builder("ecif.gateway.view.cache.invalidations")
                .description("Customers whose cached view sections an event dropped").register(registry);
        Gauge.builder("ecif.gateway.view.cache.customers", customers, Cache::estimatedSize)
                .description("Customers with cached view sections").register(registry);
    }

    private static Counter counter(MeterRegistry registry, String section, String result) {
        return Counter.builder("ecif.gateway.view.cache.requests").tag("section", section).tag("result", result)
                .description("Unified-view sections answered from the cache (hit), by the service (miss), or "
                        + "with the cache off or not following the events (bypass)").register(registry);
    }

    /**
     * The answer for one section of a customer: the cached one while it is fresh, else {@code load}'s, which is
     * kept for the next callers when it is worth keeping.
     */
    public CompletionStage<Upstreams.JsonAnswer> get(String customerNumber, ViewSection section,
                                                     Supplier<CompletionStage<Upstreams.JsonAnswer>> load) {
        return get(customerNumber, section, load, answer -> true);
    }

    /** As {@link #get(String, ViewSection, Supplier)}, keeping only answers that also pass {@code keepIf}. */
    public CompletionStage<Upstreams.JsonAnswer> get(String customerNumber, ViewSection section,
                                                     Supplier<CompletionStage<Upstreams.JsonAnswer>> load,
                                                     Predicate<Upstreams.JsonAnswer> keepIf) {
        if (!enabled || !following) {
            bypasses.get(section).increment();
            return load.get();
        }
        Sections sections = customers.get(customerNumber, n -> new Sections());
        int slot = section.ordinal();
        while (true) {
            long now = nanoTime.getAsLong();
            Loaded current = sections.slots.get(slot);
            if (current != null && !current.answer().isCompletedExceptionally()
                    && now - current.startedNanos() < ttlNanos) {
                hits.get(section).increment();
                return current.answer().thenApply(Kept::answer);
            }
            Loaded next = new Loaded(new CompletableFuture<>(), now);
            if (sections.slots.compareAndSet(slot, current, next)) {
                misses.get(section).increment();
                CompletableFuture<Upstreams.JsonAnswer> loaded = new CompletableFuture<>();
                load.get().whenComplete((answer, err) -> {
                    if (err != null || !worthKeeping(answer) || !keepIf.test(answer)) {
                        // Emptied before the waiting callers are told, so the next caller asks again.
                        sections.slots.compareAndSet(slot, next, null);
                    }
                    if (err != null) {
                        next.answer().completeExceptionally(err);
                        loaded.completeExceptionally(err);
                        return;
                    }
                    try {
                        next.answer().complete(Kept.of(answer));
                    } catch (RuntimeException e) {
                        sections.slots.compareAndSet(slot, next, null);
                        next.answer().completeExceptionally(e);
                        loaded.completeExceptionally(e);
                        return;
                    }
                    // The text is written: this caller may mask the tree (no need to parse it back from the text).
                    loaded.complete(answer);
                });
                return loaded;
            }
        }
    }

    /**
     * An answer that holds until the customer changes: the data (a 2xx with a JSON body), or that the service has
     * none (404).
     */
    private static boolean worthKeeping(Upstreams.JsonAnswer answer) {
        return (answer.ok() && answer.body() != null) || answer.status() == 404;
    }

    /** Drops every cached section of these customers: an event says they changed. */
    public void invalidate(Collection<String> customerNumbers) {
        customers.invalidateAll(customerNumbers);
        invalidations.increment(customerNumbers.size());
    }

    /** The events are followed from now on: the cache may be used (it starts empty). */
    public void follow() {
        customers.invalidateAll();
        following = true;
    }

    /** The events are not followed (starting, rebalancing, failed): bypass the cache and forget what it holds. */
    public void suspend() {
        following = false;
        customers.invalidateAll();
    }

    /** Whether the cache answers: enabled and following the events. */
    public boolean active() {
        return enabled && following;
    }
}
