package org.ecifhub.commons.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the outbox is being captured: a service that cannot publish must not look healthy. */
@Readiness
@ApplicationScoped
public class OutboxRelayHealth implements HealthCheck {

    private final OutboxRelay relay;

    public OutboxRelayHealth(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        if (!relay.isEnabled()) {
            return HealthCheckResponse.named("outbox-relay").up().withData("enabled", false).build();
        }
        var builder = HealthCheckResponse.named("outbox-relay").status(relay.isCapturing())
                .withData("relayed", relay.relayedCount());
        if (relay.lastFailure() != null) {
            builder.withData("lastFailure", String.valueOf(relay.lastFailure().getMessage()));
        }
        return builder.build();
    }
}
