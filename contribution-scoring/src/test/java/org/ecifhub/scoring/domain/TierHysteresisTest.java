package org.ecifhub.scoring.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class TierHysteresisTest {

    static final LocalDate D = LocalDate.of(2026, 3, 1);
    static final int GRACE = 30;

    @Test
    void aNewCustomerTakesTheRuledTierAtOnce() {
        var d = TierHysteresis.next(new TierHysteresis.State(null, null), Tier.EXCELLENT, D, GRACE);
        assertThat(d.changed()).isTrue();
        assertThat(d.state()).isEqualTo(new TierHysteresis.State(Tier.EXCELLENT, null));
    }

    @Test
    void anUpgradeTakesEffectAtOnce() {
        var d = TierHysteresis.next(new TierHysteresis.State(Tier.POTENTIAL, null), Tier.PRIVILEGE, D, GRACE);
        assertThat(d.changed()).isTrue();
        assertThat(d.state().tier()).isEqualTo(Tier.PRIVILEGE);
    }

    @Test
    void anUpgradeCancelsAPendingDowngrade() {
        var d = TierHysteresis.next(new TierHysteresis.State(Tier.EXCELLENT, D.minusDays(10)), Tier.PRIVILEGE, D,
                GRACE);
        assertThat(d.state()).isEqualTo(new TierHysteresis.State(Tier.PRIVILEGE, null));
    }

    @Test
    void aDowngradeWaitsForTheGracePeriodThenTakesEffect() {
        var state = new TierHysteresis.State(Tier.EXCELLENT, null);
        var first = TierHysteresis.next(state, Tier.POTENTIAL, D, GRACE);
        assertThat(first.changed()).isFalse();
        assertThat(first.state()).isEqualTo(new TierHysteresis.State(Tier.EXCELLENT, D));
        assertThat(first.reason()).contains("downgrade to POTENTIAL on " + D.plusDays(GRACE));

        var stillInGrace = TierHysteresis.next(first.state(), Tier.POTENTIAL, D.plusDays(GRACE - 1), GRACE);
        assertThat(stillInGrace.changed()).isFalse();
        assertThat(stillInGrace.state().belowSince()).isEqualTo(D);

        var after = TierHysteresis.next(stillInGrace.state(), Tier.POTENTIAL, D.plusDays(GRACE), GRACE);
        assertThat(after.changed()).isTrue();
        assertThat(after.state()).isEqualTo(new TierHysteresis.State(Tier.POTENTIAL, null));
    }

    @Test
    void comingBackAboveRestartsTheGracePeriod() {
        var below = TierHysteresis.next(new TierHysteresis.State(Tier.EXCELLENT, null), Tier.GENERAL, D, GRACE);
        var back = TierHysteresis.next(below.state(), Tier.EXCELLENT, D.plusDays(20), GRACE);
        assertThat(back.state()).isEqualTo(new TierHysteresis.State(Tier.EXCELLENT, null));
        var belowAgain = TierHysteresis.next(back.state(), Tier.GENERAL, D.plusDays(25), GRACE);
        var later = TierHysteresis.next(belowAgain.state(), Tier.GENERAL, D.plusDays(40), GRACE);
        assertThat(later.changed()).as("only 15 days below since it came back").isFalse();
        assertThat(later.state().belowSince()).isEqualTo(D.plusDays(25));
    }

    @Test
    void aZeroGracePeriodDowngradesAtOnce() {
        var d = TierHysteresis.next(new TierHysteresis.State(Tier.PRIVILEGE, null), Tier.GENERAL, D, 0);
        assertThat(d.changed()).isTrue();
        assertThat(d.state().tier()).isEqualTo(Tier.GENERAL);
    }
}
