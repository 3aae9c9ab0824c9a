package org.ecifhub.scoring.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Background jobs (model activations), their ranges and progress: tables {@code scoring_job(_part)}. */
@ApplicationScoped
public class ScoringJobRepository {

    public static final String ACTIVATION = "ACTIVATION";
    public static final String RUNNING = "RUNNING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";

    public record JobRow(UUID id, String kind, String modelVersion, String previousVersion, String status, long total,
                         String error, OffsetDateTime createdAt, OffsetDateTime updatedAt,
                         OffsetDateTime finishedAt) {
    }

    /** One range of customer numbers of a job: after {@code afterKey} up to {@code upTo}, null for open ends. */
    public record PartRow(int part, String afterKey, String upTo, String resumeAfter, long processed, long changed,
                          String matrix, boolean done) {
    }

    private final EntityManager em;

    public ScoringJobRepository(EntityManager em) {
        this.em = em;
    }

    public void insert(UUID id, String kind, String modelVersion, String previousVersion, long total,
                       OffsetDateTime now) {
        em.createNativeQuery("""
                        INSERT INTO scoring_job (id, kind, model_version, previous_version, status, total, created_at,
                            updated_at) VALUES (?1, ?2, ?3, ?4, 'RUNNING', ?5, ?6, ?6)""")
                .setParameter(1, id).setParameter(2, kind).setParameter(3, modelVersion)
                .setParameter(4, previousVersion).setParameter(5, total).setParameter(6, now).executeUpdate();
    }

    /**
     * Splits the active customers into {@code parts} ranges of about the same size (the boundaries are read from
     * the primary key index) and records them for the job.
     */
    public void split(UUID id, long total, int parts) {
        List<String> bounds = new ArrayList<>();
        for (int k = 1; k < parts && total >= parts; k++) {
            @SuppressWarnings("unchecked")
            List<String> key = em.createNativeQuery("""
                            SELECT customer_number FROM customer_score WHERE status = 'ACTIVE'
                            ORDER BY customer_number OFFSET ?1 LIMIT 1""")
                    .setParameter(1, total * k / parts).getResultList();
            if (!key.isEmpty() && (bounds.isEmpty() || key.get(0).compareTo(bounds.get(bounds.size() - 1)) > 0)) {
                bounds.add(key.get(0));
            }
        }
        for (int part = 0; part <= bounds.size(); part++) {
            em.createNativeQuery("INSERT INTO scoring_job_part (job_id, part, after_key, up_to) VALUES (?1, ?2, ?3, ?4)")
                    .setParameter(1, id).setParameter(2, part)
                    .setParameter(3, part == 0 ? null : bounds.get(part - 1))
                    .setParameter(4, part == bounds.size() ? null : bounds.get(part)).executeUpdate();
        }
    }

    /** Progress of one range, written in the transaction of the page it counts. */
    public void progress(UUID id, int part, long processed, long changed, String matrix, String resumeAfter) {
        em.createNativeQuery("""
                        UPDATE scoring_job_part SET processed = processed + ?3, changed = changed + ?4,
                            matrix = CAST(?5 AS jsonb), resume_after = ?6 WHERE job_id = ?1 AND part = ?2""")
                .setParameter(1, id).setParameter(2, part).setParameter(3, processed).setParameter(4, changed)
                .setParameter(5, matrix).setParameter(6, resumeAfter).executeUpdate();
    }

    public void partDone(UUID id, int part) {
        em.createNativeQuery("UPDATE scoring_job_part SET done = true WHERE job_id = ?1 AND part = ?2")
                .setParameter(1, id).setParameter(2, part).executeUpdate();
    }

    public void finish(UUID id, String status, String error, OffsetDateTime now) {
        em.createNativeQuery("""
                        UPDATE scoring_job SET status = ?2, error = ?3, updated_at = ?4, finished_at = ?4
                        WHERE id = ?1""")
                .setParameter(1, id).setParameter(2, status).setParameter(3, error).setParameter(4, now)
                .executeUpdate();
    }

    public Optional<JobRow> find(UUID id) {
        return rows("WHERE id = ?1", id).stream().findFirst();
    }

    /** Jobs a stopped service left running: they are resumed at start. */
    public List<JobRow> running() {
        return rows("WHERE status = ?1 ORDER BY created_at", RUNNING);
    }

    public List<JobRow> newestFirst(int limit) {
        return rows("WHERE ?1 = ?1 ORDER BY created_at DESC LIMIT " + limit, 1);
    }

    @SuppressWarnings("unchecked")
    public List<PartRow> parts(UUID id) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT part, after_key, up_to, resume_after, processed, changed, CAST(matrix AS text), done
                        FROM scoring_job_part WHERE job_id = ?1 ORDER BY part""")
                .setParameter(1, id).getResultList();
        return rows.stream().map(r -> new PartRow(((Number) r[0]).intValue(), (String) r[1], (String) r[2],
                (String) r[3], ((Number) r[4]).longValue(), ((Number) r[5]).longValue(), (String) r[6],
                (Boolean) r[7])).toList();
    }

    @SuppressWarnings("unchecked")
    private List<JobRow> rows(String where, Object parameter) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT id, kind, model_version, previous_version, status, total, error, created_at, updated_at,
                            finished_at FROM scoring_job""" + " " + where)
                .setParameter(1, parameter).getResultList();
        return rows.stream().map(r -> new JobRow((UUID) r[0], (String) r[1], (String) r[2], (String) r[3],
                (String) r[4], ((Number) r[5]).longValue(), (String) r[6],
                CustomerScoreRepository.toOffsetDateTime(r[7]), CustomerScoreRepository.toOffsetDateTime(r[8]),
                CustomerScoreRepository.toOffsetDateTime(r[9]))).toList();
    }
}
