package org.ecifhub.scoring.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.ecifhub.commons.outbox.OutboxWriter;
import org.ecifhub.scoring.domain.TierChanged;

/** Publishes TierChanged through this service's outbox to {@value #TOPIC}. */
@ApplicationScoped
public class TierEventPublisher {

    public static final String TOPIC = "ecif.tier.v1";

    private final OutboxWriter outbox;

    public TierEventPublisher(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public void publish(TierChanged event, long version) {
        outbox.write(TOPIC, event.customerNumber(), "TierChanged", version, event);
    }
}
