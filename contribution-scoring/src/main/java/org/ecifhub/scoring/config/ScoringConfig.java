package org.ecifhub.scoring.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;

@ConfigMapping(prefix = "ecif.scoring")
public interface ScoringConfig {

    Thresholds thresholds();

    /** Names the parameter set in TierChanged events. */
    @WithDefault("fixed-thresholds-0")
    String modelVersion();

    interface Thresholds {
        @WithDefault("500000")
        BigDecimal privilege();

        @WithDefault("200000")
        BigDecimal excellent();

        @WithDefault("50000")
        BigDecimal potential();
    }
}
