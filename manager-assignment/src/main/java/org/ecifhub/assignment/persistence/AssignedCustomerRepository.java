package org.ecifhub.assignment.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.OffsetDateTime;
import java.util.List;

@ApplicationScoped
public class AssignedCustomerRepository implements PanacheRepositoryBase<AssignedCustomerEntity, String> {

    /**
     * The customer's row, created if new, locked until the transaction ends. Customer and tier events arrive on
     * two channels that run side by side: the lock makes the two transactions for one customer take turns
     * instead of racing to create the same row.
     */
    public AssignedCustomerEntity lockOrCreate(String customerNumber) {
        getEntityManager().createNativeQuery("""
                        INSERT INTO customer (customer_number, events_applied, updated_at) VALUES (?1, 0, ?2)
                        ON CONFLICT (customer_number) DO NOTHING""")
                .setParameter(1, customerNumber)
                .setParameter(2, OffsetDateTime.now())
                .executeUpdate();
        return findById(customerNumber, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The customers' rows, locked until the transaction ends, in customer-number order (no deadlock between batches). */
    public List<AssignedCustomerEntity> lockAll(List<String> customerNumbers) {
        return getEntityManager().createQuery(
                        "select c from AssignedCustomerEntity c where c.customerNumber in ?1 order by c.customerNumber",
                        AssignedCustomerEntity.class)
                .setParameter(1, customerNumbers).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
    }

    /** The next customers to re-evaluate after {@code after}, in customer-number order (keyset paging). */
    @SuppressWarnings("unchecked")
    public List<String> nextToReevaluate(String after, int limit) {
        return getEntityManager().createNativeQuery("""
                        SELECT customer_number FROM customer
                        WHERE customer_number > ?1 AND tier IS NOT NULL AND merged_into IS NULL AND NOT locked
                        ORDER BY customer_number LIMIT ?2""")
                .setParameter(1, after).setParameter(2, limit).getResultList();
    }

    /**
     * The customers' rows, created if new, locked until the transaction ends, in customer-number order (the order
     * every multi-customer transaction locks in, so they queue instead of deadlocking).
     */
    public java.util.Map<String, AssignedCustomerEntity> lockOrCreateAll(java.util.Collection<String> customerNumbers) {
        List<String> numbers = customerNumbers.stream().distinct().sorted().toList();
        getEntityManager().unwrap(org.hibernate.Session.class).doWork(c -> {
            try (var s = c.prepareStatement("""
                    INSERT INTO customer (customer_number, events_applied, updated_at) SELECT n, 0, now() FROM unnest(?) n
                    ON CONFLICT (customer_number) DO NOTHING""")) {
                s.setArray(1, c.createArrayOf("varchar", numbers.toArray()));
                s.executeUpdate();
            }
        });
        java.util.Map<String, AssignedCustomerEntity> byNumber = new java.util.LinkedHashMap<>();
        lockAll(numbers).forEach(c -> byNumber.put(c.customerNumber, c));
        return byNumber;
    }

    /** Unlocked, not merged-away customers with a tier (what a re-evaluation looks at). */
    public long countToReevaluate() {
        return ((Number) getEntityManager().createNativeQuery("""
                SELECT count(*) FROM customer WHERE tier IS NOT NULL AND merged_into IS NULL AND NOT locked""")
                .getSingleResult()).longValue();
    }
}
