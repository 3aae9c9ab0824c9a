package org.ecifhub.support.bench;

import org.ecifhub.support.hub.HubServices;
import org.ecifhub.support.infra.PostgresServer;
import org.ecifhub.support.testing.KafkaTestClient;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What relaying the outbox costs by itself: customer-master's Debezium embedded engine reading outbox rows from the
 * WAL and producing them to Kafka, with nothing else running. The rows are written while customer-master is stopped
 * (its replication slot keeps them), then customer-master starts and relays the backlog; the rate and the CPU of
 * customer-master (the relay), PostgreSQL (WAL decoding for the slot) and the broker are measured from the moment it
 * is ready. Events look like the hub's own: CustomerCreated and HoldingsChanged envelopes of about 650 bytes.
 *
 * <p>{@code RelayBenchmark PROJECT_ROOT WORK_DIR EVENTS HEAP} (customer-master must be packaged).
 */
public final class RelayBenchmark {

    private static final String TOPIC = "ecif.customer.v1";
    private static final int ROWS_PER_TRANSACTION = 2000;

    private RelayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        long events = Long.parseLong(args[2]);
        String heap = args.length > 3 ? args[3] : "1g";
        PrintStream out = System.out;
        BenchHub.clean(work);

        try (BenchHub hub = new BenchHub(root, work, heap)) {
            // Started once, customer-master made its replication slot; stopped, the slot keeps what is written.
            hub.customerMaster.stop(Duration.ofSeconds(30));
            Instant insertStart = Instant.now();
            insertOutboxRows(hub.postgres, events);
            double insertSeconds = Duration.between(insertStart, Instant.now()).toMillis() / 1000.0;
            out.printf(Locale.ROOT, "outbox: %d events written in transactions of %d while customer-master was "
                    + "stopped, in %.1f s%n", events, ROWS_PER_TRANSACTION, insertSeconds);

            hub.services.start(HubServices.CUSTOMER_MASTER);
            KafkaTestClient kafka = new KafkaTestClient(hub.kafkaBootstrap);
            CpuMeter cpu = new CpuMeter(hub, List.of(HubServices.CUSTOMER_MASTER));
            long already = kafka.awaitRecordCount(TOPIC, 0, Duration.ZERO);
            cpu.start();
            Instant start = Instant.now();
            long relayed = kafka.awaitRecordCount(TOPIC, events, Duration.ofMinutes(30));
            if (relayed < events) {
                throw new IllegalStateException("only " + relayed + " of " + events + " events reached Kafka");
            }
            double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            long measured = events - already;
            out.printf(Locale.ROOT, "relay: %d events (%d more were relayed before customer-master reported ready, "
                    + "not counted) in %.1f s: %.0f events/s%n", measured, already, seconds, measured / seconds);
            out.printf(Locale.ROOT, "%s (customer-master is the relay alone; postgres is WAL decoding for the slot)%n",
                    cpu.per(measured, "event"));
        }
    }

    private static void insertOutboxRows(PostgresServer postgres, long events) throws Exception {
        // A CustomerCreated and a HoldingsChanged envelope, as customer-master writes them, on numbers of their own.
        String sql = """
                INSERT INTO customer_master.outbox_event (id, aggregatetype, aggregateid, type, payload)
                SELECT gen_random_uuid(), ?, n::text, t, jsonb_build_object(
                         'eventId', gen_random_uuid(), 'subject', n::text, 'version', 1, 'eventType', t,
                         'occurredAt', now(), 'data', CASE WHEN t = 'CustomerCreated' THEN jsonb_build_object(
                           'customerNumber', n::text,
                           'source', jsonb_build_object('asOf', '2026-11-21T15:00:00Z', 'source', 'DEPOSIT',
                                                        'sourceCustomerId', 'CB' || n),
                           'attributes', jsonb_build_object('name', '李兵东', 'type', 'PERSON',
                             'phone', '199409' || lpad((n % 100000)::text, 5, '0'), 'gender', 'M',
                             'idType', 'RESIDENT_ID', 'idNumber', '43138119611121809X',
                             'address', '冷水江市禾青镇花岭村9组23号', 'birthDate', '1961-11-21',
                             'branchCode', 'LSJ002', 'occupation', '退休人员'))
                         ELSE jsonb_build_object('customerNumber', n::text, 'accounts', jsonb_build_array(
                           jsonb_build_object('asOf', '2026-11-21T15:00:00Z', 'source', 'DEPOSIT', 'status', 'ACTIVE',
                             'balance', 8051.75, 'currency', 'CNY', 'openDate', '1995-09-13',
                             'accountId', 'A' || n, 'feeIncome', 24.0, 'productType', 'DEMAND_DEPOSIT'),
                           jsonb_build_object('asOf', '2026-11-21T15:00:00Z', 'source', 'DEPOSIT', 'status', 'ACTIVE',
                             'balance', 5926.41, 'currency', 'CNY', 'openDate', '2025-08-04',
                             'accountId', 'B' || n, 'termMonths', 24, 'productType', 'TIME_DEPOSIT')))
                         END)
                FROM generate_series(?::bigint, ?::bigint) AS g(i),
                     LATERAL (SELECT 8000000000 + g.i / 2 AS n,
                                     CASE WHEN g.i % 2 = 0 THEN 'CustomerCreated' ELSE 'HoldingsChanged' END AS t) e""";
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USER,
                PostgresServer.PASSWORD); PreparedStatement ps = c.prepareStatement(sql)) {
            for (long from = 0; from < events; from += ROWS_PER_TRANSACTION) {
                ps.setString(1, TOPIC);
                ps.setLong(2, from);
                ps.setLong(3, Math.min(events, from + ROWS_PER_TRANSACTION) - 1);
                ps.executeUpdate();
            }
        }
    }
}
