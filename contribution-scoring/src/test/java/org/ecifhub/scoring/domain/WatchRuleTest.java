package org.ecifhub.scoring.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WatchRuleTest {

    static final ScoringModel MODEL = ScoringModel.standard();
    static final LocalDate D = LocalDate.of(2026, 6, 30);

    static Scorecard card(long before, long after) {
        var account = new CustomerFacts.Account("DEPOSIT/A", ProductType.TIME_DEPOSIT,
                List.of(new BalancePoint(D.minusDays(200), BigDecimal.valueOf(before)),
                        new BalancePoint(D.minusDays(29), BigDecimal.valueOf(after))), null, 0, null, null);
        return ScoreCalculator.score(new CustomerFacts(D, List.of(account), null), MODEL);
    }

    @Test
    void aKeyCustomerWhoseAverageFallsByMoreThanTheShareIsWatched() {
        // 30-day average 100k against a 90-day average of 400k: 75% below
        var conditions = WatchRule.conditions(Tier.EXCELLENT, card(550_000, 100_000), MODEL, 0);
        assertThat(conditions).extracting(WatchRule.Condition::kind).containsExactly(WatchRule.Kind.BALANCE_DROP);
        assertThat(conditions.get(0).detail()).contains("75% below the 90-day average");
    }

    @Test
    void aSmallDropIsNotAnAlert() {
        assertThat(WatchRule.conditions(Tier.PRIVILEGE, card(600_000, 500_000), MODEL, 0)).isEmpty();
    }

    @Test
    void onlyPrivilegeAndExcellentCustomersAreWatched() {
        assertThat(WatchRule.conditions(Tier.POTENTIAL, card(550_000, 100_000), MODEL, 10)).isEmpty();
    }

    @Test
    void anOverdueLoanOfAKeyCustomerIsAnAlert() {
        assertThat(WatchRule.conditions(Tier.PRIVILEGE, card(600_000, 600_000), MODEL, 3))
                .extracting(WatchRule.Condition::kind).containsExactly(WatchRule.Kind.LOAN_OVERDUE);
    }
}
