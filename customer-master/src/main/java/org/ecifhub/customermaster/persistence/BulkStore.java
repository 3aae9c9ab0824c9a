package org.ecifhub.customermaster.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.ecifhub.customermaster.domain.PartyAttributes;
import org.ecifhub.customermaster.domain.PartyType;
import org.ecifhub.customermaster.domain.ProductType;
import org.ecifhub.customermaster.domain.CustomerEvent;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Set-based reads and writes for bulk consolidation: a few queries per batch instead of a few per record, and
 * {@code COPY} for the rows a batch adds. It works on the connection of the caller's transaction, so everything a
 * batch writes commits or rolls back together with the rest of it (the same connection Hibernate uses).
 */
@ApplicationScoped
public class BulkStore {

    /** Serialises bulk batches against each other and against the record-by-record feed (which locks it shared). */
    public static final String CONSOLIDATION_LOCK = "consolidation";

    public record SourceCustomer(String source, String sourceCustomerId) {
    }

    /** What the hub already knows of a source customer: its customer number and its latest record's hash. */
    public record Known(String customerNumber, String latestHash) {
    }

    public record Candidate(String customerNumber, boolean verified, PartyAttributes attributes) {
    }

    /** An existing golden record, locked for the batch. */
    public record Golden(String customerNumber, PartyAttributes attributes, long version, String status,
                         OffsetDateTime createdAt, OffsetDateTime attributesAsOf) {
    }

    /** An account as held now: which customer and source customer it belongs to, and its data. */
    public record Holding(String customerNumber, String sourceCustomerId, CustomerEvent.Holding data) {
    }

    public record Profile(String customerNumber, String occupation, String capturedBy, OffsetDateTime capturedAt) {
    }

    private final AgroalDataSource dataSource;

    public BulkStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The exclusive consolidation lock, until the transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockExclusively() {
        run("SELECT pg_advisory_xact_lock(hashtextextended('" + CONSOLIDATION_LOCK + "', 0))");
    }

    public Map<SourceCustomer, Known> known(Collection<SourceCustomer> customers) {
        Map<SourceCustomer, Known> out = new HashMap<>();
        if (customers.isEmpty()) {
            return out;
        }
        query("""
                SELECT p.source, p.scid, x.customer_number,
                       (SELECT s.content_hash FROM source_record s WHERE s.source = p.source
                          AND s.source_customer_id = p.scid ORDER BY s.id DESC LIMIT 1)
                FROM unnest(?, ?) AS p(source, scid)
                LEFT JOIN xref x ON x.source = p.source AND x.source_customer_id = p.scid""",
                rs -> {
                    if (rs.getString(3) != null || rs.getString(4) != null) {
                        out.put(new SourceCustomer(rs.getString(1), rs.getString(2)),
                                new Known(rs.getString(3), rs.getString(4)));
                    }
                },
                customers.stream().map(SourceCustomer::source).toArray(String[]::new),
                customers.stream().map(SourceCustomer::sourceCustomerId).toArray(String[]::new));
        return out;
    }

    /** Active golden records by identity key ({@code type:number}), for valid ids only. */
    public Map<String, String> activeByIdentity(Collection<String[]> typeAndNumber) {
        Map<String, String> out = new HashMap<>();
        if (typeAndNumber.isEmpty()) {
            return out;
        }
        query("""
                SELECT g.id_type, g.id_number, g.customer_number FROM unnest(?, ?) AS i(t, n)
                JOIN golden_record g ON g.id_type = i.t AND g.id_number = i.n AND g.id_valid AND g.status = 'ACTIVE'""",
                rs -> out.put(rs.getString(1) + ":" + rs.getString(2), rs.getString(3)),
                typeAndNumber.stream().map(a -> a[0]).toArray(String[]::new),
                typeAndNumber.stream().map(a -> a[1]).toArray(String[]::new));
        return out;
    }

    /**
     * Per record (by its position in the batch), the active customers sharing most of its blocking keys, best
     * first, at most {@code limit}. Keys shared by more than {@code maxBlock} customers are ignored. For a record
     * with a verified id of its own only customers without one are looked at (the hard rule), through the small
     * index of unverified keys.
     */
    public Map<Integer, List<String>> candidates(List<Integer> positions, List<String> keys, List<Boolean> verified,
                                                 int limit, int maxBlock) {
        Map<Integer, List<String>> out = new HashMap<>();
        if (positions.isEmpty()) {
            return out;
        }
        query("""
                WITH wanted AS (SELECT * FROM unnest(?, ?, ?) AS w(pos, key, verified_only)),
                useful AS (
                    SELECT b.key FROM blocking_key b WHERE b.key IN (SELECT key FROM wanted WHERE NOT verified_only)
                    GROUP BY b.key HAVING count(*) <= ?),
                shared AS (
                    SELECT w.pos, b.customer_number, count(*) AS n FROM wanted w
                    JOIN blocking_key b ON b.key = w.key AND NOT b.verified
                    WHERE w.verified_only GROUP BY w.pos, b.customer_number
                    UNION ALL
                    SELECT w.pos, b.customer_number, count(*) AS n FROM wanted w
                    JOIN useful u ON u.key = w.key JOIN blocking_key b ON b.key = w.key
                    WHERE NOT w.verified_only GROUP BY w.pos, b.customer_number),
                ranked AS (
                    SELECT pos, customer_number,
                           row_number() OVER (PARTITION BY pos ORDER BY n DESC, customer_number) AS rank
                    FROM shared)
                SELECT pos, customer_number FROM ranked WHERE rank <= ? ORDER BY pos, rank""",
                rs -> out.computeIfAbsent(rs.getInt(1), p -> new ArrayList<>()).add(rs.getString(2)),
                positions.toArray(Integer[]::new), keys.toArray(String[]::new), verified.toArray(Boolean[]::new),
                maxBlock, limit);
        return out;
    }

    /** Active golden records' attributes, for scoring candidates. */
    public Map<String, Candidate> candidateAttributes(Collection<String> customerNumbers) {
        Map<String, Candidate> out = new HashMap<>();
        if (customerNumbers.isEmpty()) {
            return out;
        }
        query("""
                SELECT customer_number, party_type, name, id_type, id_number, birth_date, gender, phone, address,
                       occupation, branch_code, id_valid AND id_type IN ('RESIDENT_ID', 'USCC')
                FROM golden_record WHERE customer_number = ANY(?) AND status = 'ACTIVE'""",
                rs -> out.put(rs.getString(1), new Candidate(rs.getString(1), rs.getBoolean(12), attributes(rs, 2))),
                (Object) customerNumbers.toArray(String[]::new));
        return out;
    }

    /** Existing golden records, locked for update until the batch commits. */
    public Map<String, Golden> lockGoldens(Collection<String> customerNumbers) {
        Map<String, Golden> out = new HashMap<>();
        if (customerNumbers.isEmpty()) {
            return out;
        }
        query("""
                SELECT customer_number, party_type, name, id_type, id_number, birth_date, gender, phone, address,
                       occupation, branch_code, version, status, created_at, attributes_as_of
                FROM golden_record WHERE customer_number = ANY(?) ORDER BY customer_number FOR UPDATE""",
                rs -> out.put(rs.getString(1), new Golden(rs.getString(1), attributes(rs, 2), rs.getLong(12),
                        rs.getString(13), offset(rs.getTimestamp(14)), offset(rs.getTimestamp(15)))),
                (Object) customerNumbers.toArray(String[]::new));
        return out;
    }

    /** The latest record of every source customer of the given golden records, by customer number. */
    public Map<String, List<SourceRecordStore.Contribution>> latestPerSourceCustomer(Collection<String> numbers) {
        Map<String, List<SourceRecordStore.Contribution>> out = new HashMap<>();
        if (numbers.isEmpty()) {
            return out;
        }
        query("""
                SELECT DISTINCT ON (s.source, s.source_customer_id)
                       x.customer_number, s.id, s.source, s.source_customer_id, s.as_of, CAST(s.standard AS text),
                       CAST(s.payload AS text), s.payload->'party'->>'occupation', s.payload->>'branchCode'
                FROM xref x
                JOIN source_record s ON s.source = x.source AND s.source_customer_id = x.source_customer_id
                WHERE x.customer_number = ANY(?)
                ORDER BY s.source, s.source_customer_id, s.as_of DESC NULLS LAST, s.id DESC""",
                rs -> out.computeIfAbsent(rs.getString(1), n -> new ArrayList<>()).add(
                        new SourceRecordStore.Contribution(rs.getLong(2), rs.getString(3), rs.getString(4),
                                offset(rs.getTimestamp(5)), rs.getString(6), rs.getString(7), rs.getString(8),
                                rs.getString(9))),
                (Object) numbers.toArray(String[]::new));
        return out;
    }

    public Map<String, List<SourceCustomer>> xrefsOf(Collection<String> numbers) {
        Map<String, List<SourceCustomer>> out = new HashMap<>();
        if (numbers.isEmpty()) {
            return out;
        }
        query("SELECT customer_number, source, source_customer_id FROM xref WHERE customer_number = ANY(?) "
                        + "ORDER BY source, source_customer_id",
                rs -> out.computeIfAbsent(rs.getString(1), n -> new ArrayList<>())
                        .add(new SourceCustomer(rs.getString(2), rs.getString(3))),
                (Object) numbers.toArray(String[]::new));
        return out;
    }

    public Map<String, Profile> profiles(Collection<String> numbers) {
        Map<String, Profile> out = new HashMap<>();
        if (numbers.isEmpty()) {
            return out;
        }
        query("SELECT customer_number, occupation, captured_by, captured_at FROM customer_profile "
                        + "WHERE customer_number = ANY(?)",
                rs -> out.put(rs.getString(1), new Profile(rs.getString(1), rs.getString(2), rs.getString(3),
                        offset(rs.getTimestamp(4)))),
                (Object) numbers.toArray(String[]::new));
        return out;
    }

    private static final String HOLDING_COLUMNS = """
            customer_number, source_customer_id, source, account_id, product_type, currency, balance, status,
            open_date, interest_rate, days_past_due, term_months, fee_income, as_of""";

    /** Accounts by (source, account id), wherever they are held now. */
    public Map<String, Holding> holdingsByAccount(Collection<String[]> sourceAndAccount) {
        Map<String, Holding> out = new HashMap<>();
        if (sourceAndAccount.isEmpty()) {
            return out;
        }
        query("SELECT " + HOLDING_COLUMNS + " FROM account_holding h JOIN unnest(?, ?) AS a(s, id) "
                        + "ON h.source = a.s AND h.account_id = a.id",
                rs -> {
                    Holding h = holding(rs);
                    out.put(accountKey(h.data().source(), h.data().accountId()), h);
                },
                sourceAndAccount.stream().map(a -> a[0]).toArray(String[]::new),
                sourceAndAccount.stream().map(a -> a[1]).toArray(String[]::new));
        return out;
    }

    /** Every account of the given customers. */
    public List<Holding> holdingsOf(Collection<String> numbers) {
        List<Holding> out = new ArrayList<>();
        if (numbers.isEmpty()) {
            return out;
        }
        query("SELECT " + HOLDING_COLUMNS + " FROM account_holding WHERE customer_number = ANY(?)",
                rs -> out.add(holding(rs)), (Object) numbers.toArray(String[]::new));
        return out;
    }

    public Map<String, CustomerEvent.Ebanking> ebankingOf(Collection<String> numbers) {
        Map<String, CustomerEvent.Ebanking> out = new HashMap<>();
        if (numbers.isEmpty()) {
            return out;
        }
        query("SELECT customer_number, mobile_banking, logins_last_30d, transactions_last_30d, as_of "
                        + "FROM ebanking_status WHERE customer_number = ANY(?)",
                rs -> out.put(rs.getString(1), new CustomerEvent.Ebanking(rs.getBoolean(2),
                        (Integer) rs.getObject(3), (Integer) rs.getObject(4), offset(rs.getTimestamp(5)))),
                (Object) numbers.toArray(String[]::new));
        return out;
    }

    /** A current relationship of an organisation to its legal representative. */
    public record Representative(long id, String fromCustomer, String toCustomer, String toIdNumber, String toName) {
    }

    /** The current legal-representative relationships of the given customers. */
    public Map<String, List<Representative>> currentRepresentatives(Collection<String> numbers) {
        Map<String, List<Representative>> out = new HashMap<>();
        if (numbers.isEmpty()) {
            return out;
        }
        query("""
                SELECT id, from_customer, to_customer, to_id_number, to_name FROM relationship
                WHERE from_customer = ANY(?) AND type = 'LEGAL_REPRESENTATIVE' AND ended_at IS NULL ORDER BY id""",
                rs -> out.computeIfAbsent(rs.getString(2), n -> new ArrayList<>()).add(new Representative(
                        rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5))),
                (Object) numbers.toArray(String[]::new));
        return out;
    }

    /** The blocking keys the given customers are indexed under now, with whether they are marked verified. */
    public Map<String, Map<String, Boolean>> blockingKeysOf(Collection<String> numbers) {
        Map<String, Map<String, Boolean>> out = new HashMap<>();
        if (numbers.isEmpty()) {
            return out;
        }
        query("SELECT customer_number, key, verified FROM blocking_key WHERE customer_number = ANY(?)",
                rs -> out.computeIfAbsent(rs.getString(1), n -> new HashMap<>()).put(rs.getString(2), rs.getBoolean(3)),
                (Object) numbers.toArray(String[]::new));
        return out;
    }

    /** Which of the given ids (type, number) relationships are waiting for. */
    public List<String> pendingRelationshipIds(Collection<String[]> typeAndNumber) {
        List<String> out = new ArrayList<>();
        if (typeAndNumber.isEmpty()) {
            return out;
        }
        query("""
                SELECT DISTINCT r.to_id_type, r.to_id_number FROM unnest(?, ?) AS i(t, n)
                JOIN relationship r ON r.to_id_type = i.t AND r.to_id_number = i.n AND r.to_customer IS NULL""",
                rs -> out.add(rs.getString(1) + ":" + rs.getString(2)),
                typeAndNumber.stream().map(a -> a[0]).toArray(String[]::new),
                typeAndNumber.stream().map(a -> a[1]).toArray(String[]::new));
        return out;
    }

    /** {@code n} values of a sequence in one round trip. */
    public long[] nextValues(String sequence, int n) {
        long[] out = new long[n];
        if (n == 0) {
            return out;
        }
        int[] i = {0};
        query("SELECT nextval('" + sequence + "') FROM generate_series(1, ?)", rs -> out[i[0]++] = rs.getLong(1), n);
        return out;
    }

    /** Runs a statement once per row of parameters, as one JDBC batch. */
    public void batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                for (int p = 0; p < row.length; p++) {
                    ps.setObject(p + 1, jdbc(row[p]));
                }
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Bulk statement failed: " + e.getMessage(), e);
        }
    }

    /**
     * Appends rows with {@code COPY … FROM STDIN} (text format). Values are written with their {@code toString()}
     * (timestamps in ISO form); null is {@code \N}.
     */
    public void copy(String table, String columns, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder(rows.size() * 256);
        for (Object[] row : rows) {
            for (int p = 0; p < row.length; p++) {
                if (p > 0) {
                    text.append('\t');
                }
                appendCopyValue(text, row[p]);
            }
            text.append('\n');
        }
        try (Connection c = dataSource.getConnection()) {
            c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + table + " (" + columns + ") FROM STDIN", new StringReader(text.toString()));
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into " + table + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void appendCopyValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        String s = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        int first = 0;
        while (first < s.length() && s.charAt(first) != '\\' && s.charAt(first) != '\t' && s.charAt(first) != '\n'
                && s.charAt(first) != '\r') {
            first++;
        }
        out.append(s, 0, first); // most values need no escaping
        for (int i = first; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }

    public static String accountKey(String source, String accountId) {
        return source + "\u0000" + accountId;
    }

    @FunctionalInterface
    private interface Rows {
        void accept(ResultSet rs) throws SQLException;
    }

    private void run(String sql) {
        query(sql, rs -> { });
    }

    private void query(String sql, Rows rows, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int p = 0; p < parameters.length; p++) {
                Object v = parameters[p];
                if (v instanceof String[] a) {
                    ps.setArray(p + 1, c.createArrayOf("varchar", a));
                } else if (v instanceof Integer[] a) {
                    ps.setArray(p + 1, c.createArrayOf("integer", a));
                } else if (v instanceof Boolean[] a) {
                    ps.setArray(p + 1, c.createArrayOf("boolean", a));
                } else {
                    ps.setObject(p + 1, v);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.accept(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Bulk query failed: " + e.getMessage(), e);
        }
    }

    private static Object jdbc(Object v) {
        if (v instanceof LocalDate d) {
            return Date.valueOf(d);
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        return v;
    }

    private static PartyAttributes attributes(ResultSet rs, int first) throws SQLException {
        String type = rs.getString(first);
        Date birth = rs.getDate(first + 4);
        return new PartyAttributes(type == null ? null : PartyType.valueOf(type), rs.getString(first + 1),
                rs.getString(first + 2), rs.getString(first + 3), birth == null ? null : birth.toLocalDate(),
                rs.getString(first + 5), rs.getString(first + 6), rs.getString(first + 7), rs.getString(first + 8),
                rs.getString(first + 9));
    }

    private static Holding holding(ResultSet rs) throws SQLException {
        Date open = rs.getDate(9);
        return new Holding(rs.getString(1), rs.getString(2), new CustomerEvent.Holding(rs.getString(3),
                rs.getString(4), ProductType.valueOf(rs.getString(5)), rs.getString(6), rs.getBigDecimal(7),
                rs.getString(8), open == null ? null : open.toLocalDate(), rs.getBigDecimal(10),
                (Integer) rs.getObject(11), (Integer) rs.getObject(12), rs.getBigDecimal(13),
                offset(rs.getTimestamp(14))));
    }

    private static OffsetDateTime offset(Timestamp t) {
        return t == null ? null : t.toInstant().atOffset(ZoneOffset.UTC);
    }
}
