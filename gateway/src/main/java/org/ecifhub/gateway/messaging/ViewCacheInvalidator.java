package org.ecifhub.gateway.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.ecifhub.gateway.config.GatewayConfig;
import org.ecifhub.gateway.service.ViewSectionCache;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Keeps the unified view's cache honest: reads every event on the configured topics and drops the cached sections
 * of each customer an event names ({@link ViewSectionCache#invalidate}). Every gateway instance needs every event,
 * so each reads in a consumer group of its own, from the newest offset, and commits nothing; the cache is used only
 * while this consumer holds its partitions (a restart or rebalance starts it empty again).
 *
 * <p>A customer or tier event is applied by scoring and assignment at about the same time as it arrives here, so
 * the customer is dropped a second time {@code derived-settle} later: a score or owners answer read in between,
 * still without the change, does not stay cached until the TTL.
 */
@ApplicationScoped
public class ViewCacheInvalidator {

    private static final Logger LOG = Logger.getLogger(ViewCacheInvalidator.class);
    private static final ObjectMapper mapper = new ObjectMapper();
    /** Fields of an event's data that name a customer whose view it changes (merges, splits, relationships). */
    private static final List<String> CUSTOMER_FIELDS = List.of("customerNumber", "survivor", "retired",
            "newCustomer", "from", "toCustomerNumber", "mergedInto");
    /**
     * Topics whose events scoring and assignment apply to their own state (score, owners' branch and tier); the
     * ownership topic is not one: assignment publishes it with the change already made.
     */
    private static final Set<String> APPLIED_BY_SERVICES = Set.of("ecif.customer.v1", "ecif.tier.v1");

    private record FollowUp(long dueNanos, Set<String> customers) {
    }

    private final GatewayConfig config;
    private final ViewSectionCache cache;
    private final String bootstrapServers;
    private final ArrayDeque<FollowUp> followUps = new ArrayDeque<>();
    private ConsumerThread thread;

    public ViewCacheInvalidator(GatewayConfig config, ViewSectionCache cache,
                                @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.cache = cache;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent event) {
        GatewayConfig.Cache settings = config.view().cache();
        if (settings.enabled()) {
            thread = ConsumerThread.start("gateway-view-cache-invalidator", bootstrapServers,
                    settings.consumerGroupPrefix() + "-" + UUID.randomUUID(), "latest", this::consume, e -> {
                        cache.suspend();
                        LOG.warnf(e, "View cache invalidator failed; the cache is bypassed until it follows again in 2 s");
                    });
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (thread != null) {
            thread.stop();
            cache.suspend();
        }
    }

    private void consume(KafkaConsumer<String, String> c, BooleanSupplier running) {
        GatewayConfig.Cache settings = config.view().cache();
        long settleNanos = settings.derivedSettle().toNanos();
        c.subscribe(settings.topics(), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                cache.suspend();
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                cache.suspend();
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                // Resolve "newest" now: every event committed from here on will be read, and what the cache
                // holds from now on was read from the services after this point.
                partitions.forEach(c::position);
                if (!partitions.isEmpty()) {
                    cache.follow();
                }
            }
        });
        while (running.getAsBoolean()) {
            Set<String> changed = new HashSet<>();
            Set<String> derived = new HashSet<>();
            for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                read(r, changed, derived);
            }
            if (!changed.isEmpty()) {
                cache.invalidate(changed);
            }
            long now = System.nanoTime();
            if (!derived.isEmpty()) {
                followUps.add(new FollowUp(now + settleNanos, derived));
            }
            while (!followUps.isEmpty() && followUps.peek().dueNanos() - now <= 0) {
                cache.invalidate(followUps.poll().customers());
            }
        }
    }

    /** Adds the customers an event names; those of customer and tier events also to {@code derived}. */
    private static void read(ConsumerRecord<String, String> r, Set<String> changed, Set<String> derived) {
        Set<String> named = new HashSet<>();
        if (r.key() != null) {
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
            LOG.debugf("View cache: record on %s at offset %d is not an event envelope", r.topic(), r.offset());
        }
        changed.addAll(named);
        if (APPLIED_BY_SERVICES.contains(r.topic())) {
            derived.addAll(named);
        }
    }

    private static void addText(JsonNode v, Set<String> into) {
        if (v.isTextual() && !v.asText().isBlank()) {
            into.add(v.asText());
        }
    }
}
