package org.ecifhub.customermaster.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.ecifhub.customermaster.domain.PartyIdentity;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class GoldenRecordRepository implements PanacheRepositoryBase<GoldenRecordEntity, String> {

    public Optional<GoldenRecordEntity> findActiveByIdentity(PartyIdentity identity) {
        return find("idType = ?1 and idNumber = ?2 and idValid = true and status = 'ACTIVE'", identity.idType(),
                identity.idNumber())
                .firstResultOptional();
    }

    public String nextCustomerNumber() {
        Number n = (Number) getEntityManager().createNativeQuery("SELECT nextval('customer_number_seq')")
                .getSingleResult();
        return Long.toString(n.longValue());
    }

    /**
     * Serialises, across transactions and service instances, all work on the given keys (an identity, a source
     * customer id) until this transaction ends. Keys are locked in sorted order so two transactions needing the
     * same keys cannot deadlock.
     */
    public void lockKeys(List<String> keys) {
        keys.stream().sorted().distinct().forEach(key -> getEntityManager()
                .createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, key)
                .getSingleResult());
    }

    /**
     * See {@link BulkStore#CONSOLIDATION_LOCK}: everything that changes golden records one at a time (single
     * feed records, merges and splits, captured data, relationships) takes it shared, so they run side by side but
     * never while a bulk batch (which decided from a snapshot of them) is being written.
     */
    public void lockConsolidationShared() {
        getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock_shared(hashtextextended(?1, 0))")
                .setParameter(1, BulkStore.CONSOLIDATION_LOCK)
                .getSingleResult();
    }

    public long countActive() {
        return count("status", "ACTIVE");
    }

    public void touch(GoldenRecordEntity entity) {
        entity.version++;
        entity.updatedAt = OffsetDateTime.now();
    }
}
