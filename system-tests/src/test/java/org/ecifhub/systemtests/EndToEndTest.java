package org.ecifhub.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ecifhub.support.demo.ChineseIds;
import org.ecifhub.support.hub.HubServices;
import org.ecifhub.support.infra.Os;
import org.ecifhub.support.infra.TestInfrastructure;
import org.ecifhub.support.testing.KafkaTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole hub as it runs in production: real PostgreSQL and Kafka, the four services as separate JVMs built by
 * this reactor, and nothing but HTTP through the gateway and the Kafka topics to look at.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {

    static TestInfrastructure infra;
    static HubServices hub;
    static Http gateway;
    static KafkaTestClient kafka;

    @BeforeAll
    static void startHub() {
        infra = TestInfrastructure.get();
        hub = SystemHub.start(infra);
        gateway = new Http(hub.url(HubServices.GATEWAY), hub.token("system-tests", "SYSTEM"));
        kafka = new KafkaTestClient(infra.kafkaBootstrapServers());
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.stopAll();
        }
    }

    static String validId(String first17) {
        return first17 + ChineseIds.residentIdCheckChar(first17);
    }

    static String record(String sourceId, String idNumber, String branch, double balance) {
        return ("{\"source\": \"DEPOSIT\", \"sourceCustomerId\": \"%s\", \"asOf\": \"2026-11-21T23:00:00+08:00\", "
                + "\"branchCode\": \"%s\", \"party\": {\"type\": \"PERSON\", \"name\": \"客户%s\", "
                + "\"idType\": \"RESIDENT_ID\", \"idNumber\": \"%s\"}, \"accounts\": [{\"accountId\": \"A%s\", "
                + "\"productType\": \"TIME_DEPOSIT\", \"currency\": \"CNY\", \"balance\": %s}]}")
                .formatted(sourceId, branch, sourceId, idNumber, sourceId, balance);
    }

    @Test
    @Order(1)
    void aDepositRecordPostedThroughTheGatewayGetsAGoldenRecordATierAndAnOwner() {
        assertThat(gateway.post("/api/v1/staff", "application/json", """
                {"staffId": "SYS-S1", "name": "刘建军", "branchCode": "SYS001", "role": "CUSTOMER_MANAGER",
                 "grade": "SENIOR", "capacity": 300}""").status()).isEqualTo(201);

        Http.Response posted = gateway.post("/api/v1/feeds/DEPOSIT/records", "application/json",
                "[" + record("CB900000001", validId("43138119800101001"), "SYS001", 800000) + "]");
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        String customerNumber = posted.json().path("results").path(0).path("customerNumber").asText();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode golden = gateway.get("/api/v1/customers/" + customerNumber).json();
            assertThat(golden.path("attributes").path("name").asText()).isEqualTo("客户CB900000001");
            JsonNode score = gateway.get("/api/v1/customers/" + customerNumber + "/score").json();
            assertThat(score.path("tier").asText()).isEqualTo("PRIVILEGE");
            JsonNode owners = gateway.get("/api/v1/customers/" + customerNumber + "/owners").json();
            assertThat(owners.path("current").path(0).path("ownerId").asText()).isEqualTo("SYS-S1");
            assertThat(owners.path("current").path(0).path("role").asText()).isEqualTo("PRIMARY");
        });
    }

    @Test
    @Order(2)
    void aChangePostedToTheFeedReachesTheGatewaysChangeStreamMasked() throws Exception {
        String ops = hub.token("ops-watch", "OPS");
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<java.util.stream.Stream<String>>> stream =
                java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                        .sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                        hub.url(HubServices.GATEWAY) + "/api/v1/stream/changes?type=CustomerCreated"))
                                .header("Authorization", "Bearer " + ops).header("Accept", "text/event-stream")
                                .build(), java.net.http.HttpResponse.BodyHandlers.ofLines());
        stream.thenAccept(r -> r.body().forEach(lines::add));
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> lines.stream().anyMatch(l -> l.startsWith(":")));
            String id = validId("43138119850505002");
            Http.Response posted = gateway.post("/api/v1/feeds/DEPOSIT/records", "application/json",
                    "[" + record("CB900000002", id, "SYS001", 1000) + "]");
            assertThat(posted.status()).as(posted.body()).isEqualTo(200);
            String customerNumber = posted.json().path("results").path(0).path("customerNumber").asText();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(lines).anySatisfy(line -> {
                assertThat(line).startsWith("data: ").contains("\"" + customerNumber + "\"");
                assertThat(line).doesNotContain(id).contains(id.substring(0, 4) + "**********" + id.substring(14));
            }));
        } finally {
            stream.cancel(true);
            stream.thenAccept(r -> r.body().close());
        }
    }

    @Test
    @Order(3)
    void badInputThroughTheGatewayIsAProblemAndTheGoodRecordsLand() {
        Http.Response r = gateway.post("/api/v1/feeds/DEPOSIT/records", "application/json",
                "[" + record("CB900000002", validId("43138119800102001"), "SYS001", 1) + ",{\"source\": \"DEPOSIT\"}]");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("errors").path(0).path("index").asInt()).isEqualTo(1);
        assertThat(r.json().path("accepted").asInt()).isEqualTo(1);
        assertThat(gateway.get("/api/v1/xref/DEPOSIT/CB900000002").status()).isEqualTo(200);
    }

    /**
     * SIGKILL customer-master in the middle of a stream of 1,000 records, restart it, and check that nothing was
     * lost and nothing counted twice: every record has a golden record, every customer has exactly its two events
     * on the topic (by event id), and each consumer applied each event exactly once.
     */
    @Test
    @Order(4)
    void aKilledCustomerMasterLosesNothingAndNothingIsCountedTwice() {
        int records = 1000;
        int batch = 20;
        List<String> sourceIds = new ArrayList<>();
        int killAfterBatch = 15;
        for (int b = 0; b * batch < records; b++) {
            StringBuilder body = new StringBuilder("[");
            for (int i = b * batch; i < Math.min(records, (b + 1) * batch); i++) {
                String sourceId = "KB" + String.format("%06d", i);
                sourceIds.add(sourceId);
                body.append(i == b * batch ? "" : ",")
                        .append(record(sourceId, validId("43138219900101" + String.format("%03d", i)), "SYS002", 1000 + i));
            }
            body.append("]");
            if (b == killAfterBatch) {
                hub.get(HubServices.CUSTOMER_MASTER).kill();
                Thread restart = new Thread(() -> hub.start(HubServices.CUSTOMER_MASTER));
                restart.start();
            }
            postUntilAccepted(body.toString(), Duration.ofSeconds(180));
        }

        Map<String, String> customerOf = new HashMap<>();
        for (String sourceId : sourceIds) {
            Http.Response x = gateway.get("/api/v1/xref/DEPOSIT/" + sourceId);
            assertThat(x.status()).as("xref of " + sourceId).isEqualTo(200);
            customerOf.put(sourceId, x.json().path("customerNumber").asText());
        }
        Set<String> customers = new HashSet<>(customerOf.values());
        assertThat(customers).hasSize(records);

        // Every customer: CustomerCreated (v1) and HoldingsChanged (v2) on the topic, possibly relayed twice
        // after the kill (at-least-once), but never two different events for the same change.
        List<ConsumerRecord<String, String>> events = kafka.read("ecif.customer.v1",
                r -> customers.contains(r.key()), 2 * records, Duration.ofSeconds(120));
        Map<String, Set<String>> eventIdsByCustomer = new HashMap<>();
        Map<String, Set<Long>> versionsByCustomer = new HashMap<>();
        for (ConsumerRecord<String, String> e : events) {
            JsonNode envelope = parse(e.value());
            eventIdsByCustomer.computeIfAbsent(e.key(), k -> new HashSet<>()).add(envelope.path("eventId").asText());
            versionsByCustomer.computeIfAbsent(e.key(), k -> new HashSet<>()).add(envelope.path("version").asLong());
        }
        assertThat(eventIdsByCustomer).hasSize(records);
        assertThat(eventIdsByCustomer.values()).allSatisfy(ids -> assertThat(ids).hasSize(2));
        assertThat(versionsByCustomer.values()).allSatisfy(v -> assertThat(v).containsExactlyInAnyOrder(1L, 2L));

        // Both consumers applied each of those events exactly once.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (String customer : customers) {
                JsonNode score = gateway.get("/api/v1/customers/" + customer + "/score").json();
                assertThat(score.path("eventsApplied").asLong()).as("scoring of " + customer).isEqualTo(2);
                JsonNode owners = gateway.get("/api/v1/customers/" + customer + "/owners").json();
                assertThat(owners.path("eventsApplied").asLong()).as("assignment of " + customer).isEqualTo(3);
            }
        });
    }

    private static void postUntilAccepted(String body, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Http.Response last = null;
        while (Instant.now().isBefore(deadline)) {
            last = gateway.post("/api/v1/feeds/DEPOSIT/records", "application/json", body);
            if (last.status() == 200) {
                return;
            }
            // 503 from the gateway (or a 500 for a transaction cut short) while customer-master is down: retry
            // the whole batch; records already stored come back UNCHANGED.
            Os.sleep(Duration.ofMillis(300));
        }
        throw new AssertionError("Batch not accepted in time; last answer: " + last);
    }

    private static JsonNode parse(String json) {
        try {
            return Http.JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
