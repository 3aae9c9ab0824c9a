package org.ecifhub.scoring.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.ecifhub.commons.outbox.OutboxWriter;
import org.ecifhub.scoring.domain.TierChanged;

import java.util.List;

/** Publishes TierChanged through this service's outbox to {@value #TOPIC}. */
@ApplicationScoped
public class TierEventPublisher {

    public static final String TOPIC = "ecif.tier.v1";
    static final String TYPE = "TierChanged";

    /** A tier change and the customer's tier version it makes. */
    public record Pending(TierChanged event, long version) {
    }

    private final OutboxWriter outbox;

    public TierEventPublisher(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public void publish(TierChanged event, long version) {
        outbox.write(TOPIC, event.customerNumber(), TYPE, version, event);
    }

    /** A whole batch of tier changes in one outbox statement, in the caller's transaction. */
    public void publishAll(List<Pending> changes) {
        outbox.writeAll(TOPIC, TYPE, changes.stream()
                .map(p -> new OutboxWriter.Pending(p.event().customerNumber(), p.version(), p.event())).toList());
    }
}
