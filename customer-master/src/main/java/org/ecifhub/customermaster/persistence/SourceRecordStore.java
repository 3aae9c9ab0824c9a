package org.ecifhub.customermaster.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Source records as received, and refused records with their reasons: append-only. */
@ApplicationScoped
public class SourceRecordStore {

    private final EntityManager entityManager;

    public SourceRecordStore(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public record Latest(String contentHash, OffsetDateTime asOf, String customerNumber) {
    }

    /** The latest record of one source customer: by asOf, then by arrival. */
    public record Contribution(long id, String source, String sourceCustomerId, OffsetDateTime asOf,
                               String standardJson, String payloadJson, String occupation, String branchCode) {
    }

    /** The latest record of every source customer currently cross-referenced to the golden record. */
    public List<Contribution> latestPerSourceCustomer(String customerNumber) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT DISTINCT ON (s.source, s.source_customer_id)
                               s.id, s.source, s.source_customer_id, s.as_of, CAST(s.standard AS text),
                               CAST(s.payload AS text), s.payload->'party'->>'occupation', s.payload->>'branchCode'
                        FROM xref x
                        JOIN source_record s ON s.source = x.source AND s.source_customer_id = x.source_customer_id
                        WHERE x.customer_number = ?1
                        ORDER BY s.source, s.source_customer_id, s.as_of DESC NULLS LAST, s.id DESC""")
                .setParameter(1, customerNumber)
                .getResultList();
        return rows.stream().map(r -> new Contribution(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                toOffset(r[3]), (String) r[4], (String) r[5], (String) r[6], (String) r[7])).toList();
    }

    public Optional<Latest> latest(String source, String sourceCustomerId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT content_hash, as_of, customer_number FROM source_record
                        WHERE source = ?1 AND source_customer_id = ?2 ORDER BY id DESC LIMIT 1""")
                .setParameter(1, source)
                .setParameter(2, sourceCustomerId)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        return Optional.of(new Latest((String) r[0], toOffset(r[1]), (String) r[2]));
    }

    /** @param standardJson the record's party in standard form, with its data-quality issues */
    public void append(String source, String sourceCustomerId, OffsetDateTime asOf, String customerNumber,
                       String contentHash, String payloadJson, String standardJson) {
        entityManager.createNativeQuery("""
                        INSERT INTO source_record (source, source_customer_id, as_of, received_at, customer_number,
                                                   content_hash, payload, standard)
                        VALUES (?1, ?2, ?3, now(), ?4, ?5, CAST(?6 AS jsonb), CAST(?7 AS jsonb))""")
                .setParameter(1, source)
                .setParameter(2, sourceCustomerId)
                .setParameter(3, asOf)
                .setParameter(4, customerNumber)
                .setParameter(5, contentHash)
                .setParameter(6, payloadJson)
                .setParameter(7, standardJson)
                .executeUpdate();
    }

    /** Keeps a refused record in its own transaction: it must survive whatever happens to the batch. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void reject(String source, int index, String errorsJson, String raw, java.util.UUID importJob) {
        keepRejected(source, index, errorsJson, raw, importJob);
    }

    /** Keeps a refused record in the caller's transaction (a bulk batch commits its refusals with its progress). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void keepRejected(String source, int index, String errorsJson, String raw, java.util.UUID importJob) {
        entityManager.createNativeQuery("""
                        INSERT INTO rejected_record (source, received_at, record_index, errors, raw, import_job)
                        VALUES (?1, now(), ?2, CAST(?3 AS jsonb), ?4, ?5)""")
                .setParameter(1, source)
                .setParameter(2, index)
                .setParameter(3, errorsJson)
                .setParameter(4, raw)
                .setParameter(5, importJob)
                .executeUpdate();
    }

    private static OffsetDateTime toOffset(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime o) {
            return o;
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }
}
