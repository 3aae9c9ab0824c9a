package org.ecifhub.gateway.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.ecifhub.gateway.config.GatewayConfig;
import org.ecifhub.gateway.persistence.ChangeJournal;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Reads ecif.customer.v1, ecif.tier.v1 and ecif.ownership.v1 into the change journal. Offsets are committed only
 * after the batch is journalled; a redelivered event is journalled once (the journal is keyed by event id). A
 * record that is not an event envelope is logged and skipped: the stream is for people watching, not a ledger.
 */
@ApplicationScoped
public class ChangeConsumer {

    private static final Logger LOG = Logger.getLogger(ChangeConsumer.class);

    private final GatewayConfig config;
    private final ChangeJournal journal;
    private static final ObjectMapper mapper = new ObjectMapper();
    private final String bootstrapServers;
    private ConsumerThread thread;
    /** When the journal is next pruned of what is older than its retention; touched by the consumer thread only. */
    private Instant nextPrune = Instant.now();

    public ChangeConsumer(GatewayConfig config, ChangeJournal journal,
                          @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.journal = journal;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent event) {
        if (config.stream().enabled()) {
            thread = ConsumerThread.start("gateway-change-consumer", bootstrapServers, config.stream().consumerGroup(),
                    "earliest", this::consume, e -> LOG.warnf(e, "Change stream consumer failed; restarting in 2 s"));
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (thread != null) {
            thread.stop();
        }
    }

    private void consume(KafkaConsumer<String, String> c, BooleanSupplier running) {
        c.subscribe(config.stream().topics());
        while (running.getAsBoolean()) {
            ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(500));
            if (!records.isEmpty()) {
                List<ChangeJournal.Incoming> batch = new ArrayList<>(records.count());
                records.forEach(r -> read(r, batch));
                journal.append(batch);
                c.commitSync();
            }
            if (Instant.now().isAfter(nextPrune)) {
                journal.prune(Instant.now().minus(config.stream().retention()));
                nextPrune = Instant.now().plus(Duration.ofHours(1));
            }
        }
    }

    private void read(ConsumerRecord<String, String> r, List<ChangeJournal.Incoming> batch) {
        try {
            JsonNode env = mapper.readTree(r.value());
            String eventId = text(env, "eventId");
            String type = text(env, "eventType");
            if (eventId == null || type == null) {
                LOG.warnf("Skipping a record on %s at offset %d: not an event envelope", r.topic(), r.offset());
                return;
            }
            JsonNode data = env.path("data");
            String customer = text(env, "subject");
            if (customer == null) {
                customer = r.key();
            }
            String branch = text(data.path("attributes"), "branchCode");
            if (branch == null) {
                branch = text(data, "branchCode");
            }
            String tier = r.topic().contains(".tier.") ? text(data, "to") : null;
            String occurred = text(env, "occurredAt");
            batch.add(new ChangeJournal.Incoming(eventId, r.topic(), type, customer, branch, tier,
                    occurred == null ? null : OffsetDateTime.parse(occurred), r.value(),
                    env.path("version").asLong(0), data));
        } catch (Exception e) {
            LOG.warnf("Skipping a record on %s at offset %d: %s", r.topic(), r.offset(), e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }
}
