package org.ecifhub.customermaster.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Every version of every golden record, kept as a snapshot of the unified record after the change. */
@ApplicationScoped
public class HistoryStore {

    private final EntityManager entityManager;

    public HistoryStore(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public void record(String customerNumber, long version, String snapshotJson) {
        entityManager.createNativeQuery("""
                        INSERT INTO golden_record_version (customer_number, version, recorded_at, snapshot)
                        VALUES (?1, ?2, now(), CAST(?3 AS jsonb))
                        ON CONFLICT (customer_number, version) DO UPDATE SET snapshot = EXCLUDED.snapshot""")
                .setParameter(1, customerNumber)
                .setParameter(2, version)
                .setParameter(3, snapshotJson)
                .executeUpdate();
    }

    /** The snapshot in force at {@code asOf}: the last version recorded at or before it. */
    public Optional<String> asOf(String customerNumber, OffsetDateTime asOf) {
        @SuppressWarnings("unchecked")
        List<String> rows = entityManager.createNativeQuery("""
                        SELECT CAST(snapshot AS text) FROM golden_record_version
                        WHERE customer_number = ?1 AND recorded_at <= ?2
                        ORDER BY recorded_at DESC, version DESC LIMIT 1""")
                .setParameter(1, customerNumber)
                .setParameter(2, asOf)
                .getResultList();
        return rows.stream().findFirst();
    }
}
