package org.ecifhub.gateway.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.ecifhub.gateway.domain.ListCriteria;
import org.ecifhub.gateway.domain.ProductCategory;
import org.ecifhub.gateway.domain.QualityFlags;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The list-query read model ({@code customer_list}, {@code customer_owner}): kept current from the events the
 * change journal receives, in the journal's transaction, and read with one SQL statement per query. Each part of a
 * row (attributes, holdings, tier, each owner role) remembers the event version it was set from, so a repeated or
 * late event changes nothing.
 */
@ApplicationScoped
public class CustomerListStore {

    /** One customer of a list, personal data unmasked (the caller masks). */
    public record Listed(String customerNumber, String partyType, String name, String idType, String idNumber,
                         String phone, String address, String branchCode, String tier, BigDecimal score,
                         BigDecimal depositBalance, BigDecimal loanBalance, BigDecimal wealthBalance,
                         List<String> products, List<String> owners, List<String> qualityFlags) {
    }

    /** Receives the rows of a streamed list one at a time. */
    @FunctionalInterface
    public interface RowSink {
        void accept(Listed row) throws Exception;
    }

    private static final String COLUMNS = "c.customer_number, c.party_type, c.name, c.id_type, c.id_number, c.phone, "
            + "c.address, c.branch_code, c.tier, c.score, c.deposit_balance, c.loan_balance, c.wealth_balance, "
            + "c.products, (SELECT array_agg(o.role || ':' || o.owner_id ORDER BY o.role) FROM customer_owner o "
            + "WHERE o.customer_number = c.customer_number AND o.owner_id IS NOT NULL) AS owners, c.quality_flags";

    /** How many rows a streamed list fetches from PostgreSQL at a time: memory stays flat whatever the list. */
    static final int FETCH_SIZE = 1000;

    private final DataSource dataSource;

    public CustomerListStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    // ---------------------------------------------------------------- keeping it current

    /** Applies one newly journalled event within the journal's transaction. */
    void apply(Connection c, ChangeJournal.Incoming e) throws SQLException {
        if (e.customerNumber() == null || e.data() == null) {
            return;
        }
        JsonNode data = e.data();
        switch (e.eventType()) {
            case "CustomerCreated", "CustomerUpdated" -> attributes(c, e.customerNumber(), e.version(),
                    data.path("attributes"));
            case "HoldingsChanged" -> holdings(c, e.customerNumber(), e.version(), data);
            case "CustomersMerged" -> {
                String retired = text(data, "retired");
                if (retired != null && retired.equals(text(data, "customerNumber"))) {
                    retire(c, retired, text(data, "survivor"));
                }
            }
            case "TierChanged" -> tier(c, e.customerNumber(), e.version(), data);
            case "OwnershipChanged" -> owner(c, e.customerNumber(), e.version(), text(data, "role"),
                    text(data.path("to"), "ownerType"), text(data.path("to"), "ownerId"));
            case "OwnershipEnded" -> owner(c, e.customerNumber(), e.version(), text(data, "role"), null, null);
            default -> {
                // Relationships, splits (the new number comes with its own CustomerCreated), alerts: no list field.
            }
        }
    }

    private static void attributes(Connection c, String n, long version, JsonNode a) throws SQLException {
        String type = text(a, "type");
        String idNumber = text(a, "idNumber");
        String phone = text(a, "phone");
        String address = text(a, "address");
        String birth = text(a, "birthDate");
        String gender = text(a, "gender");
        List<String> flags = QualityFlags.of(!"ORGANIZATION".equals(type), idNumber, phone, address, birth, gender);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO customer_list AS l (customer_number, party_type, name, id_type, id_number, phone, address,
                    birth_date, gender, branch_code, quality_flags, attributes_version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (customer_number) DO UPDATE SET party_type = EXCLUDED.party_type, name = EXCLUDED.name,
                    id_type = EXCLUDED.id_type, id_number = EXCLUDED.id_number, phone = EXCLUDED.phone,
                    address = EXCLUDED.address, birth_date = EXCLUDED.birth_date, gender = EXCLUDED.gender,
                    branch_code = EXCLUDED.branch_code, quality_flags = EXCLUDED.quality_flags,
                    attributes_version = EXCLUDED.attributes_version, updated_at = now()
                WHERE l.attributes_version < EXCLUDED.attributes_version""")) {
            ps.setString(1, n);
            ps.setString(2, type);
            ps.setString(3, text(a, "name"));
            ps.setString(4, text(a, "idType"));
            ps.setString(5, idNumber);
            ps.setString(6, phone);
            ps.setString(7, address);
            ps.setDate(8, birth == null ? null : Date.valueOf(LocalDate.parse(birth)));
            ps.setString(9, gender);
            ps.setString(10, text(a, "branchCode"));
            ps.setArray(11, c.createArrayOf("varchar", flags.toArray()));
            ps.setLong(12, version);
            ps.executeUpdate();
        }
    }

    private static void holdings(Connection c, String n, long version, JsonNode data) throws SQLException {
        BigDecimal deposit = BigDecimal.ZERO;
        BigDecimal loan = BigDecimal.ZERO;
        BigDecimal wealth = BigDecimal.ZERO;
        TreeSet<String> products = new TreeSet<>();
        for (JsonNode account : data.path("accounts")) {
            if ("CLOSED".equalsIgnoreCase(text(account, "status"))) {
                continue;
            }
            String type = text(account, "productType");
            if (type == null) {
                continue;
            }
            BigDecimal balance = account.path("balance").isNumber() ? account.path("balance").decimalValue()
                    : BigDecimal.ZERO;
            products.add(type);
            if (ProductCategory.isDeposit(type)) {
                products.add(ProductCategory.DEPOSIT.name());
                deposit = deposit.add(balance);
            } else if (ProductCategory.LOAN.name().equals(type)) {
                loan = loan.add(balance);
            } else if (ProductCategory.WEALTH.name().equals(type)) {
                wealth = wealth.add(balance);
            }
        }
        JsonNode ebanking = data.path("ebanking");
        if (ebanking.isObject()) {
            products.add(ProductCategory.EBANKING.name());
            if (ebanking.path("mobileBanking").asBoolean(false)) {
                products.add(ProductCategory.MOBILE_BANKING.name());
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO customer_list AS l (customer_number, branch_code, deposit_balance, loan_balance,
                    wealth_balance, products, holdings_version)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (customer_number) DO UPDATE SET deposit_balance = EXCLUDED.deposit_balance,
                    loan_balance = EXCLUDED.loan_balance, wealth_balance = EXCLUDED.wealth_balance,
                    products = EXCLUDED.products, holdings_version = EXCLUDED.holdings_version,
                    branch_code = CASE WHEN EXCLUDED.holdings_version > l.attributes_version
                        THEN COALESCE(EXCLUDED.branch_code, l.branch_code) ELSE l.branch_code END,
                    updated_at = now()
                WHERE l.holdings_version < EXCLUDED.holdings_version""")) {
            ps.setString(1, n);
            ps.setString(2, text(data, "branchCode"));
            ps.setBigDecimal(3, deposit);
            ps.setBigDecimal(4, loan);
            ps.setBigDecimal(5, wealth);
            ps.setArray(6, c.createArrayOf("varchar", products.toArray()));
            ps.setLong(7, version);
            ps.executeUpdate();
        }
    }

    private static void retire(Connection c, String retired, String survivor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO customer_list AS l (customer_number, retired_into) VALUES (?, ?)
                ON CONFLICT (customer_number) DO UPDATE SET retired_into = EXCLUDED.retired_into, updated_at = now()""")) {
            ps.setString(1, retired);
            ps.setString(2, survivor);
            ps.executeUpdate();
        }
    }

    private static void tier(Connection c, String n, long version, JsonNode data) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO customer_list AS l (customer_number, tier, score, branch_code, tier_version)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (customer_number) DO UPDATE SET tier = EXCLUDED.tier, score = EXCLUDED.score,
                    branch_code = COALESCE(l.branch_code, EXCLUDED.branch_code),
                    tier_version = EXCLUDED.tier_version, updated_at = now()
                WHERE l.tier_version < EXCLUDED.tier_version""")) {
            ps.setString(1, n);
            ps.setString(2, text(data, "to"));
            ps.setBigDecimal(3, data.path("score").isNumber() ? data.path("score").decimalValue() : null);
            ps.setString(4, text(data, "branchCode"));
            ps.setLong(5, version);
            ps.executeUpdate();
        }
    }

    private static void owner(Connection c, String n, long version, String role, String ownerType, String ownerId)
            throws SQLException {
        if (role == null) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO customer_owner AS o (customer_number, role, owner_type, owner_id, version)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (customer_number, role) DO UPDATE SET owner_type = EXCLUDED.owner_type,
                    owner_id = EXCLUDED.owner_id, version = EXCLUDED.version
                WHERE o.version < EXCLUDED.version""")) {
            ps.setString(1, n);
            ps.setString(2, role);
            ps.setString(3, ownerType);
            ps.setString(4, ownerId);
            ps.setLong(5, version);
            ps.executeUpdate();
        }
    }

    // ---------------------------------------------------------------- reading

    /** A page of the list and how many customers match in all. */
    public record Page(List<Listed> items, long total) {
    }

    public Page page(ListCriteria criteria) {
        return page(where(criteria), orderBy(criteria.sort()), criteria.page(), criteria.size());
    }

    /** One page of the rows {@code where} selects, in the given order, and how many it selects in all. */
    private Page page(Sql where, String orderBy, int page, int size) {
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM customer_list c" + where.text)) {
                where.bind(c, ps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Listed> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM customer_list c" + where.text
                    + orderBy + " LIMIT ? OFFSET ?")) {
                int next = where.bind(c, ps);
                ps.setInt(next, size);
                ps.setLong(next + 1, (long) page * size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(row(rs));
                    }
                }
            }
            return new Page(items, total);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the customer list", e);
        }
    }

    /**
     * Every matching customer in order, read through a server-side cursor ({@link #FETCH_SIZE} rows at a time) so
     * that a list of any length never sits in memory whole.
     */
    public void stream(ListCriteria criteria, RowSink sink) throws Exception {
        Sql where = where(criteria);
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            // The PostgreSQL driver uses a cursor only inside a transaction.
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM customer_list c" + where.text
                    + orderBy(criteria.sort()))) {
                where.bind(c, ps);
                ps.setFetchSize(FETCH_SIZE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(row(rs));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        }
    }

    /**
     * Customer search (the criteria of customer-master's {@code GET /customers}, in their standard form) over the
     * customers {@code ownerStaffId} owns: a customer manager's search. Ordered by customer number.
     */
    public record OwnedSearch(String ownerStaffId, String idNumber, String phone, String name, boolean fuzzyName,
                              String branch, String qualityFlag, int page, int size) {
    }

    public Page search(OwnedSearch q) {
        StringBuilder text = new StringBuilder(" WHERE c.retired_into IS NULL AND c.attributes_version > 0 AND EXISTS "
                + "(SELECT 1 FROM customer_owner o WHERE o.customer_number = c.customer_number "
                + "AND o.owner_type = 'STAFF' AND o.owner_id = ?)");
        List<Object> args = new ArrayList<>(List.of(q.ownerStaffId()));
        if (q.idNumber() != null) {
            text.append(" AND c.id_number = ?");
            args.add(q.idNumber());
        }
        if (q.phone() != null) {
            text.append(" AND c.phone = ?");
            args.add(q.phone());
        }
        if (q.name() != null) {
            text.append(q.fuzzyName() ? " AND strpos(c.name, ?) > 0" : " AND c.name = ?");
            args.add(q.name());
        }
        if (q.branch() != null) {
            text.append(" AND c.branch_code = ?");
            args.add(q.branch());
        }
        if (q.qualityFlag() != null) {
            text.append(" AND ? = ANY (c.quality_flags)");
            args.add(q.qualityFlag());
        }
        return page(new Sql(text.toString(), args), " ORDER BY c.customer_number", q.page(), q.size());
    }

    private static Listed row(ResultSet rs) throws SQLException {
        return new Listed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getBigDecimal(10),
                rs.getBigDecimal(11), rs.getBigDecimal(12), rs.getBigDecimal(13), strings(rs.getArray(14)),
                strings(rs.getArray(15)), strings(rs.getArray(16)));
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        List<String> out = new ArrayList<>(values.length);
        for (Object v : values) {
            out.add(String.valueOf(v));
        }
        return out;
    }

    /** A WHERE clause and its arguments (String[] become varchar arrays). */
    private record Sql(String text, List<Object> args) {
        int bind(Connection c, PreparedStatement ps) throws SQLException {
            int i = 1;
            for (Object a : args) {
                if (a instanceof String[] arr) {
                    ps.setArray(i++, c.createArrayOf("varchar", arr));
                } else {
                    ps.setObject(i++, a);
                }
            }
            return i;
        }
    }

    private static Sql where(ListCriteria q) {
        StringBuilder sql = new StringBuilder(" WHERE c.retired_into IS NULL AND c.attributes_version > 0");
        List<Object> args = new ArrayList<>();
        if (q.branch() != null) {
            sql.append(" AND c.branch_code = ?");
            args.add(q.branch());
        }
        if (!q.tiers().isEmpty()) {
            sql.append(" AND c.tier = ANY (?)");
            args.add(q.tiers().toArray(new String[0]));
        }
        if (q.owner() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM customer_owner o WHERE o.customer_number = c.customer_number "
                    + "AND o.owner_type = 'STAFF' AND o.owner_id = ?)");
            args.add(q.owner());
        }
        if (q.partyType() != null) {
            sql.append(" AND c.party_type = ?");
            args.add(q.partyType());
        }
        if (!q.productsHeld().isEmpty()) {
            sql.append(" AND c.products @> ?");
            args.add(q.productsHeld().toArray(new String[0]));
        }
        if (!q.productsNotHeld().isEmpty()) {
            sql.append(" AND NOT (c.products && ?)");
            args.add(q.productsNotHeld().toArray(new String[0]));
        }
        range(sql, args, "c.deposit_balance", q.depositBalance());
        range(sql, args, "c.loan_balance", q.loanBalance());
        range(sql, args, "c.wealth_balance", q.wealthBalance());
        if (!q.qualityFlags().isEmpty()) {
            sql.append(" AND c.quality_flags @> ?");
            args.add(q.qualityFlags().toArray(new String[0]));
        }
        return new Sql(sql.toString(), args);
    }

    private static void range(StringBuilder sql, List<Object> args, String column, ListCriteria.Range r) {
        if (r == null) {
            return;
        }
        if (r.min() != null) {
            sql.append(" AND ").append(column).append(" >= ?");
            args.add(r.min());
        }
        if (r.max() != null) {
            sql.append(" AND ").append(column).append(" <= ?");
            args.add(r.max());
        }
    }

    private static String orderBy(ListCriteria.Sort sort) {
        String column = switch (sort.key()) {
            case customerNumber -> "c.customer_number";
            case name -> "c.name";
            case branch -> "c.branch_code";
            case tier -> "CASE c.tier WHEN 'PRIVILEGE' THEN 4 WHEN 'EXCELLENT' THEN 3 WHEN 'POTENTIAL' THEN 2 "
                    + "WHEN 'GENERAL' THEN 1 END";
            case score -> "c.score";
            case depositBalance -> "c.deposit_balance";
            case loanBalance -> "c.loan_balance";
            case wealthBalance -> "c.wealth_balance";
        };
        String direction = sort.descending() ? " DESC NULLS LAST" : " ASC NULLS LAST";
        return sort.key() == ListCriteria.SortKey.customerNumber ? " ORDER BY c.customer_number" + direction
                : " ORDER BY " + column + direction + ", c.customer_number";
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }
}
