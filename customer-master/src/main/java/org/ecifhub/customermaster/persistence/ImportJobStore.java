package org.ecifhub.customermaster.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Bulk import jobs and their progress; each change commits on its own so progress survives a crash. */
@ApplicationScoped
public class ImportJobStore {

    public record Job(UUID id, String source, String format, String state, String filePath, long total, long processed,
                      long rejected, long nextIndex, String error, OffsetDateTime createdAt, OffsetDateTime startedAt,
                      OffsetDateTime finishedAt) {
    }

    public record Rejected(long index, String errorsJson, String raw) {
    }

    private final EntityManager em;

    public ImportJobStore(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void create(UUID id, String source, String format, String filePath) {
        em.createNativeQuery("""
                        INSERT INTO import_job (id, source, format, state, file_path, created_at)
                        VALUES (?1, ?2, ?3, 'QUEUED', ?4, now())""")
                .setParameter(1, id).setParameter(2, source).setParameter(3, format).setParameter(4, filePath)
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void started(UUID id) {
        em.createNativeQuery("UPDATE import_job SET state = 'RUNNING', started_at = coalesce(started_at, now()) WHERE id = ?1")
                .setParameter(1, id).executeUpdate();
    }

    /**
     * A batch's progress (the next record to read, and the counts), in the batch's own transaction: the progress
     * commits exactly when the batch does.
     */
    @Transactional
    public void progress(UUID id, long nextIndex, long processedDelta, long rejectedDelta) {
        em.createNativeQuery("""
                        UPDATE import_job SET next_index = ?2, processed = processed + ?3, rejected = rejected + ?4,
                               total = greatest(total, ?2) WHERE id = ?1""")
                .setParameter(1, id).setParameter(2, nextIndex).setParameter(3, processedDelta)
                .setParameter(4, rejectedDelta).executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void finished(UUID id, String state, String error) {
        em.createNativeQuery("""
                        UPDATE import_job SET state = ?2, error = ?3, finished_at = now(), total = greatest(total, next_index)
                        WHERE id = ?1""")
                .setParameter(1, id).setParameter(2, state).setParameter(3, error).executeUpdate();
    }

    @Transactional
    public Optional<Job> find(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT id, source, format, state, file_path, total, processed, rejected, next_index, error,
                               created_at, started_at, finished_at FROM import_job WHERE id = ?1""")
                .setParameter(1, id).getResultList();
        return rows.stream().findFirst().map(ImportJobStore::job);
    }

    /** The newest jobs first, optionally only those in one of {@code states}; for the operations console. */
    @Transactional
    public List<Job> recent(List<String> states, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT id, source, format, state, file_path, total, processed, rejected, next_index, error,
                               created_at, started_at, finished_at FROM import_job
                        WHERE cardinality(CAST(?1 AS text[])) = 0 OR state = ANY(CAST(?1 AS text[]))
                        ORDER BY created_at DESC LIMIT ?2""")
                .setParameter(1, states.toArray(String[]::new)).setParameter(2, limit).getResultList();
        return rows.stream().map(ImportJobStore::job).toList();
    }

    @Transactional
    public List<UUID> unfinished() {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery(
                "SELECT id FROM import_job WHERE state IN ('QUEUED', 'RUNNING') ORDER BY created_at").getResultList();
        return rows.stream().map(o -> o instanceof UUID u ? u : UUID.fromString(o.toString())).toList();
    }

    @Transactional
    public List<Rejected> rejected(UUID id, int page, int size) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT record_index, CAST(errors AS text), raw FROM rejected_record WHERE import_job = ?1
                        ORDER BY record_index LIMIT ?2 OFFSET ?3""")
                .setParameter(1, id).setParameter(2, size).setParameter(3, (long) page * size).getResultList();
        return rows.stream().map(r -> new Rejected(((Number) r[0]).longValue(), (String) r[1], (String) r[2])).toList();
    }

    private static Job job(Object[] r) {
        return new Job(r[0] instanceof UUID u ? u : UUID.fromString(r[0].toString()), (String) r[1], (String) r[2],
                (String) r[3], (String) r[4], ((Number) r[5]).longValue(), ((Number) r[6]).longValue(),
                ((Number) r[7]).longValue(), ((Number) r[8]).longValue(), (String) r[9], time(r[10]), time(r[11]),
                time(r[12]));
    }

    private static OffsetDateTime time(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof OffsetDateTime o) {
            return o;
        }
        if (v instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) v).toInstant().atOffset(java.time.ZoneOffset.UTC);
    }
}
