package org.ecifhub.customermaster.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Set-based moves and records of steward actions: merges, splits and their decisions. */
@ApplicationScoped
public class StewardshipStore {

    private final EntityManager em;

    public StewardshipStore(EntityManager em) {
        this.em = em;
    }

    /** Moves everything that belongs to {@code retired} to {@code survivor}. */
    public void moveAll(String retired, String survivor) {
        update("UPDATE xref SET customer_number = ?2, updated_at = now() WHERE customer_number = ?1", retired, survivor);
        update("UPDATE account_holding SET customer_number = ?2 WHERE customer_number = ?1", retired, survivor);
        update("UPDATE relationship SET from_customer = ?2 WHERE from_customer = ?1", retired, survivor);
        update("UPDATE relationship SET to_customer = ?2 WHERE to_customer = ?1", retired, survivor);
        // The newer e-banking status survives; the other is dropped with the retired record's view.
        update("""
                INSERT INTO ebanking_status (customer_number, mobile_banking, logins_last_30d, transactions_last_30d, as_of)
                SELECT ?2, mobile_banking, logins_last_30d, transactions_last_30d, as_of FROM ebanking_status
                WHERE customer_number = ?1
                ON CONFLICT (customer_number) DO UPDATE SET mobile_banking = EXCLUDED.mobile_banking,
                    logins_last_30d = EXCLUDED.logins_last_30d, transactions_last_30d = EXCLUDED.transactions_last_30d,
                    as_of = EXCLUDED.as_of
                WHERE ebanking_status.as_of IS NULL OR EXCLUDED.as_of > ebanking_status.as_of""", retired, survivor);
        update("DELETE FROM ebanking_status WHERE customer_number = ?1", retired);
        // What a customer manager captured moves along unless the survivor has its own.
        update("""
                UPDATE customer_profile SET customer_number = ?2 WHERE customer_number = ?1
                  AND NOT EXISTS (SELECT 1 FROM customer_profile WHERE customer_number = ?2)""", retired, survivor);
        // Numbers retired into the retired one now point straight at the survivor.
        update("UPDATE golden_record SET merged_into = ?2 WHERE merged_into = ?1", retired, survivor);
    }

    /** Moves one source customer, with its accounts, to another golden record. */
    public void moveSourceCustomer(String source, String sourceCustomerId, String to) {
        em.createNativeQuery("""
                        UPDATE xref SET customer_number = ?3, updated_at = now()
                        WHERE source = ?1 AND source_customer_id = ?2""")
                .setParameter(1, source).setParameter(2, sourceCustomerId).setParameter(3, to).executeUpdate();
        em.createNativeQuery("""
                        UPDATE account_holding SET customer_number = ?3
                        WHERE source = ?1 AND source_customer_id = ?2""")
                .setParameter(1, source).setParameter(2, sourceCustomerId).setParameter(3, to).executeUpdate();
    }

    public void decide(String a, String b, String decision, String operator, String reason) {
        em.createNativeQuery("""
                        INSERT INTO match_decision (customer_a, customer_b, decision, operator, reason, decided_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, now())""")
                .setParameter(1, a).setParameter(2, b).setParameter(3, decision).setParameter(4, operator)
                .setParameter(5, reason).executeUpdate();
    }

    public boolean cannotLink(String a, String b) {
        Number n = (Number) em.createNativeQuery("""
                        SELECT count(*) FROM match_decision WHERE decision = 'CANNOT_LINK'
                          AND ((customer_a = ?1 AND customer_b = ?2) OR (customer_a = ?2 AND customer_b = ?1))""")
                .setParameter(1, a).setParameter(2, b).getSingleResult();
        return n.longValue() > 0;
    }

    public void audit(String action, String customersJson, String operator, String reason) {
        em.createNativeQuery("""
                        INSERT INTO steward_action (action, customers, operator, reason, acted_at)
                        VALUES (?1, CAST(?2 AS jsonb), ?3, ?4, now())""")
                .setParameter(1, action).setParameter(2, customersJson).setParameter(3, operator)
                .setParameter(4, reason).executeUpdate();
    }

    public long sourceCustomersOf(String customerNumber) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM xref WHERE customer_number = ?1")
                .setParameter(1, customerNumber).getSingleResult()).longValue();
    }

    private void update(String sql, String... params) {
        var q = em.createNativeQuery(sql);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        q.executeUpdate();
    }
}
