package org.ecifhub.commons.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.ecifhub.commons.events.EventEnvelope;

import java.time.OffsetDateTime;
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
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), eventType, subject, version,
                OffsetDateTime.now(), objectMapper.valueToTree(data));
        String payload;
        try {
            payload = objectMapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event " + eventType + " cannot be serialised", e);
        }
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
}
