package org.ecifhub.scoring.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class ScoringModelRepository implements PanacheRepositoryBase<ScoringModelEntity, String> {

    public Optional<ScoringModelEntity> active() {
        return find("status", ScoringModelEntity.ACTIVE).firstResultOptional();
    }

    public List<ScoringModelEntity> newestFirst() {
        return list("order by createdAt desc");
    }
}
