package org.ecifhub.support.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time each part of the hub spent (user + system, from /proc, children included for PostgreSQL's backends),
 * to find where the cost of a request goes. Linux only.
 */
final class CpuMeter {
    private final Map<String, Long> pids = new java.util.LinkedHashMap<>();
    private Map<String, Long> before = Map.of();

    /** Measures the services named (which must be running), PostgreSQL and Kafka. */
    CpuMeter(BenchHub hub, List<String> services) {
        for (String s : services) {
            pids.put(s, hub.services.get(s).pid());
        }
        pids.put("postgres", hub.postgres.pid());
        pids.put("kafka", hub.kafka.pid());
    }

    void start() {
        before = ticks();
    }

    /**
     * Waits until the whole hub uses less than 40 % of one core over 5 s (idle, its JVMs and Kafka poll for about
     * 25 %), at most {@code limit}; says how long that took.
     */
    String awaitIdle(Duration limit) throws InterruptedException {
        Instant start = Instant.now();
        while (Duration.between(start, Instant.now()).compareTo(limit) < 0) {
            long from = ticks().values().stream().mapToLong(Long::longValue).sum();
            Thread.sleep(5000);
            long used = ticks().values().stream().mapToLong(Long::longValue).sum() - from;
            // USER_HZ 100: 200 ticks in 5 s is 40 % of one core. Idle, the four JVMs and Kafka take about 25 %.
            if (used < 200) {
                return String.format(Locale.ROOT, "the hub used under 40 %% of a core for 5 s, after %d s",
                        Duration.between(start, Instant.now()).toSeconds());
            }
        }
        return "the hub was still busy after " + limit.toSeconds() + " s";
    }

    /** Milliseconds of CPU per request of each part since {@link #start()}. */
    String perRequest(long requests) {
        return per(requests, "request");
    }

    /** Milliseconds of CPU per {@code unit} (a request, a record, an event) of each part since {@link #start()}. */
    String per(long units, String unit) {
        Map<String, Long> after = ticks();
        long hz = 100; // USER_HZ on Linux
        StringBuilder out = new StringBuilder("CPU ms per " + unit + ":");
        double total = 0;
        for (String name : pids.keySet()) {
            double ms = (after.get(name) - before.getOrDefault(name, 0L)) * 1000.0 / hz / units;
            total += ms;
            out.append(String.format(Locale.ROOT, " %s %.2f,", name, ms));
        }
        return out.append(String.format(Locale.ROOT, " total %.2f", total)).toString();
    }

    private Map<String, Long> ticks() {
        Map<String, Long> t = new java.util.LinkedHashMap<>();
        pids.forEach((name, pid) -> t.put(name, ticksOf(pid, "postgres".equals(name))));
        return t;
    }

    /** utime + stime of a process, and of its children (living ones read directly; reaped ones via cutime). */
    private static long ticksOf(long pid, boolean withChildren) {
        long sum = stat(pid, true);
        if (withChildren) {
            sum += ProcessHandle.of(pid).map(h -> h.descendants().mapToLong(d -> stat(d.pid(), false)).sum())
                    .orElse(0L);
        }
        return sum;
    }

    private static long stat(long pid, boolean reapedChildren) {
        try {
            String text = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
            // Fields after the name: state is f[0], utime f[11], stime f[12], cutime f[13], cstime f[14].
            long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return reapedChildren ? own + Long.parseLong(f[13]) + Long.parseLong(f[14]) : own;
        } catch (Exception e) {
            return 0;
        }
    }
}
