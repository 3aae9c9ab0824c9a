package org.ecifhub.scoring.domain;

import java.math.BigDecimal;

/**
 * The first, deliberately simple tier rule: fixed thresholds on the score. The versioned, explainable model with
 * average balances and hysteresis replaces it (see the service README).
 */
public record TierPolicy(BigDecimal privilege, BigDecimal excellent, BigDecimal potential) {

    public Tier tierOf(BigDecimal score) {
        if (score.compareTo(privilege) >= 0) {
            return Tier.PRIVILEGE;
        }
        if (score.compareTo(excellent) >= 0) {
            return Tier.EXCELLENT;
        }
        if (score.compareTo(potential) >= 0) {
            return Tier.POTENTIAL;
        }
        return Tier.GENERAL;
    }
}
