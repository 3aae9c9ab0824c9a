package org.ecifhub.gateway.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.ecifhub.gateway.config.GatewayConfig;
import org.ecifhub.gateway.persistence.ViewStore;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The background refresh of the unified view's store: takes up the customers that events (or age) made due and
 * reads their sections from the services into the store, a few customers at a time, so that a view is answered
 * from the store even for a customer nobody has looked at. A customer whose refresh could not read everything (a
 * service down) is due again after {@code retry-delay}; until then a view reads what is missing from the services.
 * A customer is taken up only when a slot is free for it; one whose refresh was under way when the gateway stopped
 * is read on its next view, its next event or when it ages.
 * Every gateway instance runs one; they share the work through the store.
 *
 * <p>Metrics: {@code ecif.gateway.view.store.refreshes} by {@code result} (complete, partial, failed) and the gauge
 * {@code ecif.gateway.view.store.refresh.pending} (customers whose refresh is pending, counted every few seconds).
 */
@ApplicationScoped
public class ViewRefresher {

    private static final Logger LOG = Logger.getLogger(ViewRefresher.class);
    private static final long IDLE_MILLIS = 200;
    private static final long PENDING_COUNT_NANOS = TimeUnit.SECONDS.toNanos(5);
    /**
     * Answers looked at per search for aged ones (five per customer): 10,000 a minute make 2,000 customers due, so
     * a store of 2.8 million customers can be read again within a day.
     */
    private static final int AGED_PER_SCAN = 10_000;

    private final ViewStore store;
    private final UnifiedViewService views;
    private final GatewayConfig.Store settings;
    private final Counter complete;
    private final Counter partial;
    private final Counter failed;
    private final AtomicLong pending = new AtomicLong();
    /** Customers whose refresh fell short, to be made due again by the refresher's own thread (it may block). */
    private final Queue<String> retries = new ConcurrentLinkedQueue<>();
    private volatile boolean running;
    private Thread thread;

    public ViewRefresher(ViewStore store, UnifiedViewService views, GatewayConfig config, MeterRegistry registry) {
        this.store = store;
        this.views = views;
        this.settings = config.view().store();
        this.complete = counter(registry, "complete");
        this.partial = counter(registry, "partial");
        this.failed = counter(registry, "failed");
        Gauge.builder("ecif.gateway.view.store.refresh.pending", pending, AtomicLong::get)
                .description("Customers whose view is due to be read again into the store").register(registry);
    }

    private static Counter counter(MeterRegistry registry, String result) {
        return Counter.builder("ecif.gateway.view.store.refreshes").tag("result", result)
                .description("Customers read into the unified view's store in the background: every section "
                        + "(complete), some (partial), none (failed)").register(registry);
    }

    void start(@Observes StartupEvent event) {
        if (settings.enabled()) {
            running = true;
            thread = new Thread(this::run, "gateway-view-refresher");
            thread.setDaemon(true);
            thread.start();
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(10_000);
        }
    }

    private void run() {
        Semaphore inFlight = new Semaphore(settings.refreshConcurrency());
        long nextAgedScan = System.nanoTime();
        long nextPendingCount = System.nanoTime();
        while (running) {
            try {
                long now = System.nanoTime();
                if (now - nextAgedScan >= 0) {
                    int aged = store.markAged(settings.maxAge(), AGED_PER_SCAN);
                    if (aged > 0) {
                        LOG.debugf("View store: %d customers hold answers older than %s, refreshing", aged,
                                settings.maxAge());
                    }
                    nextAgedScan = now + settings.agedScanInterval().toNanos();
                }
                if (now - nextPendingCount >= 0) {
                    pending.set(store.pending());
                    nextPendingCount = now + PENDING_COUNT_NANOS;
                }
                for (String n = retries.poll(); n != null; n = retries.poll()) {
                    store.retryLater(n, settings.retryDelay());
                }
                // As many customers as there are free slots, each claimed one taking a slot with it: a claimed
                // customer is no longer due, so one that waited here for a slot would be lost if the gateway stopped.
                inFlight.acquire();
                int slots = 1 + inFlight.drainPermits();
                List<ViewStore.Claimed> due = List.of();
                try {
                    due = store.claimDue(slots);
                } finally {
                    inFlight.release(slots - due.size());
                }
                if (due.isEmpty()) {
                    Thread.sleep(IDLE_MILLIS);
                    continue;
                }
                for (ViewStore.Claimed customer : due) {
                    try {
                        refresh(customer).whenComplete((done, e) -> inFlight.release());
                    } catch (RuntimeException e) {
                        inFlight.release();
                        failed.increment();
                        retries.add(customer.customerNumber());
                        LOG.warnf(e, "View store: the refresh of %s could not start", customer.customerNumber());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf(e, "View store refresh failed; trying again in 2 s");
                sleepQuietly(2000);
            }
        }
    }

    private CompletionStage<Void> refresh(ViewStore.Claimed customer) {
        return views.refresh(customer.customerNumber(), customer.generation()).handle((all, e) -> {
            if (e == null && Boolean.TRUE.equals(all)) {
                complete.increment();
                return null;
            }
            (e == null ? partial : failed).increment();
            retries.add(customer.customerNumber());
            return null;
        });
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
