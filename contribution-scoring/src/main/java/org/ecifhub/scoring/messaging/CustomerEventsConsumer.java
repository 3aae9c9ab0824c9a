package org.ecifhub.scoring.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.ecifhub.commons.events.EventEnvelope;
import org.ecifhub.commons.inbox.TransientFailures;
import org.ecifhub.scoring.service.ScoringService;
import org.eclipse.microprofile.reactive.messaging.Incoming;


/**
 * Reads {@code ecif.customer.v1}. The message is acknowledged (its offset committed) only after
 * {@link ScoringService#apply} committed; a message that cannot be read or applied goes to the dead-letter topic
 * with the reason, and consumption carries on.
 */
@ApplicationScoped
public class CustomerEventsConsumer {

    private final ScoringService scoring;
    private final ObjectMapper mapper;
    private final Timer applied;

    public CustomerEventsConsumer(ScoringService scoring, ObjectMapper mapper, MeterRegistry registry) {
        this.scoring = scoring;
        this.mapper = mapper;
        this.applied = Timer.builder("ecif.scoring.event.apply")
                .description("Time to apply one customer event, its transaction included").register(registry);
    }

    @Incoming("customer-events")
    @Blocking
    public void consume(String payload) throws JsonProcessingException {
        EventEnvelope envelope = EventEnvelope.read(mapper, payload);
        applied.record(() -> TransientFailures.retry(() -> scoring.apply(envelope)));
    }
}
