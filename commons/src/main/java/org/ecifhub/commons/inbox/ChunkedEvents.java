package org.ecifhub.commons.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ecifhub.commons.events.EventEnvelope;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * How the event consumers apply a poll: in chunks, one transaction each, and the poison isolated.
 *
 * <p>The poll's records are read as envelopes in order. A record that cannot be read goes to the dead letters at
 * once. The others are applied in chunks of at most {@code chunkSize}, each through {@code apply} (which runs one
 * transaction), retried first when the failure is transient ({@link TransientFailures}). When a chunk still fails,
 * its transaction has rolled back, and its events are applied again one by one, in the chunk's order, each in its
 * own transaction: an event that fails alone goes to the dead letters with the reason while the others are
 * applied. The order of the poll is kept throughout, so one customer's events (one key, one partition) stay in
 * order. When this returns, every record was applied or dead-lettered, and the caller may acknowledge the poll.
 */
public final class ChunkedEvents {

    private static final Logger LOG = Logger.getLogger(ChunkedEvents.class);

    /** Where a record that cannot be read or applied goes; returns once the dead letter is safely written. */
    @FunctionalInterface
    public interface DeadLetters {
        void send(ConsumerRecord<String, String> record, Throwable reason);
    }

    private record Received(ConsumerRecord<String, String> record, EventEnvelope event) {
    }

    private final ObjectMapper mapper;
    private final int chunkSize;
    private final DeadLetters deadLetters;

    public ChunkedEvents(ObjectMapper mapper, int chunkSize, DeadLetters deadLetters) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1");
        }
        this.mapper = mapper;
        this.chunkSize = chunkSize;
        this.deadLetters = deadLetters;
    }

    /**
     * Applies the records as described above.
     *
     * @return how many events were applied (their transaction committed)
     */
    public int apply(Iterable<ConsumerRecord<String, String>> records, Consumer<List<EventEnvelope>> apply) {
        int applied = 0;
        List<Received> chunk = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            EventEnvelope event;
            try {
                event = EventEnvelope.read(mapper, record.value());
            } catch (Exception unreadable) {
                deadLetters.send(record, unreadable); // never applicable: out of the chunk at once
                continue;
            }
            chunk.add(new Received(record, event));
            if (chunk.size() == chunkSize) {
                applied += applyChunk(chunk, apply);
                chunk = new ArrayList<>();
            }
        }
        if (!chunk.isEmpty()) {
            applied += applyChunk(chunk, apply);
        }
        return applied;
    }

    private int applyChunk(List<Received> chunk, Consumer<List<EventEnvelope>> apply) {
        List<EventEnvelope> events = chunk.stream().map(Received::event).toList();
        try {
            TransientFailures.retry(() -> apply.accept(events));
            return events.size();
        } catch (RuntimeException chunkFailed) {
            if (events.size() > 1) {
                LOG.warnf("A chunk of %d events failed (%s); applying them one by one", events.size(),
                        chunkFailed.toString());
            }
        }
        int applied = 0;
        for (Received r : chunk) {
            try {
                TransientFailures.retry(() -> apply.accept(List.of(r.event())));
                applied++;
            } catch (RuntimeException poison) {
                deadLetters.send(r.record(), poison);
            }
        }
        return applied;
    }
}
