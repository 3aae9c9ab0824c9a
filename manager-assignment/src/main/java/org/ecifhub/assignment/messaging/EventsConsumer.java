package org.ecifhub.assignment.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.ecifhub.assignment.service.AssignmentService;
import org.ecifhub.commons.events.EventEnvelope;
import org.ecifhub.commons.inbox.TransientFailures;
import org.eclipse.microprofile.reactive.messaging.Incoming;


/**
 * Reads {@code ecif.customer.v1} and {@code ecif.tier.v1}. A message is acknowledged only after its transaction
 * committed; one that cannot be read or applied goes to the channel's dead-letter topic and consumption goes on.
 */
@ApplicationScoped
public class EventsConsumer {

    private final AssignmentService assignment;
    private final ObjectMapper mapper;

    public EventsConsumer(AssignmentService assignment, ObjectMapper mapper) {
        this.assignment = assignment;
        this.mapper = mapper;
    }

    @Incoming("customer-events")
    @Blocking
    public void customerEvent(String payload) throws JsonProcessingException {
        EventEnvelope event = EventEnvelope.read(mapper, payload);
        TransientFailures.retry(() -> assignment.applyCustomerEvent(event));
    }

    @Incoming("tier-events")
    @Blocking
    public void tierEvent(String payload) throws JsonProcessingException {
        EventEnvelope event = EventEnvelope.read(mapper, payload);
        TransientFailures.retry(() -> assignment.applyTierEvent(event));
    }
}
