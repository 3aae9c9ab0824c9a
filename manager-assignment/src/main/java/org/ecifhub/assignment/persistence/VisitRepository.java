package org.ecifhub.assignment.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

@ApplicationScoped
public class VisitRepository implements PanacheRepository<VisitEntity> {

    /** The customer's latest visit report. */
    public Optional<VisitEntity> latest(String customerNumber) {
        return find("customerNumber = ?1 order by visitDate desc, id desc", customerNumber).firstResultOptional();
    }
}
