package org.ecifhub.scoring;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.ecifhub.support.infra.TestInfrastructure;
import org.ecifhub.support.testing.KafkaTestClient;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.ecifhub.scoring.Feed.Account.deposit;
import static org.ecifhub.scoring.Feed.DAY0;

/**
 * Not a test (its name keeps it out of the normal run): the figures of {@code bench/scoring}, measured against
 * real PostgreSQL 15 and Kafka started by hub-support. Run with {@code -Dtest=ScoringBenchmark}.
 */
@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class ScoringBenchmark {

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/q/metrics")
    URL metricsUrl;

    final HttpClient http = HttpClient.newHttpClient();
    final List<String> report = new ArrayList<>();
    final String bootstrap = TestInfrastructure.get().kafkaBootstrapServers();

    @Test
    void measure() throws Exception {
        int events = Integer.getInteger("bench.events", 4_000);
        int warmup = Integer.getInteger("bench.warmup-events", 20_000);
        int latencyEvents = Integer.getInteger("bench.latency-events", 200);
        int rescore = Integer.getInteger("bench.rescore-customers", 20_000);
        report.add("# bench/scoring — " + Instant.now().toString().substring(0, 16) + "Z");
        report.add("# machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB max heap, Java "
                + System.getProperty("java.version") + "; PostgreSQL 15 and Kafka (KRaft, in-process) from hub-support;"
                + " the service in the test JVM; " + ConfigProvider.getConfig()
                .getOptionalValue("mp.messaging.incoming.customer-events.concurrency", Integer.class).orElse(1)
                + " consumer thread(s) on " + new KafkaTestClient(bootstrap).partitionCount(Feed.CUSTOMER_TOPIC)
                + " partitions of " + Feed.CUSTOMER_TOPIC);
        try {
            if (warmup > 0) {
                // A fresh JVM interprets its code and compiles the hot parts in its first minutes (here with a Kafka
                // broker and the relay in the same JVM): the rate of a service that has been running is measured
                // once the JIT compiler has settled. Warm-up rounds on other customers, reported and not counted,
                // until the compiler threads use under 10 % of a core (at most 10 rounds).
                for (int round = 0; round < 10; round++) {
                    if (consumption(warmup, "4", round * (warmup / 4), "warm-up round " + (round + 1)) < 0.10) {
                        break;
                    }
                }
            }
            consumption(events, "6", 0, "consumption");
            latency(latencyEvents);
            activation(rescore);
        } finally {
            // What was measured is kept even when a later part fails.
            report.forEach(System.out::println);
            String out = System.getProperty("bench.out");
            if (out != null) {
                Files.write(Path.of(out), report, StandardCharsets.UTF_8);
            }
        }
    }

    /** HoldingsChanged for events/4 customers, 4 days each (2 accounts), produced as fast as Kafka takes them. */
    /** @return the CPU the JIT compiler threads used during the run, in cores (1.0: one core all the time) */
    double consumption(int events, String prefix, int firstCustomer, String title) throws Exception {
        int customers = Math.max(1, events / 4);
        events = customers * 4;
        List<ProducerRecord<String, String>> records = new ArrayList<>(events);
        String branch = "BC" + System.nanoTime() % 100000;
        for (int day = 0; day < 4; day++) {
            for (int i = 0; i < customers; i++) {
                String c = prefix + String.format("%09d", firstCustomer + i);
                LocalDateHolder d = new LocalDateHolder(day * 10);
                records.add(new ProducerRecord<>(Feed.CUSTOMER_TOPIC, c, Feed.holdings(UUID.randomUUID().toString(),
                        c, day + 1, branch, d.date(), List.of(
                                deposit("BD" + c, "TIME_DEPOSIT", 100_000 + i % 1000 * 500 + day * 20_000, d.date()),
                                deposit("BE" + c, "DEMAND_DEPOSIT", 20_000 + i % 100 * 100, d.date())), null)));
            }
        }
        long before = count("SELECT count(*) FROM processed_event");
        double consumedBefore = consumed();
        long compilingBefore = compilerCpuTicks();
        long start = System.nanoTime();
        try (var producer = producer()) {
            for (var r : records) {
                producer.send(r);
            }
            producer.flush();
        }
        double produced = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        // Progress from the service's counter: counting processed_event ten times a second would take CPU from the
        // run it measures. The inbox is counted once at the end.
        while (consumed() < consumedBefore + events && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double compiling = (compilerCpuTicks() - compilingBefore) / (double) CLOCK_TICKS / seconds;
        long applied = count("SELECT count(*) FROM processed_event") - before;
        String metrics = given().get("/q/metrics").then().extract().asString();
        report.add("  chunk apply timer: " + metrics.lines().filter(l -> l.startsWith("ecif_scoring_events_apply_seconds_"))
                .toList());
        report.add(String.format(title + ": %d HoldingsChanged (%d customers x 4 days, 2 accounts each) applied in"
                        + " %.1f s (produced in %.1f s): %.0f events/s%s; JIT compiler threads %.0f %% of a core",
                applied, customers, seconds, produced, applied / seconds,
                applied < events ? " (INCOMPLETE after 30 min)" : "", compiling * 100));
        return compiling;
    }

    /** New customers at a steady 20 a second: time from the customer event to its TierChanged on Kafka. */
    void latency(int n) throws Exception {
        // The consumption runs leave tens of thousands of TierChanged in the outbox for the relay: measured behind
        // that backlog, the latency would be the relay's catching up, not a customer event's way through.
        long relayStart = System.nanoTime();
        long written = count("SELECT count(*) FROM outbox_event WHERE aggregatetype = 'ecif.tier.v1'");
        long published = new KafkaTestClient(bootstrap).awaitRecordCount(Feed.TIER_TOPIC, written,
                Duration.ofMinutes(10));
        report.add(String.format("outbox relay: %d TierChanged written, %d on Kafka %.1f s after the consumption ended",
                written, published, (System.nanoTime() - relayStart) / 1e9));
        long vacuumStart = System.nanoTime();
        long vacuuming = 0;
        while (System.nanoTime() - vacuumStart < Duration.ofMinutes(2).toNanos()
                && (vacuuming = count("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'")) > 0) {
            Thread.sleep(500);
        }
        report.add(String.format("autovacuum after the consumption: %.1f s (%d worker(s) still running)",
                (System.nanoTime() - vacuumStart) / 1e9, vacuuming));
        double[] applyBefore = applyTimer();
        Map<String, Long> sentAt = new HashMap<>();
        String branch = "BL" + System.nanoTime() % 100000;
        try (var producer = producer()) {
            for (int i = 0; i < n; i++) {
                String c = "5" + String.format("%09d", i);
                Future<RecordMetadata> f = producer.send(new ProducerRecord<>(Feed.CUSTOMER_TOPIC, c,
                        Feed.holdings(c, 1, branch, DAY0, List.of(deposit("BL" + c, "TIME_DEPOSIT", 300_000, DAY0)))));
                sentAt.put(c, f.get().timestamp());
                Thread.sleep(50);
            }
        }
        List<ConsumerRecord<String, String>> tiers = new KafkaTestClient(bootstrap).read(Feed.TIER_TOPIC,
                r -> sentAt.containsKey(r.key()), n, Duration.ofMinutes(5));
        List<Long> latencies = new ArrayList<>();
        for (var r : tiers) {
            latencies.add(r.timestamp() - sentAt.get(r.key()));
        }
        Collections.sort(latencies);
        double[] applyAfter = applyTimer();
        report.add(String.format("  of which applying the events: %.0f chunks, %.1f ms each on average",
                applyAfter[0] - applyBefore[0], (applyAfter[1] - applyBefore[1]) * 1000 / Math.max(1, applyAfter[0] - applyBefore[0])));
        report.add(String.format("event -> TierChanged latency: %d new customers at 20/s: p50 %d ms, p99 %d ms,"
                        + " max %d ms", latencies.size(), percentile(latencies, 50), percentile(latencies, 99),
                latencies.isEmpty() ? -1 : latencies.get(latencies.size() - 1)));
    }

    /** N customers written straight to the schema, then a model activation re-scores everyone. */
    void activation(int n) throws Exception {
        long loadStart = System.nanoTime();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO customer_score (customer_number, branch_code, score, tier, events_applied,
                        last_event_version, updated_at, status, points, score_date, model_version, rule_tier,
                        model_tier, tier_since)
                    SELECT '7' || lpad(i::text, 9, '0'), 'LSJ00' || (i %% 6 + 1), 0,
                        CASE WHEN i %% 5 = 0 THEN 'EXCELLENT' ELSE 'POTENTIAL' END, 1, 1, now(), 'ACTIVE', 0,
                        DATE '2026-06-30', 'ecif-cs-1.0', 'POTENTIAL', 'POTENTIAL', DATE '2026-06-30'
                    FROM generate_series(1, %d) i""".formatted(n));
            s.execute("""
                    INSERT INTO account_balance (customer_number, source, account_id, product_type,
                        days_past_due, interest_rate, fee_income)
                    SELECT '7' || lpad(i::text, 9, '0'), CASE WHEN a = 2 THEN 'LOAN' ELSE 'DEPOSIT' END,
                        'BA' || i || '-' || a,
                        CASE a WHEN 0 THEN 'TIME_DEPOSIT' WHEN 1 THEN 'DEMAND_DEPOSIT' ELSE 'LOAN' END,
                        CASE WHEN a = 2 AND i %% 50 = 0 THEN 15 ELSE 0 END,
                        CASE WHEN a = 2 THEN 0.0475 END, CASE WHEN a = 1 THEN 24 END
                    FROM generate_series(1, %d) i, generate_series(0, 2) a WHERE a < 2 OR i %% 4 = 0"""
                    .formatted(n));
            s.execute("""
                    INSERT INTO balance_snapshot (source, account_id, as_of_date, balance, as_of)
                    SELECT CASE WHEN a = 2 THEN 'LOAN' ELSE 'DEPOSIT' END, 'BA' || i || '-' || a,
                        DATE '2026-06-30' - d * 25, (20000 + (i::bigint * 7919 + a * 104729) %% 400000) * (1 + d * 0.1),
                        now()
                    FROM generate_series(1, %d) i, generate_series(0, 2) a, generate_series(0, 3) d
                    WHERE a < 2 OR i %% 4 = 0""".formatted(n));
            s.execute("ANALYZE");
        }
        double load = (System.nanoTime() - loadStart) / 1e9;
        long active = count("SELECT count(*) FROM customer_score WHERE status = 'ACTIVE'");
        long accounts = count("SELECT count(*) FROM account_balance WHERE customer_number IS NOT NULL");
        long snapshots = count("SELECT count(*) FROM balance_snapshot");

        var parameters = given().get("/api/v1/scoring/models/active").then().statusCode(200).extract()
                .as(com.fasterxml.jackson.databind.JsonNode.class).path("parameters").deepCopy();
        String version = "bench-" + System.currentTimeMillis();
        ((com.fasterxml.jackson.databind.node.ObjectNode) parameters).put("version", version);
        ((com.fasterxml.jackson.databind.node.ObjectNode) parameters.path("tiers")).put("excellentAssets", 250000);
        given().contentType("application/json").body(Feed.JSON.createObjectNode().put("createdBy", "bench")
                .set("model", parameters).toString()).post("/api/v1/scoring/models").then().statusCode(201);

        // The loaded tiers are arbitrary: a first activation (the active parameters under a new version) settles
        // every customer's tier, most of them changing; the second is the realistic case, a threshold change.
        var same = parameters.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) same).put("version", version + "-settle");
        ((com.fasterxml.jackson.databind.node.ObjectNode) same.path("tiers")).put("excellentAssets", 200000);
        given().contentType("application/json").body(Feed.JSON.createObjectNode().put("createdBy", "bench")
                .set("model", same).toString()).post("/api/v1/scoring/models").then().statusCode(201);
        long settleStart = System.nanoTime();
        var settle = ModelLifecycleTest.activateAndWait(version + "-settle", Duration.ofHours(1));
        double settleSeconds = (System.nanoTime() - settleStart) / 1e9;

        // Simulate still runs in the request; at a million customers it only lengthens the run (-Dbench.simulate=true).
        boolean simulating = n <= 200_000 || Boolean.getBoolean("bench.simulate");
        long simStart = System.nanoTime();
        if (simulating) {
            given().post("/api/v1/scoring/models/" + version + "/simulate").then().statusCode(200);
        }
        double simulate = (System.nanoTime() - simStart) / 1e9;
        long start = System.nanoTime();
        var activation = ModelLifecycleTest.activateAndWait(version, Duration.ofHours(1));
        double seconds = (System.nanoTime() - start) / 1e9;
        long changed = activation.path("changed").asLong();
        report.add(String.format("data: %d active customers (%d loaded straight into the schema in %.1f s), %d accounts,"
                + " %d daily balance snapshots", active, n, load, accounts, snapshots));
        report.add(simulating ? String.format("simulate: %d customers in %.1f s (%.0f customers/s)", active, simulate,
                active / simulate) : "simulate: not run at this size (pass -Dbench.simulate=true)");
        report.add(String.format("activate, first (loaded tiers settled): %d customers in %.1f s (%.0f customers/s),"
                + " %d tier changes published", active, settleSeconds, active / settleSeconds,
                settle.path("changed").asLong()));
        report.add(String.format("activate, EXCELLENT from 250,000 (re-score everyone): %d customers in %.1f s (%.0f"
                        + " customers/s; job %d ms from request to last page), %d tier changes published%s", active,
                seconds, active / seconds, activation.path("millis").asLong(), changed,
                active >= 1_000_000 ? "" : String.format("; extrapolated to 1,000,000 customers: %.0f s",
                        1_000_000 * seconds / active)));
    }

    record LocalDateHolder(int day) {
        java.time.LocalDate date() {
            return DAY0.plusDays(day);
        }
    }

    KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "linger.ms", 5, "batch.size", 262144,
                "acks", "all"), new StringSerializer(), new StringSerializer());
    }

    /** The chunk apply timer: {count, sum in seconds}. */
    double[] applyTimer() throws Exception {
        return new double[] {metric("ecif_scoring_events_apply_seconds_count"),
                metric("ecif_scoring_events_apply_seconds_sum")};
    }

    /** Linux's clock ticks per second (USER_HZ), the unit of the CPU times in /proc. */
    static final long CLOCK_TICKS = 100;

    /**
     * The CPU time (user + system, in clock ticks) of this JVM's JIT compiler threads, from /proc: the JVM's own
     * compilation timer counts elapsed time, which on two busy cores is mostly time spent waiting for a core.
     */
    static long compilerCpuTicks() throws java.io.IOException {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm"));
                    if (!name.startsWith("C2 CompilerThre") && !name.startsWith("C1 CompilerThre")) {
                        continue;
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
                } catch (java.io.IOException gone) {
                    // a compiler thread that ended meanwhile
                }
            }
        }
        return ticks;
    }

    double consumed() throws Exception {
        return metric("ecif_scoring_events_consumed_total");
    }

    /**
     * A metric of the service, summed over its tags. Plain HTTP: RestAssured's Groovy, polled ten times a second,
     * would be compiled and run inside the measure.
     */
    double metric(String name) throws Exception {
        return http.send(HttpRequest.newBuilder(metricsUrl.toURI()).build(), HttpResponse.BodyHandlers.ofString())
                .body().lines()
                .filter(l -> l.startsWith(name))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
