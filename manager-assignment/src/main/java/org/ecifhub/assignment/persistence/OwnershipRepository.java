package org.ecifhub.assignment.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class OwnershipRepository implements PanacheRepository<OwnershipEntity> {

    public List<OwnershipEntity> current(String customerNumber) {
        return list("customerNumber = ?1 and validTo is null order by role", customerNumber);
    }

    public List<OwnershipEntity> history(String customerNumber) {
        return list("customerNumber = ?1 order by validFrom, id", customerNumber);
    }
}
