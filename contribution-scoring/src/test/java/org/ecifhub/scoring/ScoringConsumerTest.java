package org.ecifhub.scoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.ecifhub.scoring.messaging.CustomerEventsConsumer;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.ecifhub.support.infra.TestInfrastructure;
import org.ecifhub.support.testing.KafkaTestClient;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class ScoringConsumerTest {

    @Inject
    CustomerEventsConsumer consumer;

    static final ObjectMapper JSON = new ObjectMapper();
    final KafkaTestClient kafka = new KafkaTestClient(TestInfrastructure.get().kafkaBootstrapServers());

    static String holdingsChanged(String eventId, String customerNumber, long version, double balance) {
        return """
                {"eventId": "%s", "eventType": "HoldingsChanged", "subject": "%s", "version": %d,
                 "occurredAt": "2026-11-22T10:00:00Z",
                 "data": {"customerNumber": "%s", "branchCode": "LSJ001",
                          "accounts": [{"source": "DEPOSIT", "accountId": "A-%s", "productType": "TIME_DEPOSIT",
                                        "balance": %s, "asOf": "2026-11-21T15:00:00Z"}]}}"""
                .formatted(eventId, customerNumber, version, customerNumber, customerNumber, balance);
    }

    static String newCustomerNumber() {
        return "9" + (100000000 + (long) (Math.random() * 899999999));
    }

    @Test
    void holdingsGiveAScoreAndATierPublishedOnTheTierTopic() throws Exception {
        String customer = newCustomerNumber();
        kafka.send("ecif.customer.v1", customer, holdingsChanged(UUID.randomUUID().toString(), customer, 1, 250000));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/v1/customers/" + customer + "/score").then().statusCode(200)
                        .body("tier", equalTo("EXCELLENT"))
                        // a new customer's average starts at its first balance: 250,000 x the time deposit spread
                        .body("averages.assetsLongWindow", equalTo(250000.0f))
                        .body("score", equalTo(2000.0f))
                        .body("breakdown.components[0].name", equalTo("deposit"))
                        .body("breakdown.components[0].inputs.TIME_DEPOSIT.spread", equalTo(0.008f)));
        var tierEvents = kafka.readKey("ecif.tier.v1", customer, 1, Duration.ofSeconds(30));
        assertThat(tierEvents).hasSize(1);
        var tierChanged = JSON.readTree(tierEvents.get(0).value());
        assertThat(tierChanged.path("eventType").asText()).isEqualTo("TierChanged");
        assertThat(tierChanged.path("data").path("to").asText()).isEqualTo("EXCELLENT");
        assertThat(tierChanged.path("data").path("from").isNull()).isTrue();
        assertThat(tierChanged.path("data").path("score").decimalValue()).isEqualByComparingTo("2000");
        assertThat(tierChanged.path("data").path("averageAssets").decimalValue()).isEqualByComparingTo("250000");
        assertThat(tierChanged.path("data").path("branchCode").asText()).isEqualTo("LSJ001");
    }

    @Test
    void aCustomerCreatedBeforeItsHoldingsGetsExactlyTwoEventsAppliedAndOneTier() {
        // what customer-master publishes for a new deposit customer with a small balance (see system-tests)
        String customer = newCustomerNumber();
        kafka.send("ecif.customer.v1", customer, Feed.created(customer, "LSJ002", Feed.DAY0));
        kafka.send("ecif.customer.v1", customer, holdingsChanged(UUID.randomUUID().toString(), customer, 2, 1500));
        Feed.awaitApplied(customer, 2);
        given().get("/api/v1/customers/" + customer + "/score").then().body("tier", equalTo("GENERAL"))
                .body("branchCode", equalTo("LSJ001"));
        assertThat(new Feed().tierEvents(customer, 1)).hasSize(1);
    }

    @Test
    void replayingTheSameEventsRebuildsTheSameState() {
        // the state is a function of the events alone (business dates come from them, not from the clock): the same
        // stream applied to a fresh customer gives the same scores, tiers and history
        List<JsonNode> views = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            String customer = newCustomerNumber();
            var feed = new Feed();
            for (int day : new int[] {0, 20, 45, 80}) {
                feed.send(customer, Feed.holdings(customer, day + 1, "LSJ003", Feed.DAY0.plusDays(day), List.of(
                        Feed.Account.deposit("R-" + customer, "DEMAND_DEPOSIT", 90_000 + day * 4_000.0,
                                Feed.DAY0.plusDays(day)),
                        new Feed.Account("LOAN", "RL-" + customer, "LOAN", 300_000, Feed.DAY0.plusDays(day),
                                0.05, day > 40 ? 12 : 0, 800.0))));
            }
            Feed.awaitApplied(customer, 4);
            JsonNode view = given().get("/api/v1/customers/" + customer + "/score").then().extract().as(JsonNode.class);
            views.add(view);
        }
        for (String field : List.of("score", "points", "tier", "ruleTier", "scoreDate", "averages", "history")) {
            assertThat(views.get(1).path(field)).as(field).isEqualTo(views.get(0).path(field));
        }
        assertThat(views.get(0).path("breakdown").path("components").get(1).path("contribution"))
                .isEqualTo(views.get(1).path("breakdown").path("components").get(1).path("contribution"));
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() {
        String customer = newCustomerNumber();
        String event = holdingsChanged(UUID.randomUUID().toString(), customer, 1, 1000);
        kafka.send("ecif.customer.v1", customer, event);
        kafka.send("ecif.customer.v1", customer, event);
        String marker = holdingsChanged(UUID.randomUUID().toString(), customer, 2, 2000);
        kafka.send("ecif.customer.v1", customer, marker);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/v1/customers/" + customer + "/score").then().statusCode(200)
                        .body("averages.assetsLongWindow", equalTo(2000.0f)).body("eventsApplied", equalTo(2)));
    }

    @Test
    void aBatchWithADuplicateAndPoisonAppliesTheRestExactlyOnceAndDeadLettersThePoison() throws Exception {
        String regular = newCustomerNumber();
        String poisoned = newCustomerNumber();
        String other = newCustomerNumber();
        String first = holdingsChanged(UUID.randomUUID().toString(), regular, 1, 100000);
        // an envelope that reads but cannot be applied: it fails the chunk's transaction, not the parsing
        String poison = """
                {"eventId": "%s", "eventType": "HoldingsChanged", "subject": "%s", "version": 1,
                 "occurredAt": "2026-11-22T10:00:00Z", "data": {"accounts": [{"accountId": "X", "balance": 5}]}}"""
                .formatted(UUID.randomUUID(), poisoned);
        String second = holdingsChanged(UUID.randomUUID().toString(), regular, 2, 350000)
                .replace("2026-11-21T15:00:00Z", "2026-11-22T15:00:00Z");
        List<ConsumerRecord<String, String>> poll = new ArrayList<>();
        String[][] batch = {{regular, first}, {regular, first}, {poisoned, poison}, {other, "{not json"},
                {regular, second}, {other, holdingsChanged(UUID.randomUUID().toString(), other, 1, 600000)}};
        for (String[] r : batch) {
            poll.add(new ConsumerRecord<>("ecif.customer.v1", 0, 1_000_000 + poll.size(), r[0], r[1]));
        }
        // one poll, as the connector hands it over
        consumer.consume(new ConsumerRecords<>(Map.of(new TopicPartition("ecif.customer.v1", 0), poll)));

        given().get("/api/v1/customers/" + regular + "/score").then().statusCode(200)
                .body("eventsApplied", equalTo(2)).body("tier", equalTo("EXCELLENT"))
                .body("scoreDate", equalTo("2026-11-22")).body("history.size()", equalTo(2));
        given().get("/api/v1/customers/" + other + "/score").then().statusCode(200)
                .body("eventsApplied", equalTo(1)).body("tier", equalTo("PRIVILEGE"));
        given().get("/api/v1/customers/" + poisoned + "/score").then().statusCode(404);
        // the average rose to 225,000 on the second day: POTENTIAL, then EXCELLENT
        assertThat(new Feed().tierEvents(regular, 2)).extracting(e -> e.path("data").path("to").asText())
                .containsExactly("POTENTIAL", "EXCELLENT");

        var dead = kafka.readKey("ecif.customer.v1.dlq.contribution-scoring", poisoned, 1, Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).isEqualTo(poison);
        assertThat(new String(dead.get(0).headers().lastHeader("dead-letter-reason").value()))
                .contains("account without source");
        var unreadable = kafka.readKey("ecif.customer.v1.dlq.contribution-scoring", other, 1, Duration.ofSeconds(30));
        assertThat(unreadable).extracting(ConsumerRecord::value).containsExactly("{not json");
        // the duplicate is not applied again when the whole poll is delivered a second time
        consumer.consume(new ConsumerRecords<>(Map.of(new TopicPartition("ecif.customer.v1", 0),
                List.of(poll.get(0), poll.get(4), poll.get(5)))));
        given().get("/api/v1/customers/" + regular + "/score").then().body("eventsApplied", equalTo(2));
        given().get("/api/v1/customers/" + other + "/score").then().body("eventsApplied", equalTo(1));

        // a clean poll of two customers is applied in one transaction, set-based
        consumer.consume(new ConsumerRecords<>(Map.of(new TopicPartition("ecif.customer.v1", 0), List.of(
                new ConsumerRecord<>("ecif.customer.v1", 0, 2_000_000, regular, holdingsChanged(
                        UUID.randomUUID().toString(), regular, 3, 350000)
                        .replace("2026-11-21T15:00:00Z", "2026-11-23T15:00:00Z")),
                new ConsumerRecord<>("ecif.customer.v1", 0, 2_000_001, other, holdingsChanged(
                        UUID.randomUUID().toString(), other, 2, 650000))))));
        given().get("/api/v1/customers/" + regular + "/score").then().body("eventsApplied", equalTo(3))
                .body("scoreDate", equalTo("2026-11-23")).body("history.size()", equalTo(3));
        given().get("/api/v1/customers/" + other + "/score").then().body("eventsApplied", equalTo(2))
                .body("averages.assetsLongWindow", equalTo(650000.0f));
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
        String customer = newCustomerNumber();
        kafka.send("ecif.customer.v1", customer, "{this is not json");
        kafka.send("ecif.customer.v1", customer, holdingsChanged(UUID.randomUUID().toString(), customer, 1, 600000));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/v1/customers/" + customer + "/score").then().statusCode(200)
                        .body("tier", equalTo("PRIVILEGE")));
        var dead = kafka.readKey("ecif.customer.v1.dlq.contribution-scoring", customer, 1, Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).isEqualTo("{this is not json");
        assertThat(dead.get(0).headers().lastHeader("dead-letter-reason")).isNotNull();
    }

    /** The breakdown is computed when read: it must explain exactly the stored score, points and averages. */
    @Test
    void theBreakdownExplainsTheStoredScoreExactly() throws Exception {
        String customer = newCustomerNumber();
        for (int day = 0; day < 3; day++) {
            kafka.send("ecif.customer.v1", customer, """
                    {"eventId": "%s", "eventType": "HoldingsChanged", "subject": "%s", "version": %d,
                     "occurredAt": "2026-11-2%dT10:00:00Z",
                     "data": {"customerNumber": "%s", "branchCode": "LSJ001",
                              "ebanking": {"mobileBanking": true, "loginsLast30d": 12, "transactionsLast30d": 4},
                              "accounts": [
                                {"source": "DEPOSIT", "accountId": "T-%s", "productType": "TIME_DEPOSIT",
                                 "balance": %d, "asOf": "2026-11-2%dT15:00:00Z", "openDate": "2019-03-01"},
                                {"source": "DEPOSIT", "accountId": "D-%s", "productType": "DEMAND_DEPOSIT",
                                 "balance": 35000.55, "asOf": "2026-11-2%dT15:00:00Z", "feeIncome": 120.5},
                                {"source": "LOAN", "accountId": "L-%s", "productType": "LOAN", "balance": 80000,
                                 "interestRate": 0.0525, "daysPastDue": %d, "asOf": "2026-11-2%dT15:00:00Z"}]}}"""
                    .formatted(UUID.randomUUID(), customer, day + 1, day, customer, customer, 150000 + day * 70000,
                            day, customer, day, customer, day == 2 ? 12 : 0, day));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/v1/customers/" + customer + "/score").then().statusCode(200)
                        .body("eventsApplied", equalTo(3)));
        JsonNode score = JSON.readTree(given().get("/api/v1/customers/" + customer + "/score").then().extract().asString());
        JsonNode components = score.path("breakdown").path("components");
        java.math.BigDecimal contributions = java.math.BigDecimal.ZERO;
        java.math.BigDecimal points = java.math.BigDecimal.ZERO;
        for (JsonNode c : components) {
            contributions = contributions.add(c.path("contribution").decimalValue());
            points = points.add(c.path("points").decimalValue());
        }
        assertThat(components).hasSize(7);
        assertThat(contributions).isEqualByComparingTo(score.path("score").decimalValue());
        assertThat(points).isEqualByComparingTo(score.path("points").decimalValue());
        assertThat(score.path("breakdown").path("averages").path("assetsLong").decimalValue())
                .isEqualByComparingTo(score.path("averages").path("assetsLongWindow").decimalValue());
        assertThat(score.path("breakdown").path("averages").path("assetsShort").decimalValue())
                .isEqualByComparingTo(score.path("averages").path("assetsShortWindow").decimalValue());
        assertThat(score.path("scoreDate").asText()).isEqualTo("2026-11-22");
    }
}
