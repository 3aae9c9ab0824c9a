package org.ecifhub.commons.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.ecifhub.commons.events.EventEnvelope;
import org.hibernate.Session;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Writes an event to the service's outbox table. It must run inside the business transaction (hence
 * {@code MANDATORY}): the event exists if and only if the state change it announces was committed.
 */
@ApplicationScoped
public class OutboxWriter {

    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;

    public OutboxWriter(EntityManager entityManager, ObjectMapper objectMapper) {
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
    }

    /**
     * @param topic     the Kafka topic, e.g. {@code ecif.customer.v1}
     * @param subject   the Kafka key: events of one subject stay in order
     * @param eventType the stable event type name
     * @param version   the subject's version after this change
     * @param data      the event body, serialised with the application's ObjectMapper
     * @return the envelope written
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope write(String topic, String subject, String eventType, long version, Object data) {
        EventEnvelope envelope = envelope(subject, eventType, version, OffsetDateTime.now(), data);
        String payload = json(envelope);
        entityManager.createNativeQuery("""
                        INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload)
                        VALUES (?1, ?2, ?3, ?4, CAST(?5 AS jsonb))""")
                .setParameter(1, envelope.eventId())
                .setParameter(2, topic)
                .setParameter(3, subject)
                .setParameter(4, eventType)
                .setParameter(5, payload)
                .executeUpdate();
        return envelope;
    }

    /** One event of a {@link #writeAll} batch: its subject (the Kafka key), the subject's version and the body. */
    public record Pending(String subject, long version, Object data) {
    }

    /**
     * The rows {@link #write} writes, for a whole batch of one event type in one statement (a model activation or a
     * re-evaluation announces tens of thousands of changes). In the caller's transaction like every outbox write;
     * the rows keep the list's order, which is the order the relay publishes them in.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void writeAll(String topic, String eventType, List<Pending> events) {
        if (events.isEmpty()) {
            return;
        }
        int n = events.size();
        String[] ids = new String[n];
        String[] keys = new String[n];
        String[] payloads = new String[n];
        OffsetDateTime now = OffsetDateTime.now();
        for (int i = 0; i < n; i++) {
            Pending p = events.get(i);
            EventEnvelope envelope = envelope(p.subject(), eventType, p.version(), now, p.data());
            ids[i] = envelope.eventId().toString();
            keys[i] = envelope.subject();
            payloads[i] = json(envelope);
        }
        entityManager.unwrap(Session.class).doWork(c -> {
            try (var insert = c.prepareStatement("""
                    INSERT INTO outbox_event (id, aggregatetype, aggregateid, type, payload)
                    SELECT i::uuid, ?, k, ?, p::jsonb FROM unnest(?::text[], ?::text[], ?::text[]) WITH ORDINALITY
                         AS o(i, k, p, position) ORDER BY position""")) {
                insert.setString(1, topic);
                insert.setString(2, eventType);
                insert.setArray(3, c.createArrayOf("text", ids));
                insert.setArray(4, c.createArrayOf("text", keys));
                insert.setArray(5, c.createArrayOf("text", payloads));
                insert.executeUpdate();
            }
        });
    }

    private EventEnvelope envelope(String subject, String eventType, long version, OffsetDateTime at, Object data) {
        return new EventEnvelope(UUID.randomUUID(), eventType, subject, version, at, objectMapper.valueToTree(data));
    }

    private String json(EventEnvelope envelope) {
        try {
            return objectMapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event " + envelope.eventType() + " cannot be serialised", e);
        }
    }
}
