package org.ecifhub.assignment.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The inbox ({@code processed_event}) for a chunk of events at once: the set-based counterpart of commons'
 * {@code ProcessedEvents#firstDelivery}, with the same rule (the ids are recorded in the caller's transaction, so a
 * rollback forgets them and the redelivered events are applied again).
 */
@ApplicationScoped
public class InboxRepository {

    private final EntityManager entityManager;

    public InboxRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Records the ids; returns those seen for the first time (a redelivered id is not returned). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> firstDeliveries(Collection<UUID> eventIds, String topic) {
        Set<UUID> first = new HashSet<>();
        if (eventIds.isEmpty()) {
            return first;
        }
        UUID[] ids = eventIds.stream().distinct().sorted().toArray(UUID[]::new);
        entityManager.unwrap(Session.class).doWork(c -> {
            try (var s = c.prepareStatement("""
                    INSERT INTO processed_event (event_id, topic) SELECT id, ? FROM unnest(?) id
                    ON CONFLICT (event_id) DO NOTHING RETURNING event_id""")) {
                s.setString(1, topic);
                s.setArray(2, c.createArrayOf("uuid", ids));
                try (var rs = s.executeQuery()) {
                    while (rs.next()) {
                        first.add(rs.getObject(1, UUID.class));
                    }
                }
            }
        });
        return first;
    }
}
