package org.ecifhub.assignment.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PerformanceTest {

    static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant JUL = Instant.parse("2026-07-01T00:00:00Z");
    static final Instant NEXT_JAN = Instant.parse("2027-01-01T00:00:00Z");
    static final BigDecimal SHARE = new BigDecimal("0.7");

    static BigDecimal expected(String score, String share, long days) {
        return new BigDecimal(score).multiply(new BigDecimal(share)).multiply(BigDecimal.valueOf(days))
                .divide(BigDecimal.valueOf(365), 10, RoundingMode.HALF_UP);
    }

    static BigDecimal fen(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }

    @Test
    void aWholeYearAloneIsTheWholeScore() {
        var share = Performance.attribute("M1", "1", JAN, NEXT_JAN,
                List.of(new Performance.Interval("1", OwnerRole.PRIMARY, "STAFF", "M1", JAN.minusSeconds(86400), null)),
                List.of(new Performance.ScorePoint(JAN.minusSeconds(86400), new BigDecimal("365000"))), SHARE);
        assertThat(share.amount()).isEqualByComparingTo("365000.00");
    }

    @Test
    void anOwnershipChangeInMidPeriodSplitsByDaysAndTeamShare() {
        // M1 alone Jan-Jun at 120,000 a year; from July S1 primary with M1 secondary at 240,000 a year.
        var ownerships = List.of(
                new Performance.Interval("1", OwnerRole.PRIMARY, "STAFF", "M1", JAN, JUL),
                new Performance.Interval("1", OwnerRole.PRIMARY, "STAFF", "S1", JUL, null),
                new Performance.Interval("1", OwnerRole.SECONDARY, "STAFF", "M1", JUL, null));
        var scores = List.of(new Performance.ScorePoint(JUL, new BigDecimal("240000")),
                new Performance.ScorePoint(JAN, new BigDecimal("120000")));
        long firstHalf = 181;
        long secondHalf = 184;
        var m1 = Performance.attribute("M1", "1", JAN, NEXT_JAN, ownerships, scores, SHARE);
        var s1 = Performance.attribute("S1", "1", JAN, NEXT_JAN, ownerships, scores, SHARE);
        assertThat(m1.amount()).isEqualByComparingTo(
                fen(expected("120000", "1", firstHalf).add(expected("240000", "0.3", secondHalf))));
        assertThat(m1.segments()).extracting(Performance.Segment::role).containsExactly(OwnerRole.PRIMARY, OwnerRole.SECONDARY);
        assertThat(s1.amount()).isEqualByComparingTo(fen(expected("240000", "0.7", secondHalf)));
        assertThat(s1.segments()).hasSize(1);
    }

    @Test
    void timeOwnedByTheBranchOrOutsideThePeriodCountsForNoOne() {
        var ownerships = List.of(new Performance.Interval("1", OwnerRole.BRANCH, "BRANCH", "B1", JAN, JUL),
                new Performance.Interval("1", OwnerRole.TELLER, "STAFF", "X1", JUL, null));
        var scores = List.of(new Performance.ScorePoint(JAN, new BigDecimal("36500")));
        var x1 = Performance.attribute("X1", "1", JAN, NEXT_JAN, ownerships, scores, SHARE);
        assertThat(x1.amount()).isEqualByComparingTo(fen(expected("36500", "1", 184)));
        var none = Performance.attribute("X1", "1", JAN, JUL, ownerships, scores, SHARE);
        assertThat(none.segments()).isEmpty();
        assertThat(none.amount()).isEqualByComparingTo("0");
    }

    @Test
    void aSecondaryWithoutPrimaryGetsAllAndNoScoreMeansNothing() {
        var ownerships = List.of(new Performance.Interval("1", OwnerRole.SECONDARY, "STAFF", "M1", JAN, null));
        assertThat(Performance.attribute("M1", "1", JAN, NEXT_JAN, ownerships,
                List.of(new Performance.ScorePoint(JAN, new BigDecimal("1000"))), SHARE).amount())
                .isEqualByComparingTo("1000");
        assertThat(Performance.attribute("M1", "1", JAN, NEXT_JAN, ownerships, List.of(), SHARE).amount())
                .isEqualByComparingTo("0");
    }
}
