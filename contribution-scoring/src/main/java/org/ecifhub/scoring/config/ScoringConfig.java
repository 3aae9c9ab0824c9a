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

    /**
     * When the end of day runs (a Quartz-style cron in {@link #businessZone()}), or {@code off} when the bank's
     * own batch scheduler calls {@code POST /api/v1/scoring/reevaluate} instead.
     */
    @WithDefault("0 30 0 * * ?")
    String endOfDayCron();

    /** Customers re-scored per transaction when a model is activated or simulated. */
    @WithDefault("500")
    int rescoreBatchSize();

    /**
     * Threads of a model activation job, each walking its own range of customer numbers: with two, the database
     * and the scoring code work side by side instead of in turn.
     */
    @WithDefault("2")
    int activationWorkers();

    /** Customers re-scored per transaction (one page of the keyset walk) by a model activation job. */
    @WithDefault("2000")
    int activationPageSize();

    /**
     * Customer events applied per transaction (at most a poll's records): one inbox statement, one lock of the
     * customers, one set of holdings and score writes for the chunk.
     */
    @WithDefault("1000")
    int consumeChunkSize();

    /** How many daily scores {@code GET /customers/{n}/score} returns in its history. */
    @WithDefault("90")
    int historySize();
}
