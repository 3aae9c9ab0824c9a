package org.ecifhub.commons.inbox;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/**
 * The headers of a dead letter a consumer sends itself (a poison message found inside a batch), named as SmallRye's
 * dead-letter strategy names them, so both kinds of dead letter read alike for whoever works the dead-letter topic:
 * why, the exception, and where the message came from.
 */
public final class DeadLetterHeaders {

    private DeadLetterHeaders() {
    }

    public static Headers of(ConsumerRecord<?, ?> record, Throwable reason) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, "dead-letter-reason", messageOf(reason));
        add(headers, "dead-letter-exception-class-name", reason.getClass().getName());
        if (reason.getCause() != null) {
            add(headers, "dead-letter-cause", messageOf(reason.getCause()));
            add(headers, "dead-letter-cause-class-name", reason.getCause().getClass().getName());
        }
        add(headers, "dead-letter-topic", record.topic());
        add(headers, "dead-letter-partition", Integer.toString(record.partition()));
        add(headers, "dead-letter-offset", Long.toString(record.offset()));
        return headers;
    }

    private static String messageOf(Throwable t) {
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
