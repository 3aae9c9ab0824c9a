package org.ecifhub.assignment.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.ecifhub.assignment.domain.Performance;

import java.util.List;

@ApplicationScoped
public class ContributionRepository implements PanacheRepository<ContributionEntity> {

    public List<Performance.ScorePoint> history(String customerNumber) {
        return list("customerNumber = ?1 order by validFrom, id", customerNumber).stream()
                .map(c -> new Performance.ScorePoint(c.validFrom.toInstant(), c.score)).toList();
    }
}
