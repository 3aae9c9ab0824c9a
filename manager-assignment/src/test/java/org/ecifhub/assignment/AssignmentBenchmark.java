package org.ecifhub.assignment;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.ecifhub.support.infra.TestInfrastructure;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark behind {@code bench/assignment}; not a test (its name matches no surefire pattern, so
 * {@code verify} does not run it). Sizes: {@code -Dbench.latency-events} (the burst that measures the highest
 * sustained rate), {@code -Dbench.latency-rates} (steady rates for p50/p99, events/s, comma-separated; 0 means half
 * the measured highest rate), {@code -Dbench.handover-customers}, {@code -Dbench.reevaluate-customers}; figures go
 * to {@code -Dbench.out}.
 */
@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class AssignmentBenchmark {

    @Inject
    AgroalDataSource dataSource;

    final List<String> report = new ArrayList<>();

    @Test
    void measure() throws Exception {
        int latencyEvents = Integer.getInteger("bench.latency-events", 500);
        int handover = Integer.getInteger("bench.handover-customers", 2000);
        int reevaluate = Integer.getInteger("bench.reevaluate-customers", 100_000);
        report.add("# bench/assignment — " + Instant.now().toString().substring(0, 16) + "Z");
        report.add("# machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + memoryGiB() + " GiB, Java "
                + System.getProperty("java.version") + "; PostgreSQL 15 and Kafka (KRaft, in-process) from hub-support");
        latency(Math.min(50, latencyEvents), 50, null); // warm-up: consumer group joined, JIT, relay running
        double highest = burst(latencyEvents);
        for (String r : System.getProperty("bench.latency-rates", "50,0").split(",")) {
            int rate = Integer.parseInt(r.strip()) > 0 ? Integer.parseInt(r.strip()) : (int) (highest / 2 / 10) * 10;
            latency(rate * 10, rate, "%d TierChanged at a steady %d/s (%s)".formatted(rate * 10, rate,
                    Integer.parseInt(r.strip()) > 0 ? "fixed rate" : "half the highest sustained rate"));
        }
        handover(handover);
        reevaluation(reevaluate);
        report.forEach(System.out::println);
        String out = System.getProperty("bench.out");
        if (out != null) {
            Files.write(Path.of(out), report, StandardCharsets.UTF_8);
        }
    }

    /**
     * The highest sustained rate: {@code n} TierChanged (new customers, one owner change each) sent at once, as fast
     * as the producer can; the rate is n over the time from the first send to the last OwnershipChanged read back.
     */
    double burst(int n) throws Exception {
        Map<String, Long> sent = new ConcurrentHashMap<>();
        Map<String, Long> received = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        roundTrip(n, 0, sent, received);
        long last = received.values().stream().mapToLong(Long::longValue).max().orElse(start);
        double rate = received.size() / ((last - start) / 1e9);
        report.add("## TierChanged -> OwnershipChanged, highest sustained rate (" + n + " TierChanged sent at once, "
                + "new customers, one owner change each; produce, consume, apply, outbox, WAL relay, read back)");
        report.add("received: %d of %d in %.1f s: %.0f events/s".formatted(received.size(), n, (last - start) / 1e9, rate));
        return rate;
    }

    /** TierChanged sent at a steady rate; latency of each to its OwnershipChanged read back from Kafka. */
    void latency(int n, int perSecond, String title) throws Exception {
        Map<String, Long> sent = new ConcurrentHashMap<>();
        Map<String, Long> received = new ConcurrentHashMap<>();
        roundTrip(n, 1_000_000_000L / perSecond, sent, received);
        if (title == null) {
            return;
        }
        List<Double> ms = new ArrayList<>();
        received.forEach((k, t) -> ms.add((t - sent.get(k)) / 1e6));
        Collections.sort(ms);
        report.add("## TierChanged -> OwnershipChanged latency, " + title + "; new customers, one owner change each; "
                + "produce to Kafka, consume, apply, outbox, WAL relay, read back from Kafka");
        report.add("received: " + ms.size() + " of " + n);
        if (!ms.isEmpty()) {
            report.add("p50: %.1f ms, p99: %.1f ms, max: %.1f ms".formatted(pct(ms, 50), pct(ms, 99), ms.get(ms.size() - 1)));
        }
    }

    /** Sends {@code n} TierChanged {@code gapNanos} apart and records when each one's OwnershipChanged is read. */
    private void roundTrip(int n, long gapNanos, Map<String, Long> sent, Map<String, Long> received) throws Exception {
        String branch = "BL" + System.nanoTime() % 100000;
        Fixtures.staff(branch + "S", branch, "CUSTOMER_MANAGER", "SENIOR", 1_000_000);
        Fixtures.staff(branch + "M", branch, "CUSTOMER_MANAGER", "MANAGER", 1_000_000);
        Fixtures.staff(branch + "T", branch, "TELLER", null, 1_000_000);
        String bootstrap = TestInfrastructure.get().kafkaBootstrapServers();
        AtomicBoolean done = new AtomicBoolean();
        String[] tiers = {"PRIVILEGE", "EXCELLENT", "GENERAL", "POTENTIAL"};
        try (var consumer = new KafkaConsumer<String, String>(Map.of("bootstrap.servers", bootstrap,
                "group.id", "bench-" + System.nanoTime(), "enable.auto.commit", "false"),
                new StringDeserializer(), new StringDeserializer());
             var producer = new KafkaProducer<String, String>(Map.of("bootstrap.servers", bootstrap,
                     "linger.ms", gapNanos == 0 ? "5" : "0"), new StringSerializer(), new StringSerializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Fixtures.OWNERSHIP).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            Thread reader = new Thread(() -> {
                while (!done.get()) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(20))) {
                        if (sent.containsKey(r.key())) {
                            received.putIfAbsent(r.key(), System.nanoTime());
                        }
                    }
                }
            });
            reader.start();
            long start = System.nanoTime();
            String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
            for (int i = 0; i < n; i++) {
                String customer = "71" + String.format("%010d", System.nanoTime() % 10_000_000_000L);
                long due = start + i * gapNanos;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                sent.put(customer, System.nanoTime());
                producer.send(new ProducerRecord<>(Fixtures.TIER, customer, Fixtures.tierChanged(customer, branch, null,
                        tiers[i % tiers.length], "600000", gapNanos == 0 ? now : OffsetDateTime.now(ZoneOffset.UTC).toString())));
            }
            producer.flush();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (received.size() < n && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            done.set(true);
            reader.join();
        }
    }

    /** A SENIOR manager owning {@code n} customers departs: time to make the plan and to confirm it. */
    void handover(int n) throws Exception {
        String branch = "BH" + System.nanoTime() % 100000;
        String leaving = branch + "D";
        Fixtures.staff(leaving, branch, "CUSTOMER_MANAGER", "SENIOR", n + 1);
        for (int i = 0; i < 5; i++) {
            Fixtures.staff(branch + "S" + i, branch, "CUSTOMER_MANAGER", "SENIOR", n);
        }
        insertCustomers("72", n, branch, "PRIVILEGE", "STAFF", leaving, "PRIMARY");
        long t0 = System.nanoTime();
        JsonPath plan = given().contentType("application/json").body("{\"operator\": \"BENCH\", \"reason\": \"bench\"}")
                .post("/api/v1/staff/" + leaving + "/departure").then().statusCode(200).extract().jsonPath();
        long t1 = System.nanoTime();
        given().contentType("application/json").body("{\"operator\": \"BENCH\"}")
                .post("/api/v1/staff/" + leaving + "/departure/confirm").then().statusCode(200);
        long t2 = System.nanoTime();
        assertThat(plan.getInt("customers")).isEqualTo(n);
        report.add("## Departure hand-over of a manager owning " + n + " PRIVILEGE customers (5 SENIOR colleagues)");
        report.add(("plan (DEPARTING, proposals, checklists): %.2f s; confirm (apply, " + n
                + " OwnershipChanged to the outbox, DEPARTED): %.2f s").formatted((t1 - t0) / 1e9, (t2 - t1) / 1e9));
    }

    /**
     * {@code n} EXCELLENT customers of one branch: 95% already owned by one of 20 managers (they stay), 5% owned by
     * the branch (as if no manager had room when they came); re-evaluate every customer, then again (all stay).
     */
    void reevaluation(int n) throws Exception {
        String branch = "BR" + System.nanoTime() % 100000;
        int moving = n / 20;
        for (int i = 0; i < 20; i++) {
            Fixtures.staff(branch + "M" + i, branch, "CUSTOMER_MANAGER", "MANAGER", n);
        }
        long t0 = System.nanoTime();
        insertCustomers("73", n - moving, branch, "EXCELLENT", "STAFF", branch + "M0", "PRIMARY");
        insertCustomers("74", moving, branch, "EXCELLENT", "BRANCH", branch, "BRANCH");
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        JsonPath first = reevaluate();
        JsonPath second = reevaluate();
        report.add("## Re-evaluation of every customer after a coverage change (" + n + " customers of one branch "
                + "with 20 managers: " + (n - moving) + " stay with their manager, " + moving + " move from the branch "
                + "to a manager; the database holds " + first.getLong("customers") + " customers to re-evaluate; loaded "
                + "set-based: one INSERT ... SELECT FROM generate_series each for customers and ownerships, %.1f s)"
                .formatted(loadSeconds));
        report.add(("background job (POST 202, GET the job until SUCCEEDED), first run: %d customers, %d changed, "
                + "%.1f s (%.0f customers/s)").formatted(first.getLong("customers"), first.getLong("changed"),
                first.getLong("millis") / 1e3, first.getLong("customers") * 1e3 / Math.max(1, first.getLong("millis"))));
        report.add("second run (nothing to change): %d customers, %d changed, %.1f s (%.0f customers/s)".formatted(
                second.getLong("customers"), second.getLong("changed"), second.getLong("millis") / 1e3,
                second.getLong("customers") * 1e3 / Math.max(1, second.getLong("millis"))));
    }

    /** Starts a re-evaluation job and waits until it is done; the job's own start-to-finish time is its millis. */
    private JsonPath reevaluate() throws InterruptedException {
        String location = given().contentType("application/json").body("{\"operator\": \"BENCH\", \"reason\": \"bench\"}")
                .post("/api/v1/assignment/reevaluation").then().statusCode(202).extract().header("Location");
        while (true) {
            JsonPath job = given().get(location).then().statusCode(200).extract().jsonPath();
            if (!"RUNNING".equals(job.getString("status"))) {
                assertThat(job.getString("status")).isEqualTo("SUCCEEDED");
                return job;
            }
            Thread.sleep(500);
        }
    }

    private void insertCustomers(String prefix, int n, String branch, String tier, String ownerType, String ownerId,
                                 String role) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO customer (customer_number, branch_code, tier, score, events_applied, updated_at, name)
                    SELECT '%s' || lpad(g::text, 10, '0'), '%s', '%s', 600000, 1, now(), '客户' || g
                    FROM generate_series(1, %d) g""".formatted(prefix, branch, tier, n));
            s.execute("""
                    INSERT INTO ownership (customer_number, role, owner_type, owner_id, reason, valid_from)
                    SELECT '%s' || lpad(g::text, 10, '0'), '%s', '%s', '%s', 'bench', now() - interval '1 day'
                    FROM generate_series(1, %d) g""".formatted(prefix, role, ownerType, ownerId, n));
            s.execute("INSERT INTO branch (branch_code, neighbours, updated_at) VALUES ('" + branch
                    + "', '', now()) ON CONFLICT DO NOTHING");
            s.execute("ANALYZE customer");
            s.execute("ANALYZE ownership");
        }
    }

    private static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static long memoryGiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Math.round(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0);
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return -1;
    }
}
