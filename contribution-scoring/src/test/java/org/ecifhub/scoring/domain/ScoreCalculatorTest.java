package org.ecifhub.scoring.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScoreCalculatorTest {

    static final ScoringModel MODEL = ScoringModel.standard();
    static final LocalDate D = LocalDate.of(2026, 6, 30);

    static CustomerFacts.Account deposit(String id, ProductType type, BalancePoint... history) {
        return new CustomerFacts.Account("DEPOSIT/" + id, type, List.of(history), null, 0, null, null);
    }

    static BalancePoint p(LocalDate date, long balance) {
        return new BalancePoint(date, BigDecimal.valueOf(balance));
    }

    @Test
    void aNewCustomersWindowStartsAtItsFirstKnownBalance() {
        var facts = new CustomerFacts(D, List.of(deposit("A1", ProductType.TIME_DEPOSIT, p(D, 800_000))), null);
        Scorecard card = ScoreCalculator.score(facts, MODEL);
        assertThat(card.averages().longFrom()).isEqualTo(D);
        assertThat(card.averages().assetsLong()).isEqualByComparingTo("800000");
        assertThat(card.ruleTier()).isEqualTo(Tier.PRIVILEGE);
        assertThat(card.tierReason()).contains("average assets 800000 over 90 days >= 500000");
    }

    @Test
    void anEstablishedCustomersWindowsAreThirtyAndNinetyDays() {
        var facts = new CustomerFacts(D, List.of(deposit("A1", ProductType.DEMAND_DEPOSIT,
                p(D.minusDays(200), 100_000), p(D.minusDays(29), 400_000))), null);
        Scorecard card = ScoreCalculator.score(facts, MODEL);
        assertThat(card.averages().shortFrom()).isEqualTo(D.minusDays(29));
        assertThat(card.averages().longFrom()).isEqualTo(D.minusDays(89));
        assertThat(card.averages().assetsShort()).isEqualByComparingTo("400000");
        // 60 days at 100k, 30 at 400k
        assertThat(card.averages().assetsLong()).isEqualByComparingTo("200000");
        assertThat(card.averages().assetsToday()).isEqualByComparingTo("400000");
    }

    @Test
    void depositContributionIsTheAverageBalanceTimesTheProductsSpread() {
        var facts = new CustomerFacts(D, List.of(
                deposit("A1", ProductType.DEMAND_DEPOSIT, p(D.minusDays(100), 100_000)),
                deposit("A2", ProductType.TIME_DEPOSIT, p(D.minusDays(100), 200_000)),
                deposit("A3", ProductType.CORPORATE_DEPOSIT, p(D.minusDays(100), 300_000)),
                deposit("A4", ProductType.WEALTH, p(D.minusDays(100), 400_000))), null);
        Scorecard card = ScoreCalculator.score(facts, MODEL);
        // 100k*1.5% + 200k*0.8% + 300k*1.2% + 400k*0.5% = 1500 + 1600 + 3600 + 2000
        assertThat(card.component(ScoreCalculator.DEPOSIT).contribution()).isEqualByComparingTo("8700");
        assertThat(card.component(ScoreCalculator.DEPOSIT).points()).isEqualByComparingTo("87");
        assertThat(card.component(ScoreCalculator.DEPOSIT).inputs()).containsKeys("DEMAND_DEPOSIT", "TIME_DEPOSIT",
                "CORPORATE_DEPOSIT", "WEALTH");
        assertThat(card.averages().assetsLong()).isEqualByComparingTo("1000000");
        // 4 categories held: 3 beyond the first
        assertThat(card.component(ScoreCalculator.PENETRATION).points()).isEqualByComparingTo("30");
    }

    @Test
    void loanContributionIsTheMarginOverTheTransferPriceLessExpectedLossWhenOverdue() {
        var current = new CustomerFacts.Account("LOAN/L1", ProductType.LOAN, List.of(p(D.minusDays(100), 1_000_000)),
                new BigDecimal("0.0500"), 0, new BigDecimal("1000"), LocalDate.of(2020, 1, 1));
        var overdue = new CustomerFacts.Account("LOAN/L2", ProductType.LOAN, List.of(p(D.minusDays(100), 100_000)),
                new BigDecimal("0.0600"), 45, null, null);
        Scorecard card = ScoreCalculator.score(new CustomerFacts(D, List.of(current, overdue), null), MODEL);
        // L1: 1M * (5% - 3%) = 20000; L2: 100k * (6% - 3%) - 100k * 10% = 3000 - 10000 = -7000
        assertThat(card.component(ScoreCalculator.LOAN).contribution()).isEqualByComparingTo("13000");
        assertThat(card.component(ScoreCalculator.FEE).contribution()).isEqualByComparingTo("1000");
        assertThat(card.contribution()).isEqualByComparingTo("14000");
        assertThat(card.averages().loansLong()).isEqualByComparingTo("1100000");
        // 45 days past due * 2 points
        assertThat(card.component(ScoreCalculator.RISK).points()).isEqualByComparingTo("-90");
        // opened 2020-01-01: 6 full years by 2026-06-30, 2 points each
        assertThat(card.component(ScoreCalculator.TENURE).points()).isEqualByComparingTo("12");
        // no assets, but a contribution of 14000 >= 10000
        assertThat(card.ruleTier()).isEqualTo(Tier.PRIVILEGE);
        assertThat(card.tierReason()).startsWith("annual contribution 14000");
        // points: (13000 + 1000) * 0.01 = 140, tenure 12, risk -90, penetration 0 (one category)
        assertThat(card.points()).isEqualByComparingTo("62");
    }

    @Test
    void engagementIsCappedAndMakesAModestCustomerPotential() {
        var facts = new CustomerFacts(D, List.of(deposit("A1", ProductType.DEMAND_DEPOSIT,
                p(D.minusDays(100), 5_000))), new CustomerFacts.Ebanking(true, 40, 30));
        Scorecard card = ScoreCalculator.score(facts, MODEL);
        // 20 + 40*0.5 + 30*1 = 70, capped at 60
        assertThat(card.component(ScoreCalculator.EBANKING).points()).isEqualByComparingTo("60");
        assertThat(card.component(ScoreCalculator.PENETRATION).inputs().get("held"))
                .isEqualTo(List.of("DEMAND_DEPOSIT", "EBANKING"));
        assertThat(card.ruleTier()).isEqualTo(Tier.POTENTIAL);
        assertThat(card.tierReason()).startsWith("e-banking engagement");
    }

    @Test
    void aRisingTrendMakesAModestCustomerPotential() {
        // 20k for 60 days then 40k: 30-day average 40k is more than 20% above the 90-day average 26.7k
        var facts = new CustomerFacts(D, List.of(deposit("A1", ProductType.DEMAND_DEPOSIT,
                p(D.minusDays(300), 20_000), p(D.minusDays(29), 40_000))), null);
        Scorecard card = ScoreCalculator.score(facts, MODEL);
        assertThat(card.ruleTier()).isEqualTo(Tier.POTENTIAL);
        assertThat(card.tierReason()).startsWith("rising trend");

        var flat = new CustomerFacts(D, List.of(deposit("A1", ProductType.DEMAND_DEPOSIT,
                p(D.minusDays(300), 40_000))), null);
        assertThat(ScoreCalculator.score(flat, MODEL).ruleTier()).isEqualTo(Tier.GENERAL);
    }

    @Test
    void aCustomerWithoutAnythingIsGeneral() {
        Scorecard card = ScoreCalculator.score(new CustomerFacts(D, List.of(), null), MODEL);
        assertThat(card.ruleTier()).isEqualTo(Tier.GENERAL);
        assertThat(card.contribution()).isEqualByComparingTo("0");
        assertThat(card.points()).isEqualByComparingTo("0");
        assertThat(card.components()).extracting(Scorecard.Component::name).containsExactly(ScoreCalculator.DEPOSIT,
                ScoreCalculator.LOAN, ScoreCalculator.FEE, ScoreCalculator.EBANKING, ScoreCalculator.PENETRATION,
                ScoreCalculator.TENURE, ScoreCalculator.RISK);
    }

    @Test
    void aThreeDaySpikeMovesTheLongAverageByAThirtiethOfItsSizeOnly() {
        // 150k (POTENTIAL) for a long time, then 1M for three days and back to 150k
        var facts = new CustomerFacts(D, List.of(deposit("A1", ProductType.DEMAND_DEPOSIT,
                p(D.minusDays(200), 150_000), p(D.minusDays(3), 1_000_000), p(D, 150_000))), null);
        Scorecard card = ScoreCalculator.score(facts, MODEL);
        // 150k + 3/90 * 850k
        assertThat(card.averages().assetsLong()).isEqualByComparingTo("178333.33");
        assertThat(card.ruleTier()).isEqualTo(Tier.POTENTIAL);
    }

    @Test
    void mergedHistoriesAddUp() {
        var a = deposit("A1", ProductType.TIME_DEPOSIT, p(D.minusDays(100), 150_000));
        var b = deposit("B1", ProductType.TIME_DEPOSIT, p(D.minusDays(100), 150_000));
        assertThat(ScoreCalculator.score(new CustomerFacts(D, List.of(a), null), MODEL).ruleTier())
                .isEqualTo(Tier.POTENTIAL);
        Scorecard both = ScoreCalculator.score(new CustomerFacts(D, List.of(a, b), null), MODEL);
        assertThat(both.averages().assetsLong()).isEqualByComparingTo("300000");
        assertThat(both.ruleTier()).isEqualTo(Tier.EXCELLENT);
    }
}
