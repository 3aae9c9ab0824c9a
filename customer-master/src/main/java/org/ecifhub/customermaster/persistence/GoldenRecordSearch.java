package org.ecifhub.customermaster.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Set-based reads over golden records: search by criteria, and the data-quality report. */
@ApplicationScoped
public class GoldenRecordSearch {

    /** Search criteria, each already in standard form; null means "any". */
    public record Criteria(String idNumber, String phone, String name, boolean fuzzyName, String branchCode,
                           String qualityFlag) {
    }

    public record Row(String customerNumber, String name, String idType, String idNumber, String phone,
                      String branchCode, boolean idValid, int completeness) {
    }

    public record Page(List<Row> items, long total, int page, int size) {
    }

    public record QualityCount(String branchCode, String attribute, String flag, long customers) {
    }

    public record BranchQuality(String branchCode, long customers, double averageCompleteness, long invalidIds) {
    }

    private final EntityManager entityManager;

    public GoldenRecordSearch(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public Page search(Criteria c, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE status = 'ACTIVE'");
        Map<String, Object> params = new LinkedHashMap<>();
        if (c.idNumber() != null) {
            where.append(" AND id_number = :idNumber");
            params.put("idNumber", c.idNumber());
        }
        if (c.phone() != null) {
            where.append(" AND phone = :phone");
            params.put("phone", c.phone());
        }
        if (c.name() != null && !c.fuzzyName()) {
            where.append(" AND name = :name");
            params.put("name", c.name());
        }
        if (c.name() != null && c.fuzzyName()) {
            // One edit away (a typo, a homophone keyed wrongly) or containing the text typed.
            where.append(" AND (levenshtein(name, :name) <= 1 OR strpos(name, :name) > 0)");
            params.put("name", c.name());
        }
        if (c.branchCode() != null) {
            where.append(" AND branch_code = :branch");
            params.put("branch", c.branchCode());
        }
        if (c.qualityFlag() != null) {
            where.append(" AND quality_issues @> CAST(:flag AS jsonb)");
            params.put("flag", "[{\"flag\": \"" + c.qualityFlag().replace("\"", "") + "\"}]");
        }
        Query count = entityManager.createNativeQuery("SELECT count(*) FROM golden_record" + where);
        params.forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();
        Query select = entityManager.createNativeQuery("""
                SELECT customer_number, name, id_type, id_number, phone, branch_code, id_valid, completeness
                FROM golden_record""" + where + " ORDER BY customer_number LIMIT :limit OFFSET :offset");
        params.forEach(select::setParameter);
        select.setParameter("limit", size).setParameter("offset", (long) page * size);
        List<Row> rows = new ArrayList<>();
        for (Object o : select.getResultList()) {
            Object[] r = (Object[]) o;
            rows.add(new Row((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                    (Boolean) r[6], ((Number) r[7]).intValue()));
        }
        return new Page(rows, total, page, size);
    }

    /** How many customers of each branch carry each data-quality flag. */
    public List<QualityCount> qualityByBranch(String branchCode) {
        Query q = entityManager.createNativeQuery("""
                SELECT coalesce(g.branch_code, '-'), i->>'attribute', i->>'flag', count(DISTINCT g.customer_number)
                FROM golden_record g, jsonb_array_elements(g.quality_issues) i
                WHERE g.status = 'ACTIVE' AND (CAST(:branch AS varchar) IS NULL OR g.branch_code = :branch)
                GROUP BY 1, 2, 3 ORDER BY 1, 4 DESC""");
        q.setParameter("branch", branchCode);
        List<QualityCount> out = new ArrayList<>();
        for (Object o : q.getResultList()) {
            Object[] r = (Object[]) o;
            out.add(new QualityCount((String) r[0], (String) r[1], (String) r[2], ((Number) r[3]).longValue()));
        }
        return out;
    }

    public List<BranchQuality> summaryByBranch(String branchCode) {
        Query q = entityManager.createNativeQuery("""
                SELECT coalesce(branch_code, '-'), count(*), avg(completeness),
                       count(*) FILTER (WHERE id_number IS NOT NULL AND NOT id_valid)
                FROM golden_record
                WHERE status = 'ACTIVE' AND (CAST(:branch AS varchar) IS NULL OR branch_code = :branch)
                GROUP BY 1 ORDER BY 1""");
        q.setParameter("branch", branchCode);
        List<BranchQuality> out = new ArrayList<>();
        for (Object o : q.getResultList()) {
            Object[] r = (Object[]) o;
            out.add(new BranchQuality((String) r[0], ((Number) r[1]).longValue(),
                    Math.round(((Number) r[2]).doubleValue() * 10) / 10.0, ((Number) r[3]).longValue()));
        }
        return out;
    }
}
