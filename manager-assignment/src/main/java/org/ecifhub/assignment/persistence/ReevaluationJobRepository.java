package org.ecifhub.assignment.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ReevaluationJobRepository implements PanacheRepositoryBase<ReevaluationJobEntity, UUID> {

    public Optional<ReevaluationJobEntity> running() {
        return find("status", "RUNNING").firstResultOptional();
    }

    public List<ReevaluationJobEntity> latest(int n) {
        return find("order by createdAt desc").page(0, n).list();
    }
}
