package org.ecifhub.scoring.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class ScoringModelTest {

    @Test
    void theStandardModelIsValid() {
        assertThat(ScoringModel.standard().validate()).isEmpty();
        assertThat(ScoringModel.standard().version()).isEqualTo("ecif-cs-1.0");
    }

    @Test
    void invalidParametersAreNamedByTheirPath() {
        ScoringModel s = ScoringModel.standard();
        ScoringModel bad = new ScoringModel("bad version!", s.description(), new ScoringModel.Windows(30, 10),
                s.depositSpreads(), s.loans(), s.points(),
                new ScoringModel.Tiers(new BigDecimal("100000"), s.tiers().privilegeContribution(),
                        new BigDecimal("200000"), s.tiers().excellentContribution(), s.tiers().potentialAssets(),
                        s.tiers().risingShare(), s.tiers().risingMinAssets(), s.tiers().engagementPoints()),
                new ScoringModel.Watch(BigDecimal.ONE, 0), -1);
        assertThat(bad.validate()).extracting(FieldError::field).containsExactlyInAnyOrder("version",
                "windows.longDays", "tiers.excellentAssets", "watch.balanceDropShare", "watch.overdueDays",
                "gracePeriodDays");
    }

    @Test
    void missingSectionsAreRefused() {
        ScoringModel empty = new ScoringModel("v1", null, null, null, null, null, null, null, 30);
        assertThat(empty.validate()).extracting(FieldError::field).containsExactlyInAnyOrder("windows",
                "depositSpreads", "loans", "points", "tiers", "watch");
    }

    @Test
    void expectedLossRatesFollowTheDaysPastDue() {
        ScoringModel.Loans loans = ScoringModel.standard().loans();
        assertThat(loans.lossRate(0)).isEqualByComparingTo("0");
        assertThat(loans.lossRate(30)).isEqualByComparingTo("0.02");
        assertThat(loans.lossRate(31)).isEqualByComparingTo("0.10");
        assertThat(loans.lossRate(91)).isEqualByComparingTo("0.45");
    }
}
