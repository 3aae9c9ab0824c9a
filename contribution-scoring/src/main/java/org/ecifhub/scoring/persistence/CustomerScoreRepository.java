package org.ecifhub.scoring.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.ecifhub.scoring.domain.BalancePoint;
import org.ecifhub.scoring.domain.CustomerFacts;
import org.ecifhub.scoring.domain.ProductType;
import org.ecifhub.scoring.domain.Tier;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Scores, the holdings and daily balance snapshots they rest on, score history and override audit. */
@ApplicationScoped
public class CustomerScoreRepository implements PanacheRepositoryBase<CustomerScoreEntity, String> {

    /** One account as a HoldingsChanged event states it; {@code asOfDate} is its business date. */
    public record Holding(String source, String accountId, String productType, String currency, BigDecimal balance,
                          String status, LocalDate openDate, BigDecimal interestRate, int daysPastDue,
                          BigDecimal feeIncome, OffsetDateTime asOf, LocalDate asOfDate) {

        String key() {
            return source + "/" + accountId;
        }
    }

    /**
     * The customer holds exactly these accounts now: they are claimed (from whoever held them, e.g. before a
     * split), their balance of the day is recorded as a snapshot (the latest statement of a day wins), and
     * accounts the customer held but that are not listed any more are released.
     */
    public void replaceHoldings(String customerNumber, List<Holding> listed) {
        var em = getEntityManager();
        // One row per account (the latest statement if an account were listed twice), one statement per table.
        Map<String, Holding> byKey = new LinkedHashMap<>();
        for (Holding h : listed) {
            byKey.merge(h.key(), h, (x, y) -> y.asOf().isBefore(x.asOf()) ? x : y);
        }
        List<Holding> holdings = List.copyOf(byKey.values());
        if (!holdings.isEmpty()) {
            var accounts = em.createNativeQuery("""
                    INSERT INTO account_balance (customer_number, source, account_id, product_type, balance, as_of,
                        currency, status, open_date, interest_rate, days_past_due, fee_income)
                    VALUES %s
                    ON CONFLICT (source, account_id) DO UPDATE SET customer_number = EXCLUDED.customer_number,
                        product_type = EXCLUDED.product_type, balance = EXCLUDED.balance, as_of = EXCLUDED.as_of,
                        currency = EXCLUDED.currency, status = EXCLUDED.status, open_date = EXCLUDED.open_date,
                        interest_rate = EXCLUDED.interest_rate, days_past_due = EXCLUDED.days_past_due,
                        fee_income = EXCLUDED.fee_income""".formatted(placeholders(holdings.size(), 12)));
            int p = 1;
            for (Holding h : holdings) {
                accounts.setParameter(p++, customerNumber);
                accounts.setParameter(p++, h.source());
                accounts.setParameter(p++, h.accountId());
                accounts.setParameter(p++, h.productType());
                accounts.setParameter(p++, h.balance());
                accounts.setParameter(p++, h.asOf());
                accounts.setParameter(p++, h.currency());
                accounts.setParameter(p++, h.status());
                accounts.setParameter(p++, h.openDate());
                accounts.setParameter(p++, h.interestRate());
                accounts.setParameter(p++, h.daysPastDue());
                accounts.setParameter(p++, h.feeIncome());
            }
            accounts.executeUpdate();
            var snapshots = em.createNativeQuery("""
                    INSERT INTO balance_snapshot (source, account_id, as_of_date, balance, as_of)
                    VALUES %s
                    ON CONFLICT (source, account_id, as_of_date) DO UPDATE
                        SET balance = EXCLUDED.balance, as_of = EXCLUDED.as_of
                        WHERE balance_snapshot.as_of IS NULL OR EXCLUDED.as_of >= balance_snapshot.as_of"""
                    .formatted(placeholders(holdings.size(), 5)));
            p = 1;
            for (Holding h : holdings) {
                snapshots.setParameter(p++, h.source());
                snapshots.setParameter(p++, h.accountId());
                snapshots.setParameter(p++, h.asOfDate());
                snapshots.setParameter(p++, h.balance());
                snapshots.setParameter(p++, h.asOf());
            }
            snapshots.executeUpdate();
        }
        List<String> keep = holdings.stream().map(Holding::key).toList();
        if (keep.isEmpty()) {
            em.createNativeQuery("UPDATE account_balance SET customer_number = NULL WHERE customer_number = ?1")
                    .setParameter(1, customerNumber).executeUpdate();
        } else {
            em.createNativeQuery("""
                            UPDATE account_balance SET customer_number = NULL
                            WHERE customer_number = ?1 AND source || '/' || account_id NOT IN (?2)""")
                    .setParameter(1, customerNumber).setParameter(2, keep).executeUpdate();
        }
    }

    /** {@code (?1, ?2, ?3), (?4, ?5, ?6)} for rows of columns: ordinal parameters of a multi-row VALUES. */
    static String placeholders(int rows, int columns) {
        StringBuilder sb = new StringBuilder();
        int p = 1;
        for (int r = 0; r < rows; r++) {
            sb.append(r == 0 ? "" : ", ").append('(');
            for (int c = 0; c < columns; c++) {
                sb.append(c == 0 ? "" : ", ").append('?').append(p++);
            }
            sb.append(')');
        }
        return sb.toString();
    }

    /** A merge: every account of {@code retired} (with its balance history) now belongs to {@code survivor}. */
    public int moveHoldings(String retired, String survivor) {
        return getEntityManager()
                .createNativeQuery("UPDATE account_balance SET customer_number = ?2 WHERE customer_number = ?1")
                .setParameter(1, retired).setParameter(2, survivor).executeUpdate();
    }

    /** The latest business date of any balance of the customer's accounts; null when it holds none. */
    public LocalDate latestBalanceDate(String customerNumber) {
        Object d = getEntityManager().createNativeQuery("""
                        SELECT max(s.as_of_date) FROM account_balance h
                        JOIN balance_snapshot s ON s.source = h.source AND s.account_id = h.account_id
                        WHERE h.customer_number = ?1""")
                .setParameter(1, customerNumber).getSingleResult();
        return toLocalDate(d);
    }

    /**
     * The facts of several customers, each as of its own date, with the balance history each window needs (the
     * snapshots inside the longest window, and the last one before it).
     */
    public Map<String, CustomerFacts> facts(Map<String, LocalDate> asOf, Map<String, CustomerFacts.Ebanking> ebanking,
                                            int longDays) {
        Map<String, CustomerFacts> out = new HashMap<>();
        if (asOf.isEmpty()) {
            return out;
        }
        LocalDate minFrom = asOf.values().stream().min(LocalDate::compareTo).orElseThrow().minusDays(longDays - 1L);
        LocalDate maxTo = asOf.values().stream().max(LocalDate::compareTo).orElseThrow();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                        SELECT h.customer_number, h.source, h.account_id, h.product_type, h.interest_rate,
                               h.days_past_due, h.fee_income, h.open_date, s.as_of_date, s.balance
                        FROM account_balance h
                        LEFT JOIN balance_snapshot s ON s.source = h.source AND s.account_id = h.account_id
                             AND s.as_of_date <= ?3
                             AND s.as_of_date >= coalesce((SELECT max(p.as_of_date) FROM balance_snapshot p
                                     WHERE p.source = h.source AND p.account_id = h.account_id AND p.as_of_date <= ?2),
                                 DATE '0001-01-01')
                        WHERE h.customer_number IN (?1)
                        ORDER BY h.customer_number, h.source, h.account_id, s.as_of_date""")
                .setParameter(1, asOf.keySet())
                .setParameter(2, minFrom)
                .setParameter(3, maxTo)
                .getResultList();
        Map<String, Map<String, AccountBuilder>> accounts = new LinkedHashMap<>();
        for (Object[] r : rows) {
            String customer = (String) r[0];
            String key = r[1] + "/" + r[2];
            AccountBuilder a = accounts.computeIfAbsent(customer, c -> new LinkedHashMap<>())
                    .computeIfAbsent(key, k -> new AccountBuilder(k, ProductType.parse((String) r[3]),
                            (BigDecimal) r[4], r[5] == null ? 0 : ((Number) r[5]).intValue(), (BigDecimal) r[6],
                            toLocalDate(r[7])));
            if (r[8] != null) {
                a.history.add(new BalancePoint(toLocalDate(r[8]), (BigDecimal) r[9]));
            }
        }
        for (var e : asOf.entrySet()) {
            List<CustomerFacts.Account> list = new ArrayList<>();
            for (AccountBuilder a : accounts.getOrDefault(e.getKey(), Map.of()).values()) {
                list.add(new CustomerFacts.Account(a.key, a.type, List.copyOf(a.history), a.rate, a.dpd, a.fee,
                        a.opened));
            }
            out.put(e.getKey(), new CustomerFacts(e.getValue(), list, ebanking.get(e.getKey())));
        }
        return out;
    }

    private static final class AccountBuilder {
        final String key;
        final ProductType type;
        final BigDecimal rate;
        final int dpd;
        final BigDecimal fee;
        final LocalDate opened;
        final List<BalancePoint> history = new ArrayList<>();

        AccountBuilder(String key, ProductType type, BigDecimal rate, int dpd, BigDecimal fee, LocalDate opened) {
            this.key = key;
            this.type = type;
            this.rate = rate;
            this.dpd = dpd;
            this.fee = fee;
            this.opened = opened;
        }
    }

    /** Active customers after {@code after} in customer number order, for batch re-scoring. */
    public List<CustomerScoreEntity> activeAfter(String after, int limit) {
        return find("status = ?1 and customerNumber > ?2 order by customerNumber", CustomerScoreEntity.ACTIVE,
                after == null ? "" : after).page(0, limit).list();
    }

    /** The day's score of each customer (one statement for all), replacing an earlier score of the same day. */
    /** Active customers whose pending downgrade or override is due on {@code asOf}, after {@code after}. */
    public List<CustomerScoreEntity> dueAfter(String after, LocalDate graceCutoff, LocalDate asOf, int limit) {
        return find("status = ?1 and customerNumber > ?2 and (belowSince <= ?3 or overrideExpires < ?4)"
                        + " order by customerNumber", CustomerScoreEntity.ACTIVE, after == null ? "" : after,
                graceCutoff, asOf).page(0, limit).list();
    }

    public void recordHistory(List<CustomerScoreEntity> customers, OffsetDateTime now) {
        if (customers.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("""
                INSERT INTO score_history (customer_number, score_date, score, points, tier, rule_tier, assets_long,
                    model_version, recorded_at) VALUES """);
        sql.append(placeholders(customers.size(), 9));
        sql.append("""
                 ON CONFLICT (customer_number, score_date) DO UPDATE SET score = EXCLUDED.score,
                    points = EXCLUDED.points, tier = EXCLUDED.tier, rule_tier = EXCLUDED.rule_tier,
                    assets_long = EXCLUDED.assets_long, model_version = EXCLUDED.model_version,
                    recorded_at = EXCLUDED.recorded_at""");
        var q = getEntityManager().createNativeQuery(sql.toString());
        int p = 1;
        for (CustomerScoreEntity s : customers) {
            q.setParameter(p++, s.customerNumber);
            q.setParameter(p++, s.scoreDate);
            q.setParameter(p++, s.score);
            q.setParameter(p++, s.points);
            q.setParameter(p++, s.tier.name());
            q.setParameter(p++, s.ruleTier.name());
            q.setParameter(p++, s.assetsLong);
            q.setParameter(p++, s.modelVersion);
            q.setParameter(p++, now);
        }
        q.executeUpdate();
    }

    public record HistoryRow(LocalDate scoreDate, BigDecimal score, BigDecimal points, Tier tier, Tier ruleTier,
                             BigDecimal averageAssets, String modelVersion) {
    }

    @SuppressWarnings("unchecked")
    public List<HistoryRow> history(String customerNumber, int limit) {
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                        SELECT score_date, score, points, tier, rule_tier, assets_long, model_version
                        FROM score_history WHERE customer_number = ?1 ORDER BY score_date DESC LIMIT ?2""")
                .setParameter(1, customerNumber).setParameter(2, limit).getResultList();
        return rows.stream().map(r -> new HistoryRow(toLocalDate(r[0]), (BigDecimal) r[1], (BigDecimal) r[2],
                Tier.valueOf((String) r[3]), Tier.valueOf((String) r[4]), (BigDecimal) r[5], (String) r[6])).toList();
    }

    public void auditOverride(String customerNumber, String action, Tier tier, String reason, String operator,
                              LocalDate expiresOn, OffsetDateTime now) {
        getEntityManager().createNativeQuery("""
                        INSERT INTO tier_override_audit (customer_number, action, tier, reason, operator, expires_on,
                            recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                .setParameter(1, customerNumber).setParameter(2, action)
                .setParameter(3, tier == null ? null : tier.name()).setParameter(4, reason)
                .setParameter(5, operator).setParameter(6, expiresOn).setParameter(7, now)
                .executeUpdate();
    }

    public record OverrideAudit(String action, Tier tier, String reason, String operator, LocalDate expiresOn,
                                OffsetDateTime recordedAt) {
    }

    @SuppressWarnings("unchecked")
    public List<OverrideAudit> overrideAudit(String customerNumber) {
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                        SELECT action, tier, reason, operator, expires_on, recorded_at FROM tier_override_audit
                        WHERE customer_number = ?1 ORDER BY id""")
                .setParameter(1, customerNumber).getResultList();
        return rows.stream().map(r -> new OverrideAudit((String) r[0], r[1] == null ? null : Tier.valueOf((String) r[1]),
                (String) r[2], (String) r[3], toLocalDate(r[4]), toOffsetDateTime(r[5]))).toList();
    }

    public record StructureRow(String branchCode, Tier tier, long customers, BigDecimal averageAssets,
                               BigDecimal totalAssets, BigDecimal totalLoans, BigDecimal totalContribution,
                               BigDecimal averageContribution) {
    }

    /** 分类统计: active customers by branch and tier (one branch when given). */
    @SuppressWarnings("unchecked")
    public List<StructureRow> structure(String branchCode) {
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                        SELECT branch_code, tier, count(*), round(avg(coalesce(assets_long, 0)), 2),
                               coalesce(sum(assets_long), 0), coalesce(sum(loans_long), 0), sum(score), round(avg(score), 2)
                        FROM customer_score
                        WHERE status = 'ACTIVE' AND (CAST(?1 AS varchar) IS NULL OR branch_code = ?1)
                        GROUP BY branch_code, tier ORDER BY branch_code NULLS LAST, tier""")
                .setParameter(1, branchCode).getResultList();
        return rows.stream().map(r -> new StructureRow((String) r[0], Tier.valueOf((String) r[1]),
                ((Number) r[2]).longValue(), (BigDecimal) r[3], (BigDecimal) r[4], (BigDecimal) r[5],
                (BigDecimal) r[6], (BigDecimal) r[7])).toList();
    }

    /** The highest contributors, optionally of one branch and tier. */
    public List<CustomerScoreEntity> top(String branchCode, Tier tier, int n) {
        StringBuilder q = new StringBuilder("status = :status");
        Map<String, Object> params = new HashMap<>();
        params.put("status", CustomerScoreEntity.ACTIVE);
        if (branchCode != null) {
            q.append(" and branchCode = :branch");
            params.put("branch", branchCode);
        }
        if (tier != null) {
            q.append(" and tier = :tier");
            params.put("tier", tier);
        }
        q.append(" order by score desc, customerNumber");
        return find(q.toString(), params).page(0, n).list();
    }

    /** Each customer's tier on the two dates (the last score on or before each), for the migration matrix. */
    @SuppressWarnings("unchecked")
    public List<Object[]> tiersOn(LocalDate from, LocalDate to, String branchCode) {
        return getEntityManager().createNativeQuery("""
                        WITH a AS (SELECT DISTINCT ON (customer_number) customer_number, tier FROM score_history
                                   WHERE score_date <= ?1 ORDER BY customer_number, score_date DESC),
                             b AS (SELECT DISTINCT ON (customer_number) customer_number, tier FROM score_history
                                   WHERE score_date <= ?2 ORDER BY customer_number, score_date DESC)
                        SELECT a.tier, b.tier, count(*) FROM b
                        LEFT JOIN a ON a.customer_number = b.customer_number
                        JOIN customer_score c ON c.customer_number = b.customer_number
                        WHERE (CAST(?3 AS varchar) IS NULL OR c.branch_code = ?3)
                        GROUP BY a.tier, b.tier""")
                .setParameter(1, from).setParameter(2, to).setParameter(3, branchCode).getResultList();
    }

    public long countActive() {
        return count("status", CustomerScoreEntity.ACTIVE);
    }

    public List<CustomerScoreEntity> byNumbers(Collection<String> numbers) {
        return list("customerNumber in ?1", numbers);
    }

    static LocalDate toLocalDate(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof LocalDate d) {
            return d;
        }
        if (o instanceof Date d) {
            return d.toLocalDate();
        }
        throw new IllegalStateException("not a date: " + o.getClass());
    }

    static OffsetDateTime toOffsetDateTime(Object o) {
        if (o == null || o instanceof OffsetDateTime) {
            return (OffsetDateTime) o;
        }
        if (o instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        throw new IllegalStateException("not a timestamp: " + o.getClass());
    }
}
