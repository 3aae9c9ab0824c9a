package org.ecifhub.commons.outbox;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.debezium.embedded.Connect;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Relays the service's {@code outbox_event} table to Kafka with the Debezium embedded engine: the PostgreSQL
 * connector reads committed outbox rows from the WAL (pgoutput, a filtered publication, a slot per service) and
 * Debezium's Outbox Event Router turns each row into a record for the topic named in {@code aggregatetype}, keyed
 * by {@code aggregateid}.
 *
 * <p>Delivery is at least once: a batch is sent and flushed to Kafka before its position is marked processed, and
 * positions are committed to PostgreSQL (the JDBC offset store) every {@code offset-flush-interval}. After a
 * crash the uncommitted tail is relayed again; consumers de-duplicate on the event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxRelayConfig config;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String schema;
    private final String bootstrapServers;
    private final String serviceName;

    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean slotActive = new AtomicBoolean();
    private volatile Throwable lastFailure;
    private volatile long relayed;
    private ExecutorService executor;
    private volatile DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private KafkaProducer<String, String> producer;

    public OutboxRelay(OutboxRelayConfig config,
                       @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
                       @ConfigProperty(name = "quarkus.datasource.username") String user,
                       @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
                       @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema,
                       @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                       @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.config = config;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password.orElse("");
        this.schema = schema;
        this.bootstrapServers = bootstrapServers;
        this.serviceName = serviceName;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("Outbox relay disabled");
            return;
        }
        createTopics();
        producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new StringSerializer());
        executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay-" + serviceName));
        executor.execute(this::superviseEngine);
        awaitSlotActive();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping.set(true);
        closeEngine();
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** True while the replication slot is active, i.e. every outbox row committed now will be relayed. */
    public boolean isCapturing() {
        return engine != null && lastFailure == null && isSlotActive();
    }

    public boolean isEnabled() {
        return config.enabled();
    }

    public long relayedCount() {
        return relayed;
    }

    public Throwable lastFailure() {
        return lastFailure;
    }

    /** Runs the engine, and runs it again after a failure, until the application stops. */
    private void superviseEngine() {
        while (!stopping.get()) {
            DebeziumEngine<RecordChangeEvent<SourceRecord>> current = DebeziumEngine
                    .create(ChangeEventFormat.of(Connect.class))
                    .using(engineProperties())
                    .using(Thread.currentThread().getContextClassLoader())
                    .using((success, message, error) -> {
                        if (!success && !stopping.get()) {
                            lastFailure = error == null ? new IllegalStateException(message) : error;
                            LOG.errorf(error, "Outbox relay stopped: %s", message);
                        }
                    })
                    .notifying(this::relayBatch)
                    .build();
            engine = current;
            lastFailure = null;
            current.run(); // returns when the engine stops
            if (stopping.get()) {
                return;
            }
            try {
                Thread.sleep(config.restartBackoff().toMillis());
            } catch (InterruptedException e) {
                return;
            }
            LOG.warn("Restarting the outbox relay");
        }
    }

    private void relayBatch(List<RecordChangeEvent<SourceRecord>> batch,
                            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        Set<String> topics = new HashSet<>(config.topics());
        List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
        for (RecordChangeEvent<SourceRecord> change : batch) {
            SourceRecord record = change.record();
            // Heartbeats and anything not routed to one of our topics are positions, not events.
            if (record.value() != null && topics.contains(record.topic())) {
                sent.add(producer.send(toKafka(record)));
            }
        }
        producer.flush();
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get();
            } catch (ExecutionException e) {
                // Nothing of this batch is marked processed: the engine stops and the supervisor restarts it,
                // which relays the batch again from the last committed position.
                throw new IllegalStateException("Kafka refused an outbox event", e.getCause());
            }
        }
        for (RecordChangeEvent<SourceRecord> change : batch) {
            committer.markProcessed(change);
        }
        committer.markBatchFinished();
        relayed += sent.size();
    }

    private static ProducerRecord<String, String> toKafka(SourceRecord record) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            if (h.value() != null) {
                headers.add(h.key(), h.value().toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        String key = record.key() == null ? null : record.key().toString();
        return new ProducerRecord<>(record.topic(), null, key, record.value().toString(), headers);
    }

    private Properties engineProperties() {
        PostgresUrl db = PostgresUrl.parse(jdbcUrl);
        Properties p = new Properties();
        p.setProperty("name", serviceName + "-outbox");
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("topic.prefix", serviceName);

        p.setProperty("offset.storage", "io.debezium.storage.jdbc.offset.JdbcOffsetBackingStore");
        // The offsets live in the service's own schema, next to the outbox they describe.
        p.setProperty("offset.storage.jdbc.connection.url", jdbcUrl);
        p.setProperty("offset.storage.jdbc.connection.user", user);
        p.setProperty("offset.storage.jdbc.connection.password", password);
        // Schema-qualified, with a DDL that tolerates the table Flyway already made: the store's own existence
        // check ignores schemas and would otherwise try to create it again at every start.
        p.setProperty("offset.storage.jdbc.table.name", schema + ".debezium_offset_storage");
        p.setProperty("offset.storage.jdbc.table.ddl", "CREATE TABLE IF NOT EXISTS %s (id VARCHAR(36) NOT NULL, "
                + "offset_key VARCHAR(1255), offset_val VARCHAR(1255), record_insert_ts TIMESTAMP NOT NULL, "
                + "record_insert_seq INTEGER NOT NULL, PRIMARY KEY (id))");
        p.setProperty("offset.flush.interval.ms", Long.toString(config.offsetFlushInterval().toMillis()));

        p.setProperty("database.hostname", db.host());
        p.setProperty("database.port", Integer.toString(db.port()));
        p.setProperty("database.dbname", db.database());
        p.setProperty("database.user", user);
        p.setProperty("database.password", password);
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", config.slotName());
        p.setProperty("publication.name", config.slotName() + "_pub");
        p.setProperty("publication.autocreate.mode", "filtered");
        p.setProperty("table.include.list", schema + ".outbox_event");
        // Rows written before the slot existed are never relayed; start-up waits for the slot (awaitSlotActive).
        p.setProperty("snapshot.mode", "no_data");
        p.setProperty("tombstones.on.delete", "false");
        p.setProperty("extended.headers.enabled", "false");
        p.setProperty("heartbeat.interval.ms", Long.toString(config.heartbeatInterval().toMillis()));
        // How long the connector waits for more changes before handing over what it has: the default (500 ms)
        // is most of the feed-to-Kafka latency of a single record; a batch fills long before this under load.
        p.setProperty("poll.interval.ms", "20");

        p.setProperty("transforms", "outbox");
        p.setProperty("transforms.outbox.type", "io.debezium.transforms.outbox.EventRouter");
        p.setProperty("transforms.outbox.route.by.field", "aggregatetype");
        p.setProperty("transforms.outbox.route.topic.replacement", "${routedByValue}");
        p.setProperty("transforms.outbox.table.field.event.key", "aggregateid");
        p.setProperty("transforms.outbox.table.fields.additional.placement", "type:header:eventType");
        return p;
    }

    private Map<String, Object> producerConfig() {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, serviceName + "-outbox-relay",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    }

    private void createTopics() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            // -1: kept for good (see OutboxRelayConfig.topicRetention)
            String retentionMs = config.topicRetention().map(d -> Long.toString(d.toMillis())).orElse("-1");
            for (String topic : config.topics()) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, config.partitions(), (short) 1)
                                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, retentionMs)))).all()
                            .get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + topic, e.getCause());
                    }
                    warnIfRetentionDiffers(admin, topic, retentionMs);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within 30 s", e);
        }
    }

    /** An existing topic keeps its own retention (ops may have chosen it), but a difference is worth a warning. */
    private static void warnIfRetentionDiffers(Admin admin, String topic, String wanted)
            throws InterruptedException, java.util.concurrent.TimeoutException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            String actual = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                    .get(TopicConfig.RETENTION_MS_CONFIG).value();
            if (!wanted.equals(actual)) {
                LOG.warnf("Topic %s keeps events for retention.ms=%s, not %s: a consumer started later cannot replay "
                        + "what has expired (kafka-configs.sh --alter --entity-type topics --entity-name %s "
                        + "--add-config retention.ms=%s)", topic, actual, wanted, topic, wanted);
            }
        } catch (ExecutionException e) {
            LOG.warnf("Could not read the retention of topic %s: %s", topic, e.getCause());
        }
    }

    /**
     * Blocks start-up until the replication slot is active: the slot is created when the connector starts, and
     * with snapshot mode {@code no_data} nothing committed before that moment is ever captured.
     */
    private void awaitSlotActive() {
        Instant deadline = Instant.now().plus(config.startTimeout());
        while (Instant.now().isBefore(deadline)) {
            if (isSlotActive()) {
                slotActive.set(true);
                LOG.infof("Outbox relay capturing %s.outbox_event through slot %s", schema, config.slotName());
                return;
            }
            if (lastFailure != null) {
                break;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.errorf(lastFailure, "Outbox relay not capturing after %s; health reports it down",
                config.startTimeout());
        watchSlotInBackground();
    }

    private void watchSlotInBackground() {
        Thread watcher = new Thread(() -> {
            while (!stopping.get() && !slotActive.get()) {
                if (isSlotActive()) {
                    slotActive.set(true);
                    LOG.info("Outbox relay capturing");
                    return;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "outbox-slot-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private boolean isSlotActive() {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
             PreparedStatement s = c.prepareStatement("SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
            s.setString(1, config.slotName());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            return false;
        }
    }

    private void closeEngine() {
        DebeziumEngine<RecordChangeEvent<SourceRecord>> current = engine;
        if (current != null) {
            try {
                current.close();
            } catch (Exception e) {
                LOG.debug("Error closing the Debezium engine", e);
            }
        }
    }
}
