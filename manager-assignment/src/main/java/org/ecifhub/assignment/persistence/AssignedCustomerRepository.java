package org.ecifhub.assignment.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.OffsetDateTime;

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
}
