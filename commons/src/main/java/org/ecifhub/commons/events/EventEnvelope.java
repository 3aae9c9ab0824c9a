package org.ecifhub.commons.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The envelope every ECIF Hub event travels in, whatever its topic.
 *
 * @param eventId    unique per event; consumers de-duplicate on it
 * @param eventType  stable name, e.g. {@code CustomerCreated}
 * @param subject    what the event is about and the Kafka key, e.g. the customer number
 * @param version    per-subject sequence number, increasing, so consumers can order and spot gaps
 * @param occurredAt when the state change was committed (the business transaction's time)
 * @param data       the event body; its schema depends on {@code eventType}
 */
public record EventEnvelope(UUID eventId, String eventType, String subject, long version, OffsetDateTime occurredAt,
                            JsonNode data) {

    /**
     * Reads an envelope from a message, refusing anything that is not one: a consumer must not record an event
     * it cannot de-duplicate or key.
     *
     * @throws JsonProcessingException  when the message is not JSON of this shape
     * @throws IllegalArgumentException when eventId, eventType or subject is missing
     */
    public static EventEnvelope read(ObjectMapper mapper, String message) throws JsonProcessingException {
        EventEnvelope envelope = mapper.readValue(message, EventEnvelope.class);
        if (envelope.eventId() == null || envelope.subject() == null || envelope.eventType() == null) {
            throw new IllegalArgumentException("not an ECIF event envelope: eventId, eventType and subject are required");
        }
        return envelope;
    }
}
