package org.ecifhub.scoring.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.ecifhub.commons.events.EventEnvelope;
import org.ecifhub.commons.inbox.DeadLetterHeaders;
import org.ecifhub.commons.inbox.TransientFailures;
import org.ecifhub.scoring.config.ScoringConfig;
import org.ecifhub.scoring.service.ScoringService;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code ecif.customer.v1} a poll at a time. The records of a poll are applied in chunks of
 * {@code ecif.scoring.consume-chunk-size}, one transaction each; the poll's offsets are committed only after every
 * chunk committed. When a chunk fails, it is rolled back and its events are applied one by one, so a message that
 * cannot be read or applied goes to the dead-letter topic with the reason while the others are applied.
 */
@ApplicationScoped
public class CustomerEventsConsumer {

    private static final Logger LOG = Logger.getLogger(CustomerEventsConsumer.class);

    private record Received(ConsumerRecord<String, String> record, EventEnvelope event) {
    }

    private final ScoringService scoring;
    private final ObjectMapper mapper;
    private final ScoringConfig config;
    private final MutinyEmitter<String> deadLetters;
    private final Timer applied;
    private final Counter consumed;

    public CustomerEventsConsumer(ScoringService scoring, ObjectMapper mapper, ScoringConfig config,
                                  @Channel("customer-events-dead-letter") MutinyEmitter<String> deadLetters,
                                  MeterRegistry registry) {
        this.scoring = scoring;
        this.mapper = mapper;
        this.config = config;
        this.deadLetters = deadLetters;
        this.applied = Timer.builder("ecif.scoring.events.apply")
                .description("Time to apply one chunk of customer events, its transaction included").register(registry);
        this.consumed = Counter.builder("ecif.scoring.events.consumed")
                .description("Customer events whose transaction committed: applied, or skipped as applied before")
                .register(registry);
    }

    @Incoming("customer-events")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        List<Received> chunk = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            EventEnvelope event;
            try {
                event = EventEnvelope.read(mapper, record.value());
            } catch (Exception unreadable) {
                deadLetter(record, unreadable);
                continue;
            }
            chunk.add(new Received(record, event));
            if (chunk.size() >= config.consumeChunkSize()) {
                apply(chunk);
                chunk = new ArrayList<>();
            }
        }
        if (!chunk.isEmpty()) {
            apply(chunk);
        }
    }

    private void apply(List<Received> chunk) {
        List<EventEnvelope> events = chunk.stream().map(Received::event).toList();
        try {
            applied.record(() -> TransientFailures.retry(() -> scoring.applyAll(events)));
            consumed.increment(events.size());
            return;
        } catch (RuntimeException failed) {
            LOG.debugf("A chunk of %d events failed (%s); applying them one by one", events.size(), failed);
        }
        // Isolate the poison: each event in its own transaction, in the chunk's order (so each customer's order).
        for (Received r : chunk) {
            try {
                TransientFailures.retry(() -> scoring.applyAll(List.of(r.event())));
                consumed.increment();
            } catch (RuntimeException poison) {
                deadLetter(r.record(), poison);
            }
        }
    }

    /** With the headers SmallRye's own dead-letter strategy writes, so both kinds of dead letter read alike. */
    private void deadLetter(ConsumerRecord<String, String> record, Throwable reason) {
        LOG.warnf("Customer event at %s-%d@%d goes to the dead-letter topic: %s", record.topic(), record.partition(),
                record.offset(), reason.toString());
        deadLetters.sendMessageAndAwait(Message.of(record.value()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(DeadLetterHeaders.of(record, reason)).build()));
    }
}
