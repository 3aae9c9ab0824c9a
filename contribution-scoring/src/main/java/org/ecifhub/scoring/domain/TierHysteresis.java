package org.ecifhub.scoring.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * Keeps tiers stable: an upgrade takes effect as soon as the rules give a higher tier; a downgrade only once the
 * rules have given a lower tier continuously for the grace period (counted in business dates).
 */
public final class TierHysteresis {

    private TierHysteresis() {
    }

    /**
     * The model tier state: the tier in force and, while the rules give a lower tier, since when.
     *
     * @param tier       null for a customer never scored
     * @param belowSince the first business date of the current stretch below {@code tier}; null when not below
     */
    public record State(Tier tier, LocalDate belowSince) {
    }

    /** @param changed true when {@code state.tier} differs from the previous tier */
    public record Decision(State state, boolean changed, String reason) {
    }

    public static Decision next(State current, Tier ruled, LocalDate date, int graceDays) {
        if (current == null || current.tier() == null) {
            return new Decision(new State(ruled, null), true, "first tier");
        }
        Tier tier = current.tier();
        if (ruled == tier) {
            return new Decision(new State(tier, null), false,
                    current.belowSince() == null ? "unchanged" : "back at " + tier + ": pending downgrade cancelled");
        }
        if (ruled.isAbove(tier)) {
            return new Decision(new State(ruled, null), true, "upgrade");
        }
        LocalDate since = current.belowSince() == null || date.isBefore(current.belowSince())
                ? date : current.belowSince();
        long below = ChronoUnit.DAYS.between(since, date);
        if (below >= graceDays) {
            return new Decision(new State(ruled, null), true,
                    "downgrade after " + below + " days below " + tier + " (grace period " + graceDays + " days)");
        }
        return new Decision(new State(tier, since), false, "below " + tier + " since " + since
                + ": downgrade to " + ruled + " on " + since.plusDays(graceDays) + " if it stays below");
    }
}
