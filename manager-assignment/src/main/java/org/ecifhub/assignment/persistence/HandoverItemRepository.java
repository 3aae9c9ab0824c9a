package org.ecifhub.assignment.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class HandoverItemRepository implements PanacheRepository<HandoverItemEntity> {

    public List<HandoverItemEntity> planOf(String staffId) {
        return list("staffId = ?1 order by customerNumber", staffId);
    }
}
