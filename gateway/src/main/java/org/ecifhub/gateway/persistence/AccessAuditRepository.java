package org.ecifhub.gateway.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import org.ecifhub.gateway.domain.Caller;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The audit log of unmasked reads, in the gateway's own schema. */
@ApplicationScoped
public class AccessAuditRepository {

    /** One audited read. */
    public record Entry(long id, OffsetDateTime occurredAt, String actor, String actorRoles, String actorBranch,
                        String actorStaff, String customerNumber, String reason, String method, String path) {
    }

    /** What an auditor asks for; null fields match anything. */
    public record Query(String actor, String customerNumber, OffsetDateTime from, OffsetDateTime to, int limit) {
    }

    private final DataSource dataSource;

    public AccessAuditRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records one row per customer disclosed (one row with no customer when none could be named). */
    public void record(Caller caller, Collection<String> customers, String reason, String method, String path) {
        String roles = caller.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        List<String> whom = customers.isEmpty() ? java.util.Collections.singletonList(null)
                : new ArrayList<>(new TreeSet<>(customers));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO access_audit (actor, actor_roles, actor_branch, "
                     + "actor_staff, customer_number, reason, method, path) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (String customer : whom) {
                ps.setString(1, caller.subject());
                ps.setString(2, roles);
                ps.setString(3, caller.branch());
                ps.setString(4, caller.staff());
                ps.setString(5, customer);
                ps.setString(6, truncate(reason, 500));
                ps.setString(7, method);
                ps.setString(8, truncate(path, 1000));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write the access audit", e);
        }
    }

    public List<Entry> find(Query q) {
        StringBuilder sql = new StringBuilder("SELECT id, occurred_at, actor, actor_roles, actor_branch, actor_staff, "
                + "customer_number, reason, method, path FROM access_audit WHERE true");
        List<Object> args = new ArrayList<>();
        if (q.actor() != null) {
            sql.append(" AND actor = ?");
            args.add(q.actor());
        }
        if (q.customerNumber() != null) {
            sql.append(" AND customer_number = ?");
            args.add(q.customerNumber());
        }
        if (q.from() != null) {
            sql.append(" AND occurred_at >= ?");
            args.add(Timestamp.from(q.from().toInstant()));
        }
        if (q.to() != null) {
            sql.append(" AND occurred_at < ?");
            args.add(Timestamp.from(q.to().toInstant()));
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(q.limit());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant().atOffset(ZoneOffset.UTC),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getString(8), rs.getString(9), rs.getString(10)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the access audit", e);
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
