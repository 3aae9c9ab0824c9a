package org.ecifhub.assignment.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.ecifhub.assignment.domain.Candidate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class StaffRepository implements PanacheRepositoryBase<StaffEntity, String> {

    /**
     * Staff of the branches with load 0: who they are (branch, role, grade, status, capacity) without counting what
     * they own, for a decision that does not depend on loads.
     */
    public List<Candidate> members(List<String> branchCodes) {
        return list("branchCode in ?1 order by staffId", branchCodes).stream()
                .map(s -> new Candidate(s.staffId, s.branchCode, s.role, s.grade, s.status, s.capacity, 0)).toList();
    }

    /** Staff of the branches, each with the number of customers they own now (in any role). */
    public List<Candidate> candidates(List<String> branchCodes) {
        List<StaffEntity> staff = list("branchCode in ?1 order by staffId", branchCodes);
        Map<String, Long> loads = new HashMap<>();
        if (!staff.isEmpty()) {
            getEntityManager().createQuery("""
                            select o.ownerId, count(o) from OwnershipEntity o
                            where o.ownerType = 'STAFF' and o.validTo is null and o.ownerId in ?1 group by o.ownerId""",
                            Object[].class)
                    .setParameter(1, staff.stream().map(s -> s.staffId).toList())
                    .getResultList().forEach(r -> loads.put((String) r[0], (Long) r[1]));
        }
        return staff.stream().map(s -> new Candidate(s.staffId, s.branchCode, s.role, s.grade, s.status, s.capacity,
                loads.getOrDefault(s.staffId, 0L))).toList();
    }
}
