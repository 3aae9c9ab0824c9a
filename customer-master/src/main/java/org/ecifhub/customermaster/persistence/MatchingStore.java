package org.ecifhub.customermaster.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Blocking keys, stored match decisions and the stewardship queue. */
@ApplicationScoped
public class MatchingStore {

    /** A key shared by more customers than this says nothing about identity (a village's shared phone). */
    public static final int MAX_BLOCK = 1000;

    public record Task(long id, String customerNumber, String candidate, String status, double totalWeight,
                       String outcome, String explanationJson, String createdAt) {
    }

    private final EntityManager em;

    public MatchingStore(EntityManager em) {
        this.em = em;
    }

    /**
     * Active customers sharing at least one key, excluding keys too common to mean anything.
     *
     * @param withoutVerifiedId leave out customers with a valid resident id or USCC: for a record that carries
     *                          one of its own, they could only be different parties (the hard rule)
     */
    public List<String> candidates(Collection<String> keys, int limit, boolean withoutVerifiedId) {
        if (keys.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("""
                        WITH useful AS (
                            SELECT key FROM blocking_key WHERE key = ANY(CAST(?1 AS varchar[]))
                            GROUP BY key HAVING count(*) <= ?2)
                        SELECT b.customer_number FROM blocking_key b JOIN useful u ON u.key = b.key
                        JOIN golden_record g ON g.customer_number = b.customer_number AND g.status = 'ACTIVE'
                        WHERE NOT (?4 AND b.verified)
                        GROUP BY b.customer_number ORDER BY count(*) DESC, b.customer_number LIMIT ?3""")
                .setParameter(1, keys.toArray(String[]::new))
                .setParameter(2, MAX_BLOCK)
                .setParameter(3, limit)
                .setParameter(4, withoutVerifiedId)
                .getResultList();
        return rows;
    }

    /** @param verified whether the customer carries a verified id (valid resident id or USCC) */
    public void replaceKeys(String customerNumber, Set<String> keys, boolean verified) {
        em.createNativeQuery("DELETE FROM blocking_key WHERE customer_number = ?1")
                .setParameter(1, customerNumber).executeUpdate();
        if (!keys.isEmpty()) {
            em.createNativeQuery("""
                            INSERT INTO blocking_key (key, customer_number, verified)
                            SELECT unnest(CAST(?1 AS varchar[])), ?2, ?3 ON CONFLICT DO NOTHING""")
                    .setParameter(1, keys.toArray(String[]::new))
                    .setParameter(2, customerNumber)
                    .setParameter(3, verified)
                    .executeUpdate();
        }
    }

    public void moveKeys(String from, String to) {
        em.createNativeQuery("""
                        INSERT INTO blocking_key (key, customer_number, verified)
                        SELECT b.key, ?2, g.id_valid AND g.id_type IN ('RESIDENT_ID', 'USCC')
                        FROM blocking_key b JOIN golden_record g ON g.customer_number = ?2
                        WHERE b.customer_number = ?1 ON CONFLICT DO NOTHING""")
                .setParameter(1, from).setParameter(2, to).executeUpdate();
        em.createNativeQuery("DELETE FROM blocking_key WHERE customer_number = ?1").setParameter(1, from)
                .executeUpdate();
    }

    public long recordResult(String source, String sourceCustomerId, String candidate, String outcome,
                             Double totalWeight, String explanationJson, String modelVersion) {
        return ((Number) em.createNativeQuery("""
                        INSERT INTO match_result (source, source_customer_id, candidate, outcome, total_weight,
                                                  explanation, model_version, decided_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, CAST(?6 AS jsonb), ?7, now()) RETURNING id""")
                .setParameter(1, source).setParameter(2, sourceCustomerId).setParameter(3, candidate)
                .setParameter(4, outcome).setParameter(5, totalWeight).setParameter(6, explanationJson)
                .setParameter(7, modelVersion).getSingleResult()).longValue();
    }

    public void openTask(String customerNumber, String candidate, long matchResultId) {
        em.createNativeQuery("""
                        INSERT INTO steward_task (customer_number, candidate, match_result_id, status, created_at)
                        VALUES (?1, ?2, ?3, 'OPEN', now()) ON CONFLICT DO NOTHING""")
                .setParameter(1, customerNumber).setParameter(2, candidate).setParameter(3, matchResultId)
                .executeUpdate();
    }

    private static final String TASK_SELECT = """
            SELECT t.id, t.customer_number, t.candidate, t.status, r.total_weight, r.outcome,
                   CAST(r.explanation AS text), CAST(t.created_at AS text)
            FROM steward_task t JOIN match_result r ON r.id = t.match_result_id""";

    public List<Task> tasks(String status, int page, int size) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(TASK_SELECT
                        + " WHERE t.status = ?1 ORDER BY t.created_at, t.id LIMIT ?2 OFFSET ?3")
                .setParameter(1, status).setParameter(2, size).setParameter(3, (long) page * size)
                .getResultList();
        return rows.stream().map(MatchingStore::task).toList();
    }

    public Task task(long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(TASK_SELECT + " WHERE t.id = ?1").setParameter(1, id)
                .getResultList();
        return rows.isEmpty() ? null : task(rows.get(0));
    }

    private static Task task(Object[] r) {
        return new Task(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                r[4] == null ? 0 : ((Number) r[4]).doubleValue(), (String) r[5], (String) r[6], (String) r[7]);
    }

    public void resolveTask(long id, String status, String operator, String reason) {
        em.createNativeQuery("""
                        UPDATE steward_task SET status = ?2, resolved_at = now(), resolved_by = ?3, resolution_reason = ?4
                        WHERE id = ?1""")
                .setParameter(1, id).setParameter(2, status).setParameter(3, operator).setParameter(4, reason)
                .executeUpdate();
    }

    /** Open tasks that a merge or split made moot: they name a customer that is no longer active. */
    public void closeTasksOf(String customerNumber, String operator) {
        em.createNativeQuery("""
                        UPDATE steward_task SET status = 'MERGED', resolved_at = now(), resolved_by = ?2,
                               resolution_reason = 'resolved by a merge'
                        WHERE status = 'OPEN' AND (customer_number = ?1 OR candidate = ?1)""")
                .setParameter(1, customerNumber).setParameter(2, operator).executeUpdate();
    }
}
