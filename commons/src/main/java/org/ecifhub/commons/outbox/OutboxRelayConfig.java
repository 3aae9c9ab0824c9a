package org.ecifhub.commons.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

    /**
     * How long the topics this service creates keep their events; unset (the default), for good. Every consumer
     * group starts at a topic's first event, so a read model or service added to a running hub later (or rebuilt)
     * replays the whole history; with a broker's default of 7 days it would silently miss every older customer.
     * Applied when a topic is created: an existing topic keeps its setting (change it with {@code kafka-configs}).
     */
    Optional<Duration> topicRetention();

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
