package org.ecifhub.scoring.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.ecifhub.commons.events.EventEnvelope;
import org.ecifhub.commons.outbox.OutboxWriter;
import org.ecifhub.scoring.domain.TierChanged;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Publishes TierChanged through this service's outbox to {@value #TOPIC}. */
@ApplicationScoped
public class TierEventPublisher {

    public static final String TOPIC = "ecif.tier.v1";
    static final String TYPE = "TierChanged";

    /** A tier change and the customer's tier version it makes. */
    public record Pending(TierChanged event, long version) {
    }

    private final OutboxWriter outbox;
    private final EntityManager em;
    private final ObjectMapper mapper;

    public TierEventPublisher(OutboxWriter outbox, EntityManager em, ObjectMapper mapper) {
        this.outbox = outbox;
        this.em = em;
        this.mapper = mapper;
    }

    public void publish(TierChanged event, long version) {
        outbox.write(TOPIC, event.customerNumber(), TYPE, version, event);
    }

    /**
     * The rows {@link OutboxWriter} writes, for a whole batch in one statement (an activation changes tens of
     * thousands of tiers). In the caller's transaction like every outbox write; the relay publishes them in order.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(List<Pending> changes) {
        if (changes.isEmpty()) {
            return;
        }
        int n = changes.size();
        String[] ids = new String[n];
        String[] keys = new String[n];
        String[] payloads = new String[n];
        OffsetDateTime now = OffsetDateTime.now();
        for (int i = 0; i < n; i++) {
            Pending p = changes.get(i);
            EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), TYPE, p.event().customerNumber(), p.version(),
                    now, mapper.valueToTree(p.event()));
            ids[i] = envelope.eventId().toString();
            keys[i] = envelope.subject();
            try {
                payloads[i] = mapper.writeValueAsString(envelope);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("TierChanged cannot be serialised", e);
            }
        }
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload)
                    SELECT i::uuid, ?, k, ?, p::jsonb FROM unnest(?::text[], ?::text[], ?::text[]) WITH ORDINALITY
                         AS o(i, k, p, position) ORDER BY position""")) {
                ps.setString(1, TOPIC);
                ps.setString(2, TYPE);
                ps.setArray(3, c.createArrayOf("text", ids));
                ps.setArray(4, c.createArrayOf("text", keys));
                ps.setArray(5, c.createArrayOf("text", payloads));
                ps.executeUpdate();
            }
        });
    }
}
