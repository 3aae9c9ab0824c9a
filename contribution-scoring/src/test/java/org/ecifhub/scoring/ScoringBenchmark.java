package org.ecifhub.scoring;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.ecifhub.support.infra.TestInfrastructure;
import org.ecifhub.support.testing.KafkaTestClient;
import org.junit.jupiter.api.Test;

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

    final List<String> report = new ArrayList<>();
    final String bootstrap = TestInfrastructure.get().kafkaBootstrapServers();

    @Test
    void measure() throws Exception {
        int events = Integer.getInteger("bench.events", 4_000);
        int latencyEvents = Integer.getInteger("bench.latency-events", 200);
        int rescore = Integer.getInteger("bench.rescore-customers", 20_000);
        report.add("# bench/scoring — " + Instant.now().toString().substring(0, 16) + "Z");
        report.add("# machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB max heap, Java "
                + System.getProperty("java.version") + "; PostgreSQL 15 and Kafka (KRaft, in-process) from hub-support;"
                + " the service in the test JVM");
        try {
            consumption(events);
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
    void consumption(int events) throws Exception {
        int customers = Math.max(1, events / 4);
        events = customers * 4;
        List<ProducerRecord<String, String>> records = new ArrayList<>(events);
        String branch = "BC" + System.nanoTime() % 100000;
        for (int day = 0; day < 4; day++) {
            for (int i = 0; i < customers; i++) {
                String c = "6" + String.format("%09d", i);
                LocalDateHolder d = new LocalDateHolder(day * 10);
                records.add(new ProducerRecord<>(Feed.CUSTOMER_TOPIC, c, Feed.holdings(UUID.randomUUID().toString(),
                        c, day + 1, branch, d.date(), List.of(
                                deposit("BD" + c, "TIME_DEPOSIT", 100_000 + i % 1000 * 500 + day * 20_000, d.date()),
                                deposit("BE" + c, "DEMAND_DEPOSIT", 20_000 + i % 100 * 100, d.date())), null)));
            }
        }
        long before = count("SELECT count(*) FROM processed_event");
        long start = System.nanoTime();
        try (var producer = producer()) {
            for (var r : records) {
                producer.send(r);
            }
            producer.flush();
        }
        double produced = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (count("SELECT count(*) FROM processed_event") < before + events && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long applied = count("SELECT count(*) FROM processed_event") - before;
        String metrics = given().get("/q/metrics").then().extract().asString();
        report.add("  chunk apply timer: " + metrics.lines().filter(l -> l.startsWith("ecif_scoring_events_apply_seconds_"))
                .toList());
        report.add(String.format("consumption: %d HoldingsChanged (%d customers x 4 days, 2 accounts each) applied in"
                        + " %.1f s (produced in %.1f s): %.0f events/s%s", applied, customers, seconds, produced,
                applied / seconds, applied < events ? " (INCOMPLETE after 30 min)" : ""));
    }

    /** New customers at a steady 20 a second: time from the customer event to its TierChanged on Kafka. */
    void latency(int n) throws Exception {
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
                    INSERT INTO account_balance (customer_number, source, account_id, product_type, balance, as_of,
                        days_past_due, interest_rate, fee_income)
                    SELECT '7' || lpad(i::text, 9, '0'), CASE WHEN a = 2 THEN 'LOAN' ELSE 'DEPOSIT' END,
                        'BA' || i || '-' || a,
                        CASE a WHEN 0 THEN 'TIME_DEPOSIT' WHEN 1 THEN 'DEMAND_DEPOSIT' ELSE 'LOAN' END,
                        20000 + (i::bigint * 7919 + a * 104729) %% 400000, now(), CASE WHEN a = 2 AND i %% 50 = 0 THEN 15 ELSE 0 END,
                        CASE WHEN a = 2 THEN 0.0475 END, CASE WHEN a = 1 THEN 24 END
                    FROM generate_series(1, %d) i, generate_series(0, 2) a WHERE a < 2 OR i %% 4 = 0"""
                    .formatted(n));
            s.execute("""
                    INSERT INTO balance_snapshot (source, account_id, as_of_date, balance, as_of)
                    SELECT b.source, b.account_id, DATE '2026-06-30' - d * 25, b.balance * (1 + d * 0.1), now()
                    FROM account_balance b, generate_series(0, 3) d WHERE b.account_id LIKE 'BA%'""");
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
