package org.ecifhub.commons.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

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

    public long count() {
        return ((Number) entityManager.createNativeQuery("SELECT count(*) FROM processed_event").getSingleResult())
                .longValue();
    }
}
