package org.ecifhub.gateway.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import org.ecifhub.gateway.domain.ViewSection;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The unified view's store (tables {@code view_customer} and {@code view_section}): each customer's view sections as
 * the services last answered them, valid while the customer's generation is the one they were read at. Events move
 * the generation on and make the customer due for a refresh ({@link #changed}); the background refresh takes due
 * customers up ({@link #claimDue}) and stores what it read at the generation it took them up at ({@link #write}).
 * A write at an older generation than the stored one changes nothing, and one at a generation the customer has
 * since left is kept but never answered. While an event about a customer settles (its refresh is due later) the
 * services may not have applied it: {@link Snapshot#settling()} says so, for the sections they derive from it.
 */
@ApplicationScoped
public class ViewStore {

    /** The services' answer for one section: its HTTP status and, for a 2xx, its JSON body. */
    public record Stored(int status, byte[] json) {
    }

    /**
     * What the store holds for one customer now: its generation and the sections valid at it; whether an event
     * about it is still settling (the services may not have applied it yet), and whether the events are being
     * followed at all (a gateway applied a poll within the silence allowed).
     */
    public record Snapshot(String customerNumber, long generation, Map<ViewSection, Stored> sections,
                           boolean settling, boolean following) {
    }

    /** A customer the background refresh took up, at the generation its answers are to be stored with. */
    public record Claimed(String customerNumber, long generation) {
    }

    private static final ViewSection[] SECTIONS = ViewSection.values();

    private final DataSource dataSource;

    public ViewStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The customer's generation (0 when no event has named it yet) and its sections valid at that generation;
     * {@code silence}: how long ago a gateway must last have applied a poll of the topics for the store to count as
     * followed.
     */
    public Snapshot read(String customerNumber, Duration silence) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT g.generation, g.refresh_due > now(),
                            COALESCE((SELECT followed_at > now() - make_interval(secs => ?) FROM view_feed), false),
                            s.section, s.status, s.body
                     FROM (SELECT COALESCE(MAX(generation), 0) AS generation, MAX(refresh_due) AS refresh_due
                           FROM view_customer WHERE customer_number = ?) g
                     LEFT JOIN view_section s ON s.customer_number = ? AND s.generation = g.generation""")) {
            ps.setQueryTimeout(2);
            ps.setDouble(1, silence.toMillis() / 1000.0);
            ps.setString(2, customerNumber);
            ps.setString(3, customerNumber);
            long generation = 0;
            boolean settling = false;
            boolean following = false;
            Map<ViewSection, Stored> sections = new EnumMap<>(ViewSection.class);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    generation = rs.getLong(1);
                    settling = rs.getBoolean(2);
                    following = rs.getBoolean(3);
                    String section = rs.getString(4);
                    if (section != null) {
                        sections.put(ViewSection.valueOf(section), new Stored(rs.getInt(5), rs.getBytes(6)));
                    }
                }
            }
            return new Snapshot(customerNumber, generation, sections, settling, following);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the view store failed", e);
        }
    }

    /**
     * Stores answers read at {@code generation}, replacing those read at the same or an older one; with
     * {@code dropOthers} the customer's other sections go (a refresh that found the number retired or unknown).
     */
    public void write(String customerNumber, long generation, Map<ViewSection, Stored> answers, boolean dropOthers) {
        List<ViewSection> sections = new ArrayList<>();
        for (ViewSection s : SECTIONS) {
            if (answers.containsKey(s)) {
                sections.add(s);
            }
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (dropOthers) {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM view_section WHERE customer_number = ? "
                            + "AND NOT (section = ANY (?)) AND generation <= ?")) {
                        ps.setString(1, customerNumber);
                        ps.setArray(2, c.createArrayOf("varchar", sections.stream().map(Enum::name).toArray()));
                        ps.setLong(3, generation);
                        ps.executeUpdate();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO view_section AS v (customer_number, section, generation, status, body, read_at)
                        VALUES (?, ?, ?, ?, ?, now())
                        ON CONFLICT (customer_number, section) DO UPDATE SET generation = EXCLUDED.generation,
                            status = EXCLUDED.status, body = EXCLUDED.body, read_at = EXCLUDED.read_at
                        WHERE v.generation <= EXCLUDED.generation""")) {
                    for (ViewSection s : sections) {
                        ps.setString(1, customerNumber);
                        ps.setString(2, s.name());
                        ps.setLong(3, generation);
                        ps.setShort(4, (short) answers.get(s).status());
                        ps.setBytes(5, answers.get(s).json());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Writing the view store failed", e);
        }
    }

    /**
     * Events named these customers: what the store holds for them is no longer answered, and each is due for a
     * refresh, the {@code settling} ones not before {@code settle} from now (the services derive those sections
     * from the same events and may not have applied them yet). A refresh already due later stays as late.
     */
    public void changed(Collection<String> customers, Collection<String> settling, Duration settle) {
        if (customers.isEmpty()) {
            return;
        }
        // One order for every batch, so that two gateways applying overlapping batches never deadlock.
        List<String> numbers = new ArrayList<>(new TreeSet<>(customers));
        List<Boolean> settles = new ArrayList<>(numbers.size());
        for (String n : numbers) {
            settles.add(settling.contains(n));
        }
        // Times are the database's, as are those claimDue compares them with.
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO view_customer AS v (customer_number, generation, refresh_due)
                     SELECT n, 1, CASE WHEN settles THEN now() + make_interval(secs => ?) ELSE now() END
                     FROM unnest(?::varchar[], ?::boolean[]) AS a(n, settles)
                     ON CONFLICT (customer_number) DO UPDATE SET generation = v.generation + 1,
                         refresh_due = GREATEST(COALESCE(v.refresh_due, EXCLUDED.refresh_due), EXCLUDED.refresh_due)""")) {
            ps.setDouble(1, settle.toMillis() / 1000.0);
            ps.setArray(2, c.createArrayOf("varchar", numbers.toArray()));
            ps.setArray(3, c.createArrayOf("boolean", settles.toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Recording changed customers in the view store failed", e);
        }
    }

    /**
     * Takes up to {@code limit} customers whose refresh is due, oldest due first: their refresh is no longer
     * pending; what is read for them is to be stored at the generation returned (an event meanwhile moves it on,
     * and makes them due again). Customers another gateway is taking up are skipped.
     */
    public List<Claimed> claimDue(int limit) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     UPDATE view_customer v SET refresh_due = NULL
                     FROM (SELECT customer_number FROM view_customer WHERE refresh_due <= now()
                           ORDER BY refresh_due LIMIT ? FOR UPDATE SKIP LOCKED) d
                     WHERE v.customer_number = d.customer_number
                     RETURNING v.customer_number, v.generation""")) {
            ps.setInt(1, limit);
            List<Claimed> claimed = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new Claimed(rs.getString(1), rs.getLong(2)));
                }
            }
            return claimed;
        } catch (SQLException e) {
            throw new IllegalStateException("Claiming view refreshes failed", e);
        }
    }

    /**
     * The safety net for changes no event announces: customers holding an answer read more than {@code maxAge} ago
     * (up to {@code limit} answers, oldest first) become due for a refresh now. Returns how many became due.
     */
    public int markAged(Duration maxAge, int limit) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO view_customer AS v (customer_number, refresh_due)
                     SELECT DISTINCT customer_number, now() FROM
                         (SELECT customer_number FROM view_section WHERE read_at < now() - make_interval(secs => ?)
                          ORDER BY read_at LIMIT ?) s
                     ORDER BY customer_number
                     ON CONFLICT (customer_number) DO UPDATE SET refresh_due = now()
                     WHERE v.refresh_due IS NULL""")) {
            ps.setDouble(1, maxAge.toMillis() / 1000.0);
            ps.setInt(2, limit);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Marking aged view answers failed", e);
        }
    }

    /** A gateway applied a poll of the topics now (the store is being kept honest). */
    public void followed() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO view_feed (id, followed_at) VALUES (1, now())
                     ON CONFLICT (id) DO UPDATE SET followed_at = now()""")) {
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Recording that the view store follows the events failed", e);
        }
    }

    /** Customers whose refresh is pending (due now or later). */
    public long pending() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT count(*) FROM view_customer WHERE refresh_due IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Counting pending view refreshes failed", e);
        }
    }

    /** Customers the store knows (PostgreSQL's estimate: counting them exactly reads the table). */
    public long customersEstimate() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT GREATEST(reltuples, 0)::bigint FROM pg_class WHERE oid = 'view_customer'::regclass");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException("Estimating the view store's size failed", e);
        }
    }

    /** A refresh that could not read everything: the customer is due again after {@code delay}. */
    public void retryLater(String customerNumber, Duration delay) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO view_customer AS v (customer_number, refresh_due)
                     VALUES (?, now() + make_interval(secs => ?))
                     ON CONFLICT (customer_number) DO UPDATE SET refresh_due = COALESCE(v.refresh_due, EXCLUDED.refresh_due)""")) {
            ps.setString(1, customerNumber);
            ps.setDouble(2, delay.toMillis() / 1000.0);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Scheduling a view refresh failed", e);
        }
    }
}
