package org.ecifhub.commons;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ecifhub.commons.events.EventEnvelope;
import org.ecifhub.commons.inbox.ChunkedEvents;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkedEventsTest {

    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();

    private static ConsumerRecord<String, String> event(long offset, String subject) {
        String value = """
                {"eventId": "%s", "eventType": "CustomerUpdated", "subject": "%s", "version": %d,
                 "occurredAt": "2026-11-23T08:00:00Z", "data": {}}""".formatted(UUID.randomUUID(), subject, offset);
        return new ConsumerRecord<>("ecif.customer.v1", 0, offset, subject, value);
    }

    @Test
    void aPollIsAppliedInChunksInOrderAndOnlyTheUnreadableAndThePoisonAreDeadLettered() {
        List<ConsumerRecord<String, String>> poll = new ArrayList<>();
        poll.add(event(0, "C0"));
        poll.add(new ConsumerRecord<>("ecif.customer.v1", 0, 1, "C1", "{not json"));
        for (long offset = 2; offset < 8; offset++) {
            poll.add(event(offset, "C" + offset));
        }
        List<List<String>> transactions = new ArrayList<>(); // what each committed transaction applied
        List<String> deadLettered = new ArrayList<>();
        ChunkedEvents chunks = new ChunkedEvents(mapper, 3, (record, reason) -> deadLettered.add(record.key()));

        int applied = chunks.apply(poll, events -> {
            List<String> subjects = events.stream().map(EventEnvelope::subject).toList();
            if (subjects.contains("C4")) {
                throw new IllegalStateException("C4 cannot be applied"); // rolled back: nothing of it commits
            }
            transactions.add(subjects);
        });

        assertThat(deadLettered).containsExactly("C1", "C4");
        assertThat(applied).isEqualTo(6);
        // [C0 C2 C3] in one transaction; [C4 C5 C6] failed, so C5 and C6 alone; then [C7].
        assertThat(transactions).containsExactly(List.of("C0", "C2", "C3"), List.of("C5"), List.of("C6"),
                List.of("C7"));
    }

    @Test
    void aPollOfOnlyUnreadableRecordsAppliesNothing() {
        List<String> deadLettered = new ArrayList<>();
        ChunkedEvents chunks = new ChunkedEvents(mapper, 500, (record, reason) -> deadLettered.add(record.key()));
        int applied = chunks.apply(List.of(new ConsumerRecord<>("ecif.tier.v1", 0, 0, "C9", "{\"subject\": \"C9\"}")),
                events -> {
                    throw new AssertionError("nothing to apply");
                });
        assertThat(applied).isZero();
        assertThat(deadLettered).containsExactly("C9");
    }
}
