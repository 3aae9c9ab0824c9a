package org.ecifhub.commons.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The inbox of an idempotent consumer. {@link #firstDelivery} records the event id in the caller's transaction;
 * if that transaction rolls back, so does the record, and the redelivered event is applied again.
 */
@ApplicationScoped
public class ProcessedEvents {

    private final EntityManager entityManager;

    public ProcessedEvents(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** True the first time an event id is seen; false for a redelivery, which the caller must then skip. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(UUID eventId, String topic) {
        int inserted = entityManager.createNativeQuery("""
                        INSERT INTO processed_event (event_id, topic) VALUES (?1, ?2)
                        ON CONFLICT (event_id) DO NOTHING""")
                .setParameter(1, eventId)
                .setParameter(2, topic)
                .executeUpdate();
        return inserted == 1;
    }

    /**
     * The set-based {@link #firstDelivery} for a chunk of events: records every id in the caller's transaction in one
     * statement and returns those seen for the first time (an id delivered before, or twice in the chunk, once).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> firstDeliveries(Collection<UUID> eventIds, String topic) {
        Set<UUID> first = new HashSet<>();
        if (eventIds.isEmpty()) {
            return first;
        }
        // Sorted, so two chunks recording overlapping ids take the index entries in the same order.
        UUID[] ids = eventIds.stream().distinct().sorted().toArray(UUID[]::new);
        entityManager.unwrap(Session.class).doWork(c -> {
            try (var insert = c.prepareStatement("""
                    INSERT INTO processed_event (event_id, topic) SELECT id, ? FROM unnest(?::uuid[]) AS e(id)
                    ON CONFLICT (event_id) DO NOTHING RETURNING event_id""")) {
                insert.setString(1, topic);
                insert.setArray(2, c.createArrayOf("uuid", ids));
                try (var rows = insert.executeQuery()) {
                    while (rows.next()) {
                        first.add(rows.getObject(1, UUID.class));
                    }
                }
            }
        });
        return first;
    }

    public long count() {
        return ((Number) entityManager.createNativeQuery("SELECT count(*) FROM processed_event").getSingleResult())
                .longValue();
    }
}
