package org.ecifhub.assignment.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ecifhub.assignment.service.AssignmentService;
import org.ecifhub.commons.events.EventEnvelope;
import org.ecifhub.commons.inbox.DeadLetterHeaders;
import org.ecifhub.commons.inbox.TransientFailures;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Reads {@code ecif.customer.v1} and {@code ecif.tier.v1} a poll at a time. The records of a poll are applied in
 * chunks of at most {@value #CHUNK}, each chunk in one transaction (one commit instead of one per event, and what
 * the decisions need read once per chunk). When a chunk fails it is rolled back and its events are applied again
 * one by one, each in its own transaction, so that a poison message goes to the channel's dead-letter topic while
 * the rest of the chunk is applied. Transient database failures (deadlock, lock timeout, lost connection) are
 * retried first. Records are applied in the order of the poll, so one customer's events (one key, one partition)
 * stay in order; the poll is acknowledged only once every chunk committed or went to the dead-letter topic.
 */
@ApplicationScoped
public class EventsConsumer {

    static final int CHUNK = 500;
    private static final Logger LOG = Logger.getLogger(EventsConsumer.class);

    private final AssignmentService assignment;
    private final ObjectMapper mapper;
    private final String bootstrapServers;
    private KafkaProducer<String, String> deadLetters;

    public EventsConsumer(AssignmentService assignment, ObjectMapper mapper,
                          @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.assignment = assignment;
        this.mapper = mapper;
        this.bootstrapServers = bootstrapServers;
    }

    @Incoming("customer-events")
    @Blocking
    public void customerEvents(ConsumerRecords<String, String> records) {
        consume(records, assignment::applyCustomerEvents);
    }

    @Incoming("tier-events")
    @Blocking
    public void tierEvents(ConsumerRecords<String, String> records) {
        consume(records, assignment::applyTierEvents);
    }

    private void consume(ConsumerRecords<String, String> records, Consumer<List<EventEnvelope>> apply) {
        List<ConsumerRecord<String, String>> chunk = new ArrayList<>(Math.min(CHUNK, records.count()));
        for (ConsumerRecord<String, String> r : records) {
            chunk.add(r);
            if (chunk.size() == CHUNK) {
                applyChunk(chunk, apply);
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) {
            applyChunk(chunk, apply);
        }
    }

    private void applyChunk(List<ConsumerRecord<String, String>> records, Consumer<List<EventEnvelope>> apply) {
        List<EventEnvelope> events = new ArrayList<>(records.size());
        List<ConsumerRecord<String, String>> readable = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> r : records) {
            try {
                events.add(EventEnvelope.read(mapper, r.value()));
                readable.add(r);
            } catch (Exception unreadable) {
                deadLetter(r, unreadable); // never applicable: out of the chunk at once
            }
        }
        if (events.isEmpty()) {
            return;
        }
        try {
            TransientFailures.retry(() -> apply.accept(events));
        } catch (RuntimeException chunkFailed) {
            if (events.size() > 1) {
                LOG.warnf("A chunk of %d events failed (%s); applying them one by one", events.size(),
                        chunkFailed.toString());
            }
            for (int i = 0; i < events.size(); i++) {
                EventEnvelope event = events.get(i);
                try {
                    TransientFailures.retry(() -> apply.accept(List.of(event)));
                } catch (RuntimeException failed) {
                    deadLetter(readable.get(i), failed);
                }
            }
        }
    }

    /**
     * Sends the record to {@code <topic>.dlq.manager-assignment}, with the headers SmallRye's dead-letter strategy
     * uses, and waits for Kafka to have it: the poll is acknowledged after this returns.
     */
    private void deadLetter(ConsumerRecord<String, String> r, Exception cause) {
        LOG.errorf("Event at %s-%d@%d cannot be applied, sent to the dead-letter topic: %s", r.topic(), r.partition(),
                r.offset(), cause.toString());
        ProducerRecord<String, String> dead = new ProducerRecord<>(r.topic() + ".dlq.manager-assignment", null, r.key(),
                r.value(), DeadLetterHeaders.of(r, cause));
        try {
            producer().send(dead).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException e) {
            // Not acknowledged: the poll is not committed and the record comes back after a restart.
            throw new IllegalStateException("Could not dead-letter " + r.topic() + "@" + r.offset(), e);
        }
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (deadLetters == null) {
            deadLetters = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.CLIENT_ID_CONFIG, "manager-assignment-dlq", ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new StringSerializer());
        }
        return deadLetters;
    }

    @PreDestroy
    synchronized void close() {
        if (deadLetters != null) {
            deadLetters.close(java.time.Duration.ofSeconds(5));
        }
    }
}
