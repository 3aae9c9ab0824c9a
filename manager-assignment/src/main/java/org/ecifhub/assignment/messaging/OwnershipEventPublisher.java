package org.ecifhub.assignment.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.ecifhub.assignment.domain.OwnershipChanged;
import org.ecifhub.assignment.domain.OwnershipEnded;
import org.ecifhub.assignment.domain.VisitReported;
import org.ecifhub.commons.outbox.OutboxWriter;

/**
 * Publishes this service's customer events (ownership changes and visit reports) through its outbox, in the
 * caller's transaction, to {@value #TOPIC}.
 */
@ApplicationScoped
public class OwnershipEventPublisher {

    public static final String TOPIC = "ecif.ownership.v1";

    private final OutboxWriter outbox;

    public OwnershipEventPublisher(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public void publish(OwnershipChanged event, long version) {
        outbox.write(TOPIC, event.customerNumber(), "OwnershipChanged", version, event);
    }

    public void publish(OwnershipEnded event, long version) {
        outbox.write(TOPIC, event.customerNumber(), "OwnershipEnded", version, event);
    }

    public void publish(VisitReported event, long version) {
        outbox.write(TOPIC, event.customerNumber(), "VisitReported", version, event);
    }
}
