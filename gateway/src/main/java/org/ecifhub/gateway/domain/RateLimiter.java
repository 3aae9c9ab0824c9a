package org.ecifhub.gateway.domain;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets per client: each client may make {@code ratePerSecond} requests a second on average and
 * {@code burst} at once. Clients idle for a minute are forgotten.
 */
public final class RateLimiter {

    private static final long IDLE_NANOS = 60_000_000_000L;

    private final double ratePerNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile long lastSweep;

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    public RateLimiter(double ratePerSecond, int burst, LongSupplier nanoClock) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.lastSweep = nanoClock.getAsLong();
    }

    /** Takes one request from the client's bucket; the seconds to wait when it is empty, else 0. */
    public long acquire(String client) {
        long now = nanoClock.getAsLong();
        sweep(now);
        Bucket b = buckets.computeIfAbsent(client, k -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.updated) * ratePerNano);
            b.updated = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - b.tokens) / ratePerNano / 1e9));
        }
    }

    private void sweep(long now) {
        if (now - lastSweep < IDLE_NANOS) {
            return;
        }
        lastSweep = now;
        buckets.entrySet().removeIf(e -> now - e.getValue().updated > IDLE_NANOS);
    }
}
