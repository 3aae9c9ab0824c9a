package org.ecifhub.scoring.domain;

import java.util.EnumMap;
import java.util.Map;

/** Counts of customers moving from one tier (rows) to another (columns); {@code null} rows are new customers. */
public final class MigrationMatrix {

    private final Map<Tier, Map<Tier, Long>> counts = new EnumMap<>(Tier.class);
    private long newCustomers;
    private long total;
    private long changed;

    public void add(Tier from, Tier to) {
        add(from, to, 1);
    }

    public void add(Tier from, Tier to, long n) {
        total += n;
        if (from != to) {
            changed += n;
        }
        if (from == null) {
            newCustomers += n;
            return;
        }
        counts.computeIfAbsent(from, t -> new EnumMap<>(Tier.class)).merge(to, n, Long::sum);
    }

    /** Every tier pair, zeros included, rows and columns highest tier first. */
    public Map<Tier, Map<Tier, Long>> counts() {
        Map<Tier, Map<Tier, Long>> full = new EnumMap<>(Tier.class);
        for (Tier from : Tier.values()) {
            Map<Tier, Long> row = new EnumMap<>(Tier.class);
            for (Tier to : Tier.values()) {
                row.put(to, counts.getOrDefault(from, Map.of()).getOrDefault(to, 0L));
            }
            full.put(from, row);
        }
        return full;
    }

    public long count(Tier from, Tier to) {
        return counts.getOrDefault(from, Map.of()).getOrDefault(to, 0L);
    }

    public long total() {
        return total;
    }

    public long changed() {
        return changed;
    }

    public long newCustomers() {
        return newCustomers;
    }
}
