package org.ecifhub.scoring.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import org.ecifhub.scoring.domain.BalancePoint;
import org.ecifhub.scoring.domain.CustomerFacts;
import org.ecifhub.scoring.domain.ProductType;
import org.ecifhub.scoring.domain.Tier;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
        replaceHoldings(Map.of(customerNumber, listed));
    }

    /**
     * {@link #replaceHoldings(String, List)} for several customers at once, three statements in all. No account may
     * be listed for two of them (the caller applies such events one after the other).
     */
    public void replaceHoldings(Map<String, List<Holding>> listedByCustomer) {
        List<String> owners = new ArrayList<>();
        List<Holding> holdings = new ArrayList<>();
        listedByCustomer.forEach((customer, listed) -> {
            // One row per account (the latest statement if an account were listed twice).
            Map<String, Holding> byKey = new LinkedHashMap<>();
            for (Holding h : listed) {
                byKey.merge(h.key(), h, (x, y) -> y.asOf().isBefore(x.asOf()) ? x : y);
            }
            for (Holding h : byKey.values()) {
                owners.add(customer);
                holdings.add(h);
            }
        });
        int n = holdings.size();
        String[] owner = owners.toArray(String[]::new);
        String[] source = new String[n];
        String[] account = new String[n];
        String[] product = new String[n];
        String[] balance = new String[n];
        String[] asOf = new String[n];
        String[] currency = new String[n];
        String[] status = new String[n];
        String[] opened = new String[n];
        String[] rate = new String[n];
        String[] dpd = new String[n];
        String[] fee = new String[n];
        String[] asOfDate = new String[n];
        for (int i = 0; i < n; i++) {
            Holding h = holdings.get(i);
            source[i] = h.source();
            account[i] = h.accountId();
            product[i] = h.productType();
            balance[i] = h.balance().toPlainString();
            asOf[i] = h.asOf().toString();
            currency[i] = h.currency();
            status[i] = h.status();
            opened[i] = h.openDate() == null ? null : h.openDate().toString();
            rate[i] = h.interestRate() == null ? null : h.interestRate().toPlainString();
            dpd[i] = Integer.toString(h.daysPastDue());
            fee[i] = h.feeIncome() == null ? null : h.feeIncome().toPlainString();
            asOfDate[i] = h.asOfDate().toString();
        }
        String[] customers = listedByCustomer.keySet().toArray(String[]::new);
        jdbc(c -> {
            // Arrays of text, typed in SQL: one statement whatever the number of rows, and no parameter limit.
            if (n > 0) {
                // The balance goes to the snapshots below; the account's row changes only when its holder or terms
                // do, so the daily statement of an unchanged account writes nothing here.
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO account_balance (customer_number, source, account_id, product_type, currency, status,
                            open_date, interest_rate, days_past_due, fee_income)
                        SELECT o, s, a, p, cur, st, od::date, r::numeric, d::int, f::numeric
                        FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                    ?::text[], ?::text[], ?::text[])
                             AS h(o, s, a, p, cur, st, od, r, d, f)
                        ON CONFLICT (source, account_id) DO UPDATE SET customer_number = EXCLUDED.customer_number,
                            product_type = EXCLUDED.product_type, currency = EXCLUDED.currency,
                            status = EXCLUDED.status, open_date = EXCLUDED.open_date,
                            interest_rate = EXCLUDED.interest_rate, days_past_due = EXCLUDED.days_past_due,
                            fee_income = EXCLUDED.fee_income
                        WHERE (account_balance.customer_number, account_balance.product_type, account_balance.currency,
                               account_balance.status, account_balance.open_date, account_balance.interest_rate,
                               account_balance.days_past_due, account_balance.fee_income)
                              IS DISTINCT FROM (EXCLUDED.customer_number, EXCLUDED.product_type, EXCLUDED.currency,
                               EXCLUDED.status, EXCLUDED.open_date, EXCLUDED.interest_rate, EXCLUDED.days_past_due,
                               EXCLUDED.fee_income)""")) {
                    bind(c, ps, 1, new Object[][] {owner, source, account, product, currency, status, opened, rate,
                            dpd, fee});
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO balance_snapshot (source, account_id, as_of_date, balance, as_of)
                        SELECT s, a, d::date, b::numeric, t::timestamptz
                        FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS h(s, a, d, b, t)
                        ON CONFLICT (source, account_id, as_of_date) DO UPDATE
                            SET balance = EXCLUDED.balance, as_of = EXCLUDED.as_of
                            WHERE balance_snapshot.as_of IS NULL OR EXCLUDED.as_of >= balance_snapshot.as_of""")) {
                    bind(c, ps, 1, new Object[][] {source, account, asOfDate, balance, asOf});
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE account_balance b SET customer_number = NULL
                    WHERE b.customer_number = ANY (?::text[])
                      AND NOT EXISTS (SELECT 1 FROM unnest(?::text[], ?::text[], ?::text[]) AS k(o, s, a)
                                      WHERE k.o = b.customer_number AND k.s = b.source AND k.a = b.account_id)""")) {
                bind(c, ps, 1, new Object[][] {customers, owner, source, account});
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Work on the transaction's own JDBC connection, for statements that bind arrays. */
    public <T> T jdbc(ReturningWork<T> work) {
        return getEntityManager().unwrap(Session.class).doReturningWork(work);
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
        return latestBalanceDates(List.of(customerNumber)).get(customerNumber);
    }

    /** {@link #latestBalanceDate} of several customers in one query; customers holding nothing are left out. */
    public Map<String, LocalDate> latestBalanceDates(Collection<String> customerNumbers) {
        String[] numbers = customerNumbers.toArray(String[]::new);
        return jdbc(c -> {
            Map<String, LocalDate> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT h.customer_number, max(s.latest) FROM account_balance h
                    CROSS JOIN LATERAL (SELECT max(s.as_of_date) AS latest FROM balance_snapshot s
                                        WHERE s.source = h.source AND s.account_id = h.account_id) s
                    WHERE h.customer_number = ANY (?::text[]) AND s.latest IS NOT NULL
                    GROUP BY h.customer_number""")) {
                ps.setArray(1, c.createArrayOf("text", numbers));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getObject(2, LocalDate.class));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Those of the customers with an open watch alert: few of any batch, so the alerts themselves are then loaded
     * (as entities, to be resolved) for those alone.
     */
    public List<String> withOpenAlerts(Collection<String> customerNumbers) {
        String[] numbers = customerNumbers.toArray(String[]::new);
        return jdbc(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT DISTINCT customer_number FROM scoring_alert
                    WHERE status = 'OPEN' AND customer_number = ANY (?::text[])""")) {
                ps.setArray(1, c.createArrayOf("text", numbers));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    /**
     * The facts of several customers, each as of its own date, with the balance history each window needs (the
     * snapshots inside the longest window, and the last one before it).
     */
    public Map<String, CustomerFacts> facts(Map<String, LocalDate> asOf, Map<String, CustomerFacts.Ebanking> ebanking,
                                            int longDays) {
        if (asOf.isEmpty()) {
            return new HashMap<>();
        }
        LocalDate minFrom = asOf.values().stream().min(LocalDate::compareTo).orElseThrow().minusDays(longDays - 1L);
        return facts(heldWithHistory(asOf.keySet(), minFrom), asOf, ebanking);
    }

    /** {@link #facts} from holdings read before (by {@link #heldWithHistory}), each customer as of its own date. */
    public static Map<String, CustomerFacts> facts(Map<String, Held> held, Map<String, LocalDate> asOf,
                                                   Map<String, CustomerFacts.Ebanking> ebanking) {
        Map<String, CustomerFacts> out = new HashMap<>();
        for (var e : asOf.entrySet()) {
            Held h = held.get(e.getKey());
            out.put(e.getKey(), new CustomerFacts(e.getValue(), h == null ? List.of() : h.accountsAsOf(e.getValue()),
                    ebanking.get(e.getKey())));
        }
        return out;
    }

    /**
     * The accounts each customer holds, with every balance snapshot from the last one on or before {@code from}
     * onwards ({@code from} null: every snapshot). Customers holding nothing are left out.
     */
    public Map<String, Held> heldWithHistory(Collection<String> customerNumbers, LocalDate from) {
        String[] numbers = customerNumbers.toArray(String[]::new);
        Map<String, Held> out = new HashMap<>();
        // One prepared statement whatever the number of customers (an array, not a list of parameters), and per
        // account an index range from the last snapshot before the window on; the snapshots are ordered here.
        jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT h.customer_number, h.source, h.account_id, h.product_type, h.interest_rate,
                           h.days_past_due, h.fee_income, h.open_date, s.as_of_date, s.balance
                    FROM account_balance h
                    LEFT JOIN LATERAL (
                        SELECT s.as_of_date, s.balance FROM balance_snapshot s
                        WHERE s.source = h.source AND s.account_id = h.account_id
                          AND s.as_of_date >= coalesce((SELECT max(p.as_of_date) FROM balance_snapshot p
                                  WHERE p.source = h.source AND p.account_id = h.account_id AND p.as_of_date <= ?),
                              DATE '0001-01-01')) s ON true
                    WHERE h.customer_number = ANY (?::text[])""")) {
                ps.setObject(1, from == null ? LocalDate.of(1, 1, 1) : from);
                ps.setArray(2, c.createArrayOf("text", numbers));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, AccountBuilder> accounts = out.computeIfAbsent(rs.getString(1), n -> new Held())
                                .accounts;
                        String key = rs.getString(2) + "/" + rs.getString(3);
                        AccountBuilder a = accounts.get(key);
                        if (a == null) {
                            a = new AccountBuilder(key, ProductType.parse(rs.getString(4)), rs.getBigDecimal(5),
                                    rs.getInt(6), rs.getBigDecimal(7), rs.getObject(8, LocalDate.class));
                            accounts.put(key, a);
                        }
                        LocalDate date = rs.getObject(9, LocalDate.class);
                        if (date != null) {
                            a.history.add(new BalancePoint(date, rs.getBigDecimal(10)));
                        }
                    }
                }
            }
            return null;
        });
        return out;
    }

    /** The accounts one customer holds, each with its balance history, as read by {@link #heldWithHistory}. */
    public static final class Held {
        // Sorted by key: accounts in the same order whoever reads them.
        private final Map<String, AccountBuilder> accounts = new java.util.TreeMap<>();

        /** The latest business date of any balance of the customer's accounts; null when none has one. */
        public LocalDate latest() {
            LocalDate latest = null;
            for (AccountBuilder a : accounts.values()) {
                for (BalancePoint p : a.history) {
                    if (latest == null || p.date().isAfter(latest)) {
                        latest = p.date();
                    }
                }
            }
            return latest;
        }

        List<CustomerFacts.Account> accountsAsOf(LocalDate asOf) {
            List<CustomerFacts.Account> list = new ArrayList<>();
            for (AccountBuilder a : accounts.values()) {
                a.history.sort(java.util.Comparator.comparing(BalancePoint::date));
                List<BalancePoint> upTo = a.history.stream().filter(p -> !p.date().isAfter(asOf)).toList();
                list.add(new CustomerFacts.Account(a.key, a.type, upTo, a.rate, a.dpd, a.fee, a.opened));
            }
            return list;
        }
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

    private static final String ROW_COLUMNS = """
            customer_number, branch_code, status, merged_into, score, points, tier, rule_tier, tier_reason, model_tier,
            below_since, tier_since, score_date, model_version, assets_short, assets_long, loans_long,
            worst_days_past_due, ebanking_signed_up, ebanking_logins, ebanking_transactions, override_tier,
            override_reason, override_operator, override_expires, events_applied, last_event_version, tier_version,
            rederive_tier, updated_at""";

    /**
     * The next page of active customers after {@code after} (up to {@code upTo}, when not null), locked like the consumer locks them, read with plain
     * JDBC into objects the persistence context never sees (no entity per customer to track or flush).
     */
    public List<CustomerScoreEntity> lockActiveRowsAfter(String after, String upTo, int limit) {
        return jdbc(c -> {
            List<CustomerScoreEntity> out = new ArrayList<>(limit);
            // The upper bound only where there is one: an index range scan either way.
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ROW_COLUMNS
                    + " FROM customer_score WHERE status = 'ACTIVE' AND customer_number > ?"
                    + (upTo == null ? " AND CAST(? AS text) IS NULL" : " AND customer_number <= ?")
                    + " ORDER BY customer_number LIMIT ? FOR UPDATE")) {
                ps.setString(1, after == null ? "" : after);
                ps.setString(2, upTo);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
            }
            return out;
        });
    }

    private static CustomerScoreEntity row(ResultSet rs) throws java.sql.SQLException {
        CustomerScoreEntity s = new CustomerScoreEntity();
        s.customerNumber = rs.getString("customer_number");
        s.branchCode = rs.getString("branch_code");
        s.status = rs.getString("status");
        s.mergedInto = rs.getString("merged_into");
        s.score = rs.getBigDecimal("score");
        s.points = rs.getBigDecimal("points");
        s.tier = tier(rs.getString("tier"));
        s.ruleTier = tier(rs.getString("rule_tier"));
        s.tierReason = rs.getString("tier_reason");
        s.modelTier = tier(rs.getString("model_tier"));
        s.belowSince = rs.getObject("below_since", LocalDate.class);
        s.tierSince = rs.getObject("tier_since", LocalDate.class);
        s.scoreDate = rs.getObject("score_date", LocalDate.class);
        s.modelVersion = rs.getString("model_version");
        s.assetsShort = rs.getBigDecimal("assets_short");
        s.assetsLong = rs.getBigDecimal("assets_long");
        s.loansLong = rs.getBigDecimal("loans_long");
        s.worstDaysPastDue = rs.getInt("worst_days_past_due");
        s.ebankingSignedUp = (Boolean) rs.getObject("ebanking_signed_up");
        s.ebankingLogins = (Integer) rs.getObject("ebanking_logins");
        s.ebankingTransactions = (Integer) rs.getObject("ebanking_transactions");
        s.overrideTier = tier(rs.getString("override_tier"));
        s.overrideReason = rs.getString("override_reason");
        s.overrideOperator = rs.getString("override_operator");
        s.overrideExpires = rs.getObject("override_expires", LocalDate.class);
        s.eventsApplied = rs.getLong("events_applied");
        s.lastEventVersion = rs.getLong("last_event_version");
        s.tierVersion = rs.getLong("tier_version");
        s.rederiveTier = rs.getBoolean("rederive_tier");
        s.updatedAt = rs.getObject("updated_at", OffsetDateTime.class);
        return s;
    }

    private static Tier tier(String name) {
        return name == null ? null : Tier.valueOf(name);
    }

    /**
     * The customers' rows, locked (in customer number order, as every writer locks them), read like
     * {@link #lockActiveRowsAfter}; the customers not known yet are created first.
     */
    public Map<String, CustomerScoreEntity> lockOrCreateRows(Collection<String> customerNumbers, OffsetDateTime now) {
        String[] numbers = new java.util.TreeSet<>(customerNumbers).toArray(String[]::new);
        return jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO customer_score (customer_number, score, updated_at)
                    SELECT n, 0, ?::timestamptz FROM unnest(?::text[]) AS n ON CONFLICT (customer_number) DO NOTHING""")) {
                ps.setString(1, now.toString());
                ps.setArray(2, c.createArrayOf("text", numbers));
                ps.executeUpdate();
            }
            Map<String, CustomerScoreEntity> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ROW_COLUMNS + """
                     FROM customer_score WHERE customer_number = ANY (?::text[])
                    ORDER BY customer_number FOR UPDATE""")) {
                ps.setArray(1, c.createArrayOf("text", numbers));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        CustomerScoreEntity row = row(rs);
                        out.put(row.customerNumber, row);
                    }
                }
            }
            return out;
        });
    }

    /**
     * Writes rows read by {@link #lockActiveRowsAfter} or {@link #lockOrCreateRows} back, one statement for all.
     */
    public void updateRows(List<CustomerScoreEntity> rows) {
        if (rows.isEmpty()) {
            return;
        }
        String[][] columns = columns(rows, s -> new String[] {s.customerNumber, plain(s.score), plain(s.points),
                    name(s.tier), name(s.ruleTier),
                    s.tierReason, name(s.modelTier), text(s.belowSince), text(s.tierSince), text(s.scoreDate),
                    s.modelVersion, plain(s.assetsShort), plain(s.assetsLong), plain(s.loansLong),
                    Integer.toString(s.worstDaysPastDue), name(s.overrideTier), s.overrideReason,
                    s.overrideOperator, text(s.overrideExpires), Long.toString(s.tierVersion),
                    Boolean.toString(s.rederiveTier), s.updatedAt.toString(), s.branchCode, s.status, s.mergedInto,
                    s.ebankingSignedUp == null ? null : s.ebankingSignedUp.toString(),
                    s.ebankingLogins == null ? null : s.ebankingLogins.toString(),
                    s.ebankingTransactions == null ? null : s.ebankingTransactions.toString(),
                    Long.toString(s.eventsApplied), Long.toString(s.lastEventVersion)});
        jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE customer_score c SET score = u.score::numeric, points = u.points::numeric, tier = u.tier,
                        rule_tier = u.rule_tier, tier_reason = u.tier_reason, model_tier = u.model_tier,
                        below_since = u.below_since::date, tier_since = u.tier_since::date,
                        score_date = u.score_date::date, model_version = u.model_version,
                        assets_short = u.assets_short::numeric, assets_long = u.assets_long::numeric,
                        loans_long = u.loans_long::numeric, worst_days_past_due = u.dpd::int,
                        override_tier = u.override_tier,
                        override_reason = u.override_reason, override_operator = u.override_operator,
                        override_expires = u.override_expires::date, tier_version = u.tier_version::bigint,
                        rederive_tier = u.rederive::boolean, updated_at = u.updated_at::timestamptz,
                        branch_code = u.branch_code, status = u.status, merged_into = u.merged_into,
                        ebanking_signed_up = u.ebanking::boolean, ebanking_logins = u.logins::int,
                        ebanking_transactions = u.transactions::int, events_applied = u.events::bigint,
                        last_event_version = u.last_version::bigint
                    FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                ?::text[], ?::text[])
                         AS u(customer_number, score, points, tier, rule_tier, tier_reason, model_tier, below_since,
                              tier_since, score_date, model_version, assets_short, assets_long, loans_long, dpd,
                              override_tier, override_reason, override_operator, override_expires,
                              tier_version, rederive, updated_at, branch_code, status, merged_into, ebanking, logins,
                              transactions, events, last_version)
                    WHERE c.customer_number = u.customer_number""")) {
                bind(c, ps, 1, columns);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static String plain(BigDecimal d) {
        return d == null ? null : d.toPlainString();
    }

    private static String name(Tier t) {
        return t == null ? null : t.name();
    }

    private static String text(LocalDate d) {
        return d == null ? null : d.toString();
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
        String[][] columns = columns(customers, s -> new String[] {s.customerNumber, text(s.scoreDate),
                plain(s.score), plain(s.points), name(s.tier), name(s.ruleTier), plain(s.assetsLong),
                s.modelVersion});
        String recordedAt = now.toString();
        jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO score_history (customer_number, score_date, score, points, tier, rule_tier, assets_long,
                        model_version, recorded_at)
                    SELECT n, d::date, s::numeric, p::numeric, t, r, a::numeric, m, ?::timestamptz
                    FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                         AS h(n, d, s, p, t, r, a, m)
                    ON CONFLICT (customer_number, score_date) DO UPDATE SET score = EXCLUDED.score,
                        points = EXCLUDED.points, tier = EXCLUDED.tier, rule_tier = EXCLUDED.rule_tier,
                        assets_long = EXCLUDED.assets_long, model_version = EXCLUDED.model_version,
                        recorded_at = EXCLUDED.recorded_at""")) {
                ps.setString(1, recordedAt);
                bind(c, ps, 2, columns);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Rows to columns: {@code values} gives a row's values, the result one array per column for {@link #bind}. */
    static String[][] columns(List<CustomerScoreEntity> rows, java.util.function.Function<CustomerScoreEntity,
            String[]> values) {
        String[][] columns = null;
        for (int i = 0; i < rows.size(); i++) {
            String[] v = values.apply(rows.get(i));
            if (columns == null) {
                columns = new String[v.length][rows.size()];
            }
            for (int c = 0; c < v.length; c++) {
                columns[c][i] = v[c];
            }
        }
        return columns;
    }

    /** Binds each column as a text array, from parameter {@code first} on (the SQL casts them to their types). */
    static void bind(java.sql.Connection c, PreparedStatement ps, int first, Object[][] columns)
            throws java.sql.SQLException {
        for (int i = 0; i < columns.length; i++) {
            ps.setArray(first + i, c.createArrayOf("text", columns[i]));
        }
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
