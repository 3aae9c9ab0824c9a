package org.ecifhub.assignment.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.ecifhub.assignment.domain.Candidate;

import java.util.List;

@ApplicationScoped
public class StaffRepository implements PanacheRepositoryBase<StaffEntity, String> {

    /** Active staff of a branch, each with the number of customers they own now. */
    public List<Candidate> candidates(String branchCode) {
        return list("branchCode = ?1 and status = 'ACTIVE' order by staffId", branchCode).stream()
                .map(s -> new Candidate(s.staffId, s.role, s.grade, s.capacity, currentLoad(s.staffId)))
                .toList();
    }

    private long currentLoad(String staffId) {
        return getEntityManager().createQuery(
                        "select count(o) from OwnershipEntity o where o.ownerId = ?1 and o.ownerType = 'STAFF' and o.validTo is null",
                        Long.class)
                .setParameter(1, staffId).getSingleResult();
    }
}
