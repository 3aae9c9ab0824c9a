package org.ecifhub.scoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.ecifhub.support.infra.TestInfrastructure;
import org.ecifhub.support.testing.KafkaTestClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class ScoringConsumerTest {

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
                        .body("tier", equalTo("EXCELLENT")).body("score", equalTo(250000.0f)));
        var tierEvents = kafka.readKey("ecif.tier.v1", customer, 1, Duration.ofSeconds(30));
        assertThat(tierEvents).hasSize(1);
        var tierChanged = JSON.readTree(tierEvents.get(0).value());
        assertThat(tierChanged.path("eventType").asText()).isEqualTo("TierChanged");
        assertThat(tierChanged.path("data").path("to").asText()).isEqualTo("EXCELLENT");
        assertThat(tierChanged.path("data").path("from").isNull()).isTrue();
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
                        .body("score", equalTo(2000.0f)).body("eventsApplied", equalTo(2)));
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
}
