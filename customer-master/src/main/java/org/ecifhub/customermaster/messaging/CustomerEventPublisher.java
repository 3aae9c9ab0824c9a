package org.ecifhub.customermaster.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.ecifhub.commons.outbox.OutboxWriter;
import org.ecifhub.customermaster.domain.CustomerEvent;

/** Publishes customer events through the outbox, in the caller's transaction, to {@value #TOPIC}. */
@ApplicationScoped
public class CustomerEventPublisher {

    public static final String TOPIC = "ecif.customer.v1";

    private final OutboxWriter outbox;

    public CustomerEventPublisher(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** @param version the customer's version after this event */
    public void publish(CustomerEvent event, long version) {
        outbox.write(TOPIC, event.customerNumber(), event.eventType(), version, event);
    }
}
