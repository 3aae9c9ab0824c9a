package org.ecifhub.commons.events;

import com.fasterxml.jackson.databind.JsonNode;

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
}
