package org.ecifhub.assignment.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;

@ApplicationScoped
public class AssignedCustomerRepository implements PanacheRepositoryBase<AssignedCustomerEntity, String> {

    public AssignedCustomerEntity findOrCreate(String customerNumber) {
        AssignedCustomerEntity c = findById(customerNumber);
        if (c == null) {
            c = new AssignedCustomerEntity();
            c.customerNumber = customerNumber;
            c.updatedAt = OffsetDateTime.now();
            persist(c);
        }
        return c;
    }
}
