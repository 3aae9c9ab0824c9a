package org.ecifhub.support.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ecifhub.support.demo.FeedGenerator;
import org.ecifhub.support.demo.FeedSource;
import org.ecifhub.support.hub.HubServices;
import org.ecifhub.support.infra.PostgresServer;
import org.ecifhub.support.testing.KafkaTestClient;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Bulk consolidation throughput: generated deposit, loan and e-banking feeds (one population of parties) imported
 * one after the other through customer-master's bulk import, on a PostgreSQL and a Kafka of their own, with
 * customer-master in its own JVM at the heap given. Measures the rate as the hub fills (the first 100,000 records,
 * each further 100,000, the whole), and the time until the last event is on Kafka.
 *
 * <p>{@code BulkImportBenchmark PROJECT_ROOT WORK_DIR PARTIES HEAP} (customer-master must be packaged).
 */
public final class BulkImportBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BulkImportBenchmark() {
    }

    private record Sample(Instant at, long processed, long heapUsed) {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        int parties = Integer.parseInt(args[2]);
        String heap = args.length > 3 ? args[3] : "1g";
        PrintStream out = System.out;
        BenchHub.clean(work);

        FeedGenerator.Options options = FeedGenerator.Options.defaults().withParties(parties).withSeed(20261122L)
                .withSecondDepositShare(0.10).withLoanShare(0.13).withEbankShare(0.20);
        Instant genStart = Instant.now();
        FeedGenerator.Counts counts = new FeedGenerator(options).writeTo(work.resolve("feeds"));
        out.printf(Locale.ROOT, "data: %s (generated in %ds)%n", counts,
                Duration.between(genStart, Instant.now()).toSeconds());

        try (BenchHub hub = new BenchHub(root, work, heap)) {
            String base = hub.customerMasterUrl;
            PostgresServer postgres = hub.postgres;
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            List<Sample> samples = new ArrayList<>();
            long done = 0;
            CpuMeter cpu = new CpuMeter(hub, List.of(HubServices.CUSTOMER_MASTER));
            cpu.start();
            Instant start = Instant.now();
            samples.add(new Sample(start, 0, heapUsed(http, base)));
            for (String feed : List.of("DEPOSIT", "LOAN", "EBANK")) {
                Path file = work.resolve("feeds").resolve(FeedSource.valueOf(feed).fileName());
                long before = done;
                JsonNode state = FeedImport.run(http, base, null, feed, file, polled -> samples.add(new Sample(
                        Instant.now(), before + polled.path("processed").asLong(), heapUsed(http, base))));
                out.printf(Locale.ROOT, "%s: %d records, %d rejected, %.0f records/s (job's own rate)%n", feed,
                        state.path("processed").asLong(), state.path("rejected").asLong(),
                        state.path("recordsPerSecond").asDouble());
                done += state.path("processed").asLong();
            }
            Instant imported = Instant.now();
            long outbox;
            long golden;
            long xrefs;
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USER,
                    PostgresServer.PASSWORD); Statement s = c.createStatement()) {
                outbox = count(s, "SELECT count(*) FROM customer_master.outbox_event");
                golden = count(s, "SELECT count(*) FROM customer_master.golden_record WHERE status = 'ACTIVE'");
                xrefs = count(s, "SELECT count(*) FROM customer_master.xref");
            }
            Instant lastEvent = awaitEvents(hub.kafkaBootstrap, "ecif.customer.v1", outbox);
            String cpuPerRecord = cpu.per(done, "record");
            String quality = quality(postgres, work.resolve("feeds").resolve(FeedGenerator.TRUTH_FILE));

            double total = Duration.between(start, lastEvent).toMillis() / 1000.0;
            double importSeconds = Duration.between(start, imported).toMillis() / 1000.0;
            out.printf(Locale.ROOT, "records: %d consolidated into %d golden records, %d cross-references, "
                    + "%d events%n", done, golden, xrefs, outbox);
            out.printf(Locale.ROOT, "import: %.1f s, %.0f records/s%n", importSeconds, done / importSeconds);
            out.printf(Locale.ROOT, "until the last event is on Kafka: %.1f s, %.0f records/s%n", total, done / total);
            out.printf(Locale.ROOT, "%s (%.2f events per record; customer-master includes its outbox relay)%n",
                    cpuPerRecord, (double) outbox / done);
            for (long mark = 100_000; mark <= done; mark += 100_000) {
                Sample before = at(samples, mark - 100_000);
                Sample after = at(samples, mark);
                double s = Duration.between(before.at(), after.at()).toMillis() / 1000.0;
                out.printf(Locale.ROOT, "  records %,9d to %,9d: %.0f records/s (cumulative from start: %.0f/s)%n",
                        mark - 100_000, mark, (after.processed() - before.processed()) / s,
                        after.processed() / (Duration.between(start, after.at()).toMillis() / 1000.0));
            }
            out.println("match quality against the generator's truth: " + quality);
            out.printf(Locale.ROOT, "customer-master heap: -Xmx%s, peak used seen %d MiB%n", heap,
                    samples.stream().mapToLong(Sample::heapUsed).max().orElse(0) / (1024 * 1024));
        }
    }

    /**
     * Pairwise precision, recall and F1 of the hub's clustering (the cross-reference) against the generator's
     * truth, and the number of golden records holding two different valid ids (must be 0).
     */
    private static String quality(PostgresServer postgres, Path truthFile) throws Exception {
        Map<String, String> partyOf = new java.util.HashMap<>();
        try (var lines = Files.lines(truthFile)) {
            lines.skip(1).forEach(l -> {
                String[] f = l.split(",", 3);
                partyOf.put(f[0] + "/" + f[1], f[2]);
            });
        }
        Map<String, Long> byCustomer = new java.util.HashMap<>();
        Map<String, Long> byParty = new java.util.HashMap<>();
        Map<String, Long> byBoth = new java.util.HashMap<>();
        long conflicting;
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USER,
                PostgresServer.PASSWORD); Statement s = c.createStatement()) {
            s.setFetchSize(10_000);
            c.setAutoCommit(false);
            try (ResultSet rs = s.executeQuery(
                    "SELECT source, source_customer_id, customer_number FROM customer_master.xref")) {
                while (rs.next()) {
                    String party = partyOf.get(rs.getString(1) + "/" + rs.getString(2));
                    String customer = rs.getString(3);
                    byCustomer.merge(customer, 1L, Long::sum);
                    byParty.merge(party, 1L, Long::sum);
                    byBoth.merge(customer + "|" + party, 1L, Long::sum);
                }
            }
            conflicting = count(s, """
                    SELECT count(*) FROM (SELECT customer_number FROM customer_master.source_record
                      WHERE (standard->>'idValid')::boolean AND standard->>'idType' IN ('RESIDENT_ID', 'USCC')
                      GROUP BY customer_number HAVING count(DISTINCT standard->>'idNumber') > 1) t""");
        }
        double tp = pairs(byBoth);
        double precision = tp / pairs(byCustomer);
        double recall = tp / pairs(byParty);
        return String.format(Locale.ROOT, "%d parties in %d golden records; pairwise P %.4f R %.4f F1 %.4f; "
                        + "golden records holding two different valid ids: %d", byParty.size(), byCustomer.size(),
                precision, recall, 2 * precision * recall / (precision + recall), conflicting);
    }

    private static double pairs(Map<String, Long> sizes) {
        return sizes.values().stream().mapToDouble(n -> n * (n - 1) / 2.0).sum();
    }

    /** The first sample at or after {@code processed} records. */
    private static Sample at(List<Sample> samples, long processed) {
        return samples.stream().filter(s -> s.processed() >= processed).findFirst()
                .orElse(samples.get(samples.size() - 1));
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Waits until the topic holds {@code expected} records; returns when that was first seen. */
    private static Instant awaitEvents(String bootstrap, String topic, long expected) throws Exception {
        if (new KafkaTestClient(bootstrap).awaitRecordCount(topic, expected, Duration.ofMinutes(30)) < expected) {
            throw new IllegalStateException("the events did not all reach Kafka within 30 minutes");
        }
        return Instant.now();
    }

    private static long heapUsed(HttpClient http, String base) {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return metrics.lines().filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
                    .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        } catch (IOException | InterruptedException | RuntimeException e) {
            return 0;
        }
    }
}
