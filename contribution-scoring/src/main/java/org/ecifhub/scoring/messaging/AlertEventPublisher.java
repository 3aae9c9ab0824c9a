package org.ecifhub.scoring.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.ecifhub.commons.outbox.OutboxWriter;
import org.ecifhub.scoring.domain.ScoringAlert;

/** Publishes key-customer watch alerts through this service's outbox to {@value #TOPIC}. */
@ApplicationScoped
public class AlertEventPublisher {

    public static final String TOPIC = "ecif.scoring-alert.v1";

    private final OutboxWriter outbox;

    public AlertEventPublisher(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    public void raised(ScoringAlert alert) {
        outbox.write(TOPIC, alert.customerNumber(), "ScoringAlertRaised", alert.alertId() * 2, alert);
    }

    public void resolved(ScoringAlert alert) {
        outbox.write(TOPIC, alert.customerNumber(), "ScoringAlertResolved", alert.alertId() * 2 + 1, alert);
    }
}
