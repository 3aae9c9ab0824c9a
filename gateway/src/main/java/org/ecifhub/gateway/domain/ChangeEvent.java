package org.ecifhub.gateway.domain;

import java.time.OffsetDateTime;

/**
 * One event of the change stream as the gateway journals it: {@code sequence} is the gateway's own increasing
 * position (the SSE id a client resumes from); {@code branch} and {@code tier} are the customer's as last known
 * to the gateway when the event arrived, so that events that do not carry them can still be filtered and scoped.
 */
public record ChangeEvent(long sequence, String eventId, String topic, String eventType, String customerNumber,
                          String branch, String tier, OffsetDateTime occurredAt, String envelopeJson) {
}
