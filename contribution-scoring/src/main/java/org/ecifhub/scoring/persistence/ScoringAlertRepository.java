package org.ecifhub.scoring.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class ScoringAlertRepository implements PanacheRepositoryBase<ScoringAlertEntity, Long> {

    public List<ScoringAlertEntity> openOf(java.util.Collection<String> customerNumbers) {
        if (customerNumbers.isEmpty()) {
            return List.of();
        }
        return list("customerNumber in ?1 and status = ?2", customerNumbers, ScoringAlertEntity.OPEN);
    }

    /** Alerts by branch (all branches when null), newest first. */
    public List<ScoringAlertEntity> list(String branchCode, String status, int limit) {
        StringBuilder q = new StringBuilder("status = :status");
        var params = new java.util.HashMap<String, Object>();
        params.put("status", status);
        if (branchCode != null) {
            q.append(" and branchCode = :branch");
            params.put("branch", branchCode);
        }
        q.append(" order by raisedAt desc, id desc");
        return find(q.toString(), params).page(0, limit).list();
    }
}
