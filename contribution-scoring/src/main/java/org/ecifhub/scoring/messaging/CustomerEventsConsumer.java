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
import org.ecifhub.commons.inbox.ChunkedEvents;
import org.ecifhub.commons.inbox.DeadLetterHeaders;
import org.ecifhub.scoring.config.ScoringConfig;
import org.ecifhub.scoring.service.ScoringService;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads {@code ecif.customer.v1} a poll at a time, applied as {@link ChunkedEvents} does: in chunks of
 * {@code ecif.scoring.consume-chunk-size}, one transaction each, a message that cannot be read or applied to the
 * dead-letter topic with the reason while the others are applied. The poll's offsets are committed after that.
 */
@ApplicationScoped
public class CustomerEventsConsumer {

    private static final Logger LOG = Logger.getLogger(CustomerEventsConsumer.class);

    private final ScoringService scoring;
    private final ChunkedEvents chunks;
    private final MutinyEmitter<String> deadLetters;
    private final Timer applied;
    private final Counter consumed;

    public CustomerEventsConsumer(ScoringService scoring, ObjectMapper mapper, ScoringConfig config,
                                  @Channel("customer-events-dead-letter") MutinyEmitter<String> deadLetters,
                                  MeterRegistry registry) {
        this.scoring = scoring;
        this.chunks = new ChunkedEvents(mapper, config.consumeChunkSize(), this::deadLetter);
        this.deadLetters = deadLetters;
        this.applied = Timer.builder("ecif.scoring.events.apply")
                .description("Time to apply a chunk of customer events, its transaction included: each attempt, and each "
                        + "event applied alone while a poison message is isolated").register(registry);
        this.consumed = Counter.builder("ecif.scoring.events.consumed")
                .description("Customer events whose transaction committed: applied, or skipped as applied before")
                .register(registry);
    }

    @Incoming("customer-events")
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        chunks.apply(records, events -> {
            applied.record(() -> scoring.applyAll(events));
            consumed.increment(events.size()); // applyAll has committed
        });
    }

    /** With the headers SmallRye's own dead-letter strategy writes, so both kinds of dead letter read alike. */
    private void deadLetter(ConsumerRecord<String, String> record, Throwable reason) {
        LOG.warnf("Customer event at %s-%d@%d goes to the dead-letter topic: %s", record.topic(), record.partition(),
                record.offset(), reason.toString());
        deadLetters.sendMessageAndAwait(Message.of(record.value()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(DeadLetterHeaders.of(record, reason)).build()));
    }
}
