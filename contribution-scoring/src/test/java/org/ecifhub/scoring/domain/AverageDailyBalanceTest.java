package org.ecifhub.scoring.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AverageDailyBalanceTest {

    static final LocalDate D = LocalDate.of(2026, 1, 1);

    static BalancePoint p(int day, long balance) {
        return new BalancePoint(D.plusDays(day), BigDecimal.valueOf(balance));
    }

    @Test
    void aBalanceHoldsUntilTheNextSnapshot() {
        // 100 for days 0-9, 400 for days 10-29: (10*100 + 20*400) / 30 = 300
        assertThat(AverageDailyBalance.of(List.of(p(0, 100), p(10, 400)), D, D.plusDays(29)))
                .isEqualByComparingTo("300");
    }

    @Test
    void theLastSnapshotBeforeTheWindowGivesTheBalanceOfItsFirstDays() {
        // 1000 from day -50, 0 from day 20: window days 0-29 -> (20*1000 + 10*0) / 30
        assertThat(AverageDailyBalance.of(List.of(p(-50, 1000), p(-10, 1000), p(20, 0)), D, D.plusDays(29)))
                .isEqualByComparingTo("666.67");
    }

    @Test
    void daysBeforeTheAccountsFirstSnapshotCountAsZero() {
        // opened on day 20 with 300: (20*0 + 10*300) / 30 = 100
        assertThat(AverageDailyBalance.of(List.of(p(20, 300)), D, D.plusDays(29))).isEqualByComparingTo("100");
    }

    @Test
    void snapshotsAfterTheWindowAreIgnored() {
        assertThat(AverageDailyBalance.of(List.of(p(0, 100), p(30, 1_000_000)), D, D.plusDays(29)))
                .isEqualByComparingTo("100");
        assertThat(AverageDailyBalance.on(List.of(p(0, 100), p(30, 1_000_000)), D.plusDays(29)))
                .isEqualByComparingTo("100");
        assertThat(AverageDailyBalance.on(List.of(p(0, 100)), D.minusDays(1))).isEqualByComparingTo("0");
    }

    @Test
    void aThreeDaySpikeMovesTheThirtyDayAverageByATenth() {
        var points = List.of(p(0, 100_000), p(27, 1_100_000));
        // 27 days at 100k, 3 at 1.1M: 100k + 3/30 * 1M = 200k
        assertThat(AverageDailyBalance.of(points, D, D.plusDays(29))).isEqualByComparingTo("200000");
    }

    @Test
    void aSingleDayWindowIsThatDaysBalance() {
        assertThat(AverageDailyBalance.of(List.of(p(0, 5), p(1, 7)), D.plusDays(1), D.plusDays(1)))
                .isEqualByComparingTo("7");
    }

    @Test
    void aWindowEndingBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> AverageDailyBalance.of(List.of(), D, D.minusDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
