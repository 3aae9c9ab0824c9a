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
import org.ecifhub.commons.inbox.ChunkedEvents;
import org.ecifhub.commons.inbox.DeadLetterHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads {@code ecif.customer.v1} and {@code ecif.tier.v1} a poll at a time, applied as {@link ChunkedEvents} does:
 * in chunks of at most {@value #CHUNK}, each in one transaction (one commit instead of one per event, and what the
 * decisions need read once per chunk), a poison message to the channel's dead-letter topic while the rest is
 * applied, in the order of the poll. The poll is acknowledged only once every event committed or went to the
 * dead-letter topic.
 */
@ApplicationScoped
public class EventsConsumer {

    static final int CHUNK = 500;
    private static final Logger LOG = Logger.getLogger(EventsConsumer.class);

    private final AssignmentService assignment;
    private final ChunkedEvents chunks;
    private final String bootstrapServers;
    private KafkaProducer<String, String> deadLetters;

    public EventsConsumer(AssignmentService assignment, ObjectMapper mapper,
                          @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.assignment = assignment;
        this.chunks = new ChunkedEvents(mapper, CHUNK, this::deadLetter);
        this.bootstrapServers = bootstrapServers;
    }

    @Incoming("customer-events")
    @Blocking
    public void customerEvents(ConsumerRecords<String, String> records) {
        chunks.apply(records, assignment::applyCustomerEvents);
    }

    @Incoming("tier-events")
    @Blocking
    public void tierEvents(ConsumerRecords<String, String> records) {
        chunks.apply(records, assignment::applyTierEvents);
    }

    /**
     * Sends the record to {@code <topic>.dlq.manager-assignment}, with the headers SmallRye's dead-letter strategy
     * uses, and waits for Kafka to have it: the poll is acknowledged after this returns.
     */
    private void deadLetter(ConsumerRecord<String, String> r, Throwable cause) {
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
