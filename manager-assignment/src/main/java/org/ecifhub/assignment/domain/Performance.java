package org.ecifhub.assignment.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Attributes a customer's contribution to the staff who owned the customer, by effective-dated ownership.
 *
 * <p>The contribution (综合贡献度) is a yearly figure in CNY, effective from each TierChanged. Over a period, a
 * customer contributes {@code score × days / 365} for each stretch of time at a given score (days counted to the
 * second). Each stretch goes to the staff who owned the customer then: a PRIMARY with a SECONDARY at the same time
 * gets {@code primaryShare} and the SECONDARY the rest; a sole PRIMARY or TELLER gets it all. Time owned by the
 * branch is attributed to no one.
 */
public final class Performance {

    private static final BigDecimal SECONDS_PER_YEAR = BigDecimal.valueOf(Duration.ofDays(365).toSeconds());

    /** One ownership row: {@code to} is null while current. */
    public record Interval(String customerNumber, OwnerRole role, String ownerType, String ownerId, Instant from,
                           Instant to) {
    }

    /** The contribution score in force from {@code from}. */
    public record ScorePoint(Instant from, BigDecimal score) {
    }

    /** A stretch of time in which the staff member earned a share of the customer's contribution. */
    public record Segment(Instant from, Instant to, OwnerRole role, BigDecimal score, BigDecimal share,
                          BigDecimal amount) {
    }

    public record CustomerShare(String customerNumber, BigDecimal amount, List<Segment> segments) {
    }

    private Performance() {
    }

    /**
     * @param ownerships every ownership row of the customer (all owners) overlapping the period
     * @param scores     the customer's score history, any order
     */
    public static CustomerShare attribute(String staffId, String customerNumber, Instant start, Instant end,
                                          List<Interval> ownerships, List<ScorePoint> scores, BigDecimal primaryShare) {
        TreeSet<Instant> cuts = new TreeSet<>();
        cuts.add(start);
        cuts.add(end);
        for (Interval i : ownerships) {
            addIfInside(cuts, i.from(), start, end);
            addIfInside(cuts, i.to(), start, end);
        }
        List<ScorePoint> sorted = scores.stream().sorted(Comparator.comparing(ScorePoint::from)).toList();
        for (ScorePoint s : sorted) {
            addIfInside(cuts, s.from(), start, end);
        }
        List<Segment> segments = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        Instant previous = null;
        for (Instant cut : cuts) {
            if (previous != null) {
                Segment s = segment(staffId, previous, cut, ownerships, sorted, primaryShare);
                if (s != null) {
                    if (!segments.isEmpty() && mergeable(segments.get(segments.size() - 1), s)) {
                        Segment last = segments.remove(segments.size() - 1);
                        s = new Segment(last.from(), s.to(), s.role(), s.score(), s.share(), last.amount().add(s.amount()));
                    }
                    segments.add(s);
                    total = total.add(s.amount());
                }
            }
            previous = cut;
        }
        List<Segment> rounded = segments.stream().map(s -> new Segment(s.from(), s.to(), s.role(), s.score(), s.share(),
                s.amount().setScale(2, RoundingMode.HALF_UP))).toList();
        return new CustomerShare(customerNumber, total.setScale(2, RoundingMode.HALF_UP), rounded);
    }

    private static Segment segment(String staffId, Instant from, Instant to, List<Interval> ownerships,
                                   List<ScorePoint> scores, BigDecimal primaryShare) {
        Interval mine = null;
        boolean hasPrimary = false;
        boolean hasSecondary = false;
        for (Interval i : ownerships) {
            if (!covers(i, from, to)) {
                continue;
            }
            hasPrimary |= i.role() == OwnerRole.PRIMARY;
            hasSecondary |= i.role() == OwnerRole.SECONDARY;
            if ("STAFF".equals(i.ownerType()) && i.ownerId().equals(staffId)) {
                mine = i;
            }
        }
        if (mine == null) {
            return null;
        }
        BigDecimal score = scoreAt(scores, from);
        BigDecimal share = switch (mine.role()) {
            case PRIMARY -> hasSecondary ? primaryShare : BigDecimal.ONE;
            case SECONDARY -> hasPrimary ? BigDecimal.ONE.subtract(primaryShare) : BigDecimal.ONE;
            default -> BigDecimal.ONE;
        };
        BigDecimal seconds = BigDecimal.valueOf(Duration.between(from, to).toSeconds());
        BigDecimal amount = score.multiply(share).multiply(seconds).divide(SECONDS_PER_YEAR, 10, RoundingMode.HALF_UP);
        return new Segment(from, to, mine.role(), score, share, amount);
    }

    private static boolean mergeable(Segment a, Segment b) {
        return a.to().equals(b.from()) && a.role() == b.role() && a.score().compareTo(b.score()) == 0
                && a.share().compareTo(b.share()) == 0;
    }

    private static boolean covers(Interval i, Instant from, Instant to) {
        return !i.from().isAfter(from) && (i.to() == null || !i.to().isBefore(to));
    }

    static BigDecimal scoreAt(List<ScorePoint> sortedScores, Instant t) {
        BigDecimal score = BigDecimal.ZERO;
        for (ScorePoint s : sortedScores) {
            if (s.from().isAfter(t)) {
                break;
            }
            score = s.score();
        }
        return score;
    }

    private static void addIfInside(TreeSet<Instant> cuts, Instant t, Instant start, Instant end) {
        if (t != null && t.isAfter(start) && t.isBefore(end)) {
            cuts.add(t);
        }
    }
}
