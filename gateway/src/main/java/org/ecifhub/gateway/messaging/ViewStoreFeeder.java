package org.ecifhub.gateway.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.ecifhub.gateway.config.GatewayConfig;
import org.ecifhub.gateway.persistence.ViewStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.function.BooleanSupplier;

/**
 * Keeps the unified view's store honest: reads every event on the configured topics and tells the store which
 * customers each names ({@link ViewStore#changed}), so that what it holds for them is no longer answered and they
 * are read again in the background. The store is shared by the gateway instances and so is this consumer group;
 * it starts at the first event, so a new store fills itself with every customer the topics ever named, and commits
 * a poll only once the store has it (a redelivered event only moves a generation on once more).
 *
 * <p>Customer and tier events are also applied by scoring and assignment to the score and owners they answer; those
 * customers are refreshed only {@code derived-settle} later, when the services have applied them.
 */
@ApplicationScoped
public class ViewStoreFeeder {

    private static final Logger LOG = Logger.getLogger(ViewStoreFeeder.class);
    private static final ObjectMapper mapper = new ObjectMapper();
    /** Fields of an event's data that name a customer whose view it changes (merges, splits, relationships). */
    private static final List<String> CUSTOMER_FIELDS = List.of("customerNumber", "survivor", "retired",
            "newCustomer", "from", "toCustomerNumber", "mergedInto");
    /**
     * Topics whose events scoring and assignment apply to their own state (score, owners' branch and tier); the
     * ownership topic is not one: assignment publishes it with the change already made.
     */
    private static final Set<String> APPLIED_BY_SERVICES = Set.of("ecif.customer.v1", "ecif.tier.v1");
    /** A customer number as the event schemas define it (docs/events). */
    private static final Pattern CUSTOMER_NUMBER = Pattern.compile("[0-9]{1,20}");
    private static final long HEARTBEAT_NANOS = Duration.ofSeconds(1).toNanos();
    /** A backlog the feeder works off in well under a second (a poll is up to 500 records, applied in one statement). */
    private static final long CAUGHT_UP_RECORDS = 5_000;

    private final GatewayConfig config;
    private final ViewStore store;
    private final String bootstrapServers;
    private final Counter changes;
    private ConsumerThread thread;

    public ViewStoreFeeder(GatewayConfig config, ViewStore store, MeterRegistry registry,
                           @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.store = store;
        this.bootstrapServers = bootstrapServers;
        this.changes = Counter.builder("ecif.gateway.view.store.changes")
                .description("Customers whose stored view an event made stale").register(registry);
    }

    void start(@Observes StartupEvent event) {
        GatewayConfig.Store settings = config.view().store();
        if (settings.enabled()) {
            thread = ConsumerThread.start("gateway-view-store-feeder", bootstrapServers, settings.consumerGroup(),
                    "earliest", this::consume, e -> LOG.warnf(e, "View store feeder failed; restarting in 2 s"));
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (thread != null) {
            thread.stop();
        }
    }

    private void consume(KafkaConsumer<String, String> c, BooleanSupplier running) {
        GatewayConfig.Store settings = config.view().store();
        c.subscribe(settings.topics());
        long nextHeartbeat = System.nanoTime();
        while (running.getAsBoolean()) {
            ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(200));
            if (!records.isEmpty()) {
                Set<String> changed = new HashSet<>();
                Set<String> settling = new HashSet<>();
                records.forEach(r -> read(r, changed, settling));
                store.changed(changed, settling, settings.derivedSettle());
                changes.increment(changed.size());
                c.commitSync();
            }
            long now = System.nanoTime();
            if (now - nextHeartbeat >= 0) {
                if (caughtUp(c)) {
                    // Following: views may be answered from the store (see feed-silence).
                    store.followed();
                }
                nextHeartbeat = now + HEARTBEAT_NANOS;
            }
        }
    }

    /**
     * Whether this consumer holds partitions, the broker answers, and what is left to read of them is a short
     * backlog: only then does it keep the store honest. A consumer cut off from the broker keeps its assignment
     * and polls nothing; one catching up after an outage is behind the changes.
     */
    private static boolean caughtUp(KafkaConsumer<String, String> c) {
        Set<TopicPartition> partitions = c.assignment();
        if (partitions.isEmpty()) {
            return false;
        }
        try {
            Map<TopicPartition, Long> ends = c.endOffsets(partitions, Duration.ofSeconds(1));
            long behind = 0;
            for (TopicPartition p : partitions) {
                behind += Math.max(0, ends.getOrDefault(p, 0L) - c.position(p, Duration.ofSeconds(1)));
            }
            return behind <= CAUGHT_UP_RECORDS;
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            LOG.debugf("View store feeder: the broker does not answer (%s)", e.getMessage());
            return false;
        }
    }

    /** Adds the customers an event names; those of customer and tier events also to {@code settling}. */
    private static void read(ConsumerRecord<String, String> r, Set<String> changed, Set<String> settling) {
        Set<String> named = new HashSet<>();
        if (r.key() != null && CUSTOMER_NUMBER.matcher(r.key()).matches()) {
            named.add(r.key());
        }
        try {
            JsonNode env = mapper.readTree(r.value());
            addText(env.path("subject"), named);
            JsonNode data = env.path("data");
            for (String field : CUSTOMER_FIELDS) {
                addText(data.path(field), named);
            }
        } catch (Exception e) {
            // Not an envelope: the key (the customer number on every topic) is all there is to go by.
            LOG.debugf("View store: record on %s at offset %d is not an event envelope", r.topic(), r.offset());
        }
        changed.addAll(named);
        if (APPLIED_BY_SERVICES.contains(r.topic())) {
            settling.addAll(named);
        }
    }

    /** Only what can be a customer number: a tier name in {@code from}, or a malformed value, names nobody. */
    private static void addText(JsonNode v, Set<String> into) {
        if (v.isTextual() && CUSTOMER_NUMBER.matcher(v.asText()).matches()) {
            into.add(v.asText());
        }
    }
}
