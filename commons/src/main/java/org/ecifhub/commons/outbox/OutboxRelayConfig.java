package org.ecifhub.commons.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** Settings of a service's outbox relay. The database it reads is the service's own datasource. */
@ConfigMapping(prefix = "ecif.outbox")
public interface OutboxRelayConfig {

    /** Off only in tests that exercise a service without Kafka. */
    @WithDefault("true")
    boolean enabled();

    /** The replication slot, unique per service; its publication is named after it. */
    String slotName();

    /** The topics this service publishes; created at start with {@link #partitions()} partitions. */
    List<String> topics();

    @WithDefault("6")
    int partitions();

    /** How often relayed positions are committed; on a crash at most this much is relayed again. */
    @WithDefault("1s")
    Duration offsetFlushInterval();

    /** Keeps the slot advancing (and WAL from piling up) while the outbox is quiet. */
    @WithDefault("10s")
    Duration heartbeatInterval();

    /** How long start-up waits for the replication slot to be active before it reports the relay down. */
    @WithDefault("60s")
    Duration startTimeout();

    /** Pause before the engine is restarted after a failure (Kafka or PostgreSQL unreachable). */
    @WithDefault("5s")
    Duration restartBackoff();
}
