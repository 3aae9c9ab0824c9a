package org.ecifhub.assignment;

import io.restassured.path.json.JsonPath;
import org.ecifhub.support.infra.TestInfrastructure;
import org.ecifhub.support.testing.KafkaTestClient;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Events and staff for the integration tests: each test uses its own branches and customers. */
final class Fixtures {

    static final KafkaTestClient KAFKA = new KafkaTestClient(TestInfrastructure.get().kafkaBootstrapServers());
    static final String TIER = "ecif.tier.v1";
    static final String CUSTOMER = "ecif.customer.v1";
    static final String OWNERSHIP = "ecif.ownership.v1";

    private Fixtures() {
    }

    static String branch() {
        return "T" + UUID.randomUUID().toString().substring(0, 7).toUpperCase(Locale.ROOT);
    }

    /** A customer number (digits, as customer-master issues them). */
    static String customer() {
        return "9" + String.format("%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L));
    }

    static void staff(String id, String branch, String role, String grade) {
        staff(id, branch, role, grade, 300);
    }

    static void staff(String id, String branch, String role, String grade, int capacity) {
        given().contentType("application/json").body("""
                        {"staffId": "%s", "name": "员工%s", "branchCode": "%s", "role": "%s", "grade": %s, "capacity": %d}"""
                        .formatted(id, id, branch, role, grade == null ? "null" : "\"" + grade + "\"", capacity))
                .post("/api/v1/staff").then().statusCode(201);
    }

    static String envelope(String type, String subject, String data) {
        return """
                {"eventId": "%s", "eventType": "%s", "subject": "%s", "version": 1,
                 "occurredAt": "2026-11-22T10:00:00+08:00", "data": %s}"""
                .formatted(UUID.randomUUID(), type, subject, data);
    }

    static String tierChanged(String customer, String branch, String from, String to, String score, String effective) {
        return envelope("TierChanged", customer, """
                {"customerNumber": "%s", "from": %s, "to": "%s", "reason": "test", "score": %s,
                 "modelVersion": "t", "branchCode": "%s", "effective": "%s"}"""
                .formatted(customer, from == null ? "null" : "\"" + from + "\"", to, score, branch, effective));
    }

    static void tier(String customer, String branch, String from, String to, String score) {
        tier(customer, branch, from, to, score, "2026-11-22T10:00:00+08:00");
    }

    static void tier(String customer, String branch, String from, String to, String score, String effective) {
        KAFKA.send(TIER, customer, tierChanged(customer, branch, from, to, score, effective));
    }

    static void created(String customer, String branch, String name, String type) {
        KAFKA.send(CUSTOMER, customer, envelope("CustomerCreated", customer, """
                {"customerNumber": "%s", "attributes": {"type": "%s", "name": "%s", "idType": "RESIDENT_ID",
                 "idNumber": null, "birthDate": null, "gender": null, "phone": "13800138000", "address": "湖南省临湘市长安路1号",
                 "occupation": null, "branchCode": "%s"}, "source": {"source": "DEPOSIT", "sourceCustomerId": "X", "asOf": null}}"""
                .formatted(customer, type, name, branch)));
    }

    static void holdings(String customer, String branch, String deposit, String loan, int daysPastDue) {
        KAFKA.send(CUSTOMER, customer, envelope("HoldingsChanged", customer, """
                {"customerNumber": "%s", "branchCode": "%s", "ebanking": null, "accounts": [
                 {"source": "DEPOSIT", "accountId": "D1", "productType": "TIME_DEPOSIT", "currency": "CNY", "balance": %s,
                  "status": "ACTIVE", "openDate": null, "interestRate": null, "daysPastDue": null, "termMonths": null,
                  "feeIncome": null, "asOf": null},
                 {"source": "LOAN", "accountId": "L1", "productType": "LOAN", "currency": "CNY", "balance": %s,
                  "status": "ACTIVE", "openDate": null, "interestRate": null, "daysPastDue": %d, "termMonths": null,
                  "feeIncome": null, "asOf": null}]}"""
                .formatted(customer, branch, deposit, loan, daysPastDue)));
    }

    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    static com.fasterxml.jackson.databind.JsonNode json(String value) {
        try {
            return JSON.readTree(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until consumer group manager-assignment has committed every record of the topics (all applied). */
    static void awaitConsumed(String... topics) {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.of("bootstrap.servers",
                TestInfrastructure.get().kafkaBootstrapServers()))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                var partitions = admin.describeTopics(java.util.List.of(topics)).allTopicNames().get().values().stream()
                        .flatMap(d -> d.partitions().stream()
                                .map(p -> new org.apache.kafka.common.TopicPartition(d.name(), p.partition())))
                        .toList();
                var ends = admin.listOffsets(partitions.stream().collect(java.util.stream.Collectors.toMap(p -> p,
                        p -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get();
                var committed = admin.listConsumerGroupOffsets("manager-assignment").partitionsToOffsetAndMetadata().get();
                return partitions.stream().allMatch(p -> (committed.get(p) == null ? 0 : committed.get(p).offset())
                        >= ends.get(p).offset());
            });
        } 
    }

    static JsonPath owners(String customer) {
        return given().get("/api/v1/customers/" + customer + "/owners").then().statusCode(200).extract().jsonPath();
    }

    /** Waits until the customer has applied {@code events} events. */
    static JsonPath awaitEvents(String customer, long events) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            var r = given().get("/api/v1/customers/" + customer + "/owners");
            return r.statusCode() == 200 && r.jsonPath().getLong("eventsApplied") >= events;
        });
        return owners(customer);
    }

    static String currentOwner(JsonPath owners, String role) {
        return owners.getString("current.find { it.role == '" + role + "' }.ownerId");
    }
}
