package org.ecifhub.scoring.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.ZoneId;

/**
 * Runtime settings of the service. The scoring model itself (weights, spreads, thresholds, windows, grace
 * period) is data: versioned in table {@code scoring_model}, not configuration.
 */
@ConfigMapping(prefix = "ecif.scoring")
public interface ScoringConfig {

    /** The bank's business time zone: a holding's asOf instant becomes a balance date in this zone. */
    @WithDefault("Asia/Shanghai")
    ZoneId businessZone();

    /** Customers re-scored per transaction when a model is activated or simulated. */
    @WithDefault("500")
    int rescoreBatchSize();

    /** How many daily scores {@code GET /customers/{n}/score} returns in its history. */
    @WithDefault("90")
    int historySize();
}
