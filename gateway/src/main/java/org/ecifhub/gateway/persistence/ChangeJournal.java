package org.ecifhub.gateway.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.ecifhub.gateway.domain.ChangeEvent;
import org.ecifhub.gateway.domain.ChangeFilter;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The change stream's journal: each event once (redeliveries are ignored on the event id), numbered in arrival
 * order, and the latest branch and tier known per customer.
 */
@ApplicationScoped
public class ChangeJournal {

    /** An event as received, before the journal numbers it; branch and tier as the event itself tells them. */
    public record Incoming(String eventId, String topic, String eventType, String customerNumber, String branch,
                           String tier, OffsetDateTime occurredAt, String envelopeJson, long version,
                           JsonNode data) {
    }

    private static final Logger LOG = Logger.getLogger(ChangeJournal.class);

    private final DataSource dataSource;
    private final CustomerListStore list;

    public ChangeJournal(DataSource dataSource, CustomerListStore list) {
        this.dataSource = dataSource;
        this.list = list;
    }

    /**
     * Journals a batch in one transaction, and keeps the list-query read model current; events already journalled
     * are skipped.
     */
    public void append(List<Incoming> events) {
        if (events.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement facts = c.prepareStatement("INSERT INTO customer_facts (customer_number, "
                    + "branch_code, tier) VALUES (?, ?, ?) ON CONFLICT (customer_number) DO UPDATE SET "
                    + "branch_code = COALESCE(EXCLUDED.branch_code, customer_facts.branch_code), "
                    + "tier = COALESCE(EXCLUDED.tier, customer_facts.tier), updated_at = now() "
                    + "RETURNING branch_code, tier");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO change_event (event_id, topic, "
                         + "event_type, customer_number, branch_code, tier, occurred_at, envelope) "
                         + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING")) {
                for (Incoming e : events) {
                    String branch = e.branch();
                    String tier = e.tier();
                    if (e.customerNumber() != null) {
                        facts.setString(1, e.customerNumber());
                        facts.setString(2, e.branch());
                        facts.setString(3, e.tier());
                        try (ResultSet rs = facts.executeQuery()) {
                            if (rs.next()) {
                                branch = rs.getString(1);
                                tier = rs.getString(2);
                            }
                        }
                    }
                    insert.setString(1, e.eventId());
                    insert.setString(2, e.topic());
                    insert.setString(3, e.eventType());
                    insert.setString(4, e.customerNumber());
                    insert.setString(5, branch);
                    insert.setString(6, tier);
                    insert.setTimestamp(7, e.occurredAt() == null ? null : Timestamp.from(e.occurredAt().toInstant()));
                    insert.setString(8, e.envelopeJson());
                    if (insert.executeUpdate() == 1) {
                        // First delivery of this event: the list read model learns from it in the same transaction.
                        // An event it cannot apply must not hold up the journal (nor be retried forever), so it is
                        // undone alone and logged.
                        Savepoint before = c.setSavepoint();
                        try {
                            list.apply(c, e);
                        } catch (SQLException | RuntimeException failure) {
                            c.rollback(before);
                            LOG.warnf("List read model skipped event %s (%s): %s", e.eventId(), e.eventType(),
                                    failure.getMessage());
                        }
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not journal change events", e);
        }
    }

    /** The latest journal position: a client that gives no Last-Event-ID starts after it. */
    public long head() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM change_event");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the change journal", e);
        }
    }

    /** Events after {@code afterSequence} that match the filter, oldest first, at most {@code limit}. */
    public List<ChangeEvent> after(long afterSequence, ChangeFilter filter, int limit) {
        StringBuilder sql = new StringBuilder("SELECT seq, event_id, topic, event_type, customer_number, branch_code, "
                + "tier, occurred_at, envelope FROM change_event WHERE seq > ?");
        List<Object> args = new ArrayList<>();
        args.add(afterSequence);
        if (!filter.types().isEmpty()) {
            sql.append(" AND event_type = ANY (?)");
            args.add(filter.types().toArray(new String[0]));
        }
        if (filter.branch() != null) {
            sql.append(" AND branch_code = ?");
            args.add(filter.branch());
        }
        if (filter.tier() != null) {
            sql.append(" AND tier = ?");
            args.add(filter.tier());
        }
        if (filter.owner() != null) {
            // Owned now (the list read model's owners), so a customer manager's stream follows their portfolio.
            sql.append(" AND EXISTS (SELECT 1 FROM customer_owner o WHERE o.customer_number = change_event.customer_number"
                    + " AND o.owner_type = 'STAFF' AND o.owner_id = ?)");
            args.add(filter.owner());
        }
        sql.append(" ORDER BY seq LIMIT ?");
        args.add(limit);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                Object a = args.get(i);
                if (a instanceof String[] arr) {
                    ps.setArray(i + 1, c.createArrayOf("varchar", arr));
                } else {
                    ps.setObject(i + 1, a);
                }
            }
            List<ChangeEvent> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp occurred = rs.getTimestamp(8);
                    out.add(new ChangeEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7),
                            occurred == null ? null : occurred.toInstant().atOffset(ZoneOffset.UTC), rs.getString(9)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the change journal", e);
        }
    }

    /** Forgets events received before {@code before}; returns how many. */
    public int prune(Instant before) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM change_event WHERE received_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(before));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prune the change journal", e);
        }
    }
}
