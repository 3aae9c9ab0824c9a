package org.ecifhub.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ecifhub.support.infra.TestInfrastructure;
import org.ecifhub.support.testing.KafkaTestClient;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Builds customer events as customer-master publishes them (docs/events/ecif.customer.v1.schema.json) and sends
 * them to the real Kafka. Business time is carried by the holdings' asOf, so a test drives the calendar.
 */
final class Feed {

    static final ObjectMapper JSON = new ObjectMapper();
    static final LocalDate DAY0 = LocalDate.of(2026, 1, 1);
    static final String CUSTOMER_TOPIC = "ecif.customer.v1";
    static final String TIER_TOPIC = "ecif.tier.v1";
    static final String ALERT_TOPIC = "ecif.scoring-alert.v1";
    private static final AtomicLong SEQ = new AtomicLong((long) (Math.random() * 1_000_000) * 1000);

    final KafkaTestClient kafka = new KafkaTestClient(TestInfrastructure.get().kafkaBootstrapServers());

    record Account(String source, String accountId, String productType, double balance, LocalDate asOf,
                   Double interestRate, int daysPastDue, Double feeIncome) {

        static Account deposit(String id, String type, double balance, LocalDate asOf) {
            return new Account("DEPOSIT", id, type, balance, asOf, null, 0, null);
        }

        String json() {
            return """
                    {"source": "%s", "accountId": "%s", "productType": "%s", "currency": "CNY", "balance": %s,
                     "status": "ACTIVE", "openDate": null, "interestRate": %s, "daysPastDue": %d, "termMonths": null,
                     "feeIncome": %s, "asOf": "%s"}""".formatted(source, accountId, productType, balance,
                    interestRate, daysPastDue, feeIncome, instant(asOf));
        }
    }

    static String newCustomerNumber() {
        return "8" + String.format("%09d", SEQ.incrementAndGet() % 1_000_000_000L);
    }

    static String newBranch() {
        return "T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** 16:00 Beijing time on the day: the day's balance as the feed states it. */
    static String instant(LocalDate day) {
        return day + "T16:00:00+08:00";
    }

    static String envelope(String eventId, String type, String customer, long version, LocalDate day, String data) {
        return """
                {"eventId": "%s", "eventType": "%s", "subject": "%s", "version": %d, "occurredAt": "%s", "data": %s}"""
                .formatted(eventId, type, customer, version, instant(day), data);
    }

    static String holdings(String customer, long version, String branch, LocalDate day, List<Account> accounts) {
        return holdings(UUID.randomUUID().toString(), customer, version, branch, day, accounts, null);
    }

    static String holdings(String eventId, String customer, long version, String branch, LocalDate day,
                           List<Account> accounts, String ebanking) {
        List<String> list = new ArrayList<>();
        accounts.forEach(a -> list.add(a.json()));
        String data = """
                {"customerNumber": "%s", "branchCode": "%s", "accounts": [%s], "ebanking": %s}"""
                .formatted(customer, branch, String.join(",", list), ebanking);
        return envelope(eventId, "HoldingsChanged", customer, version, day, data);
    }

    static String merged(String key, long version, LocalDate day, String survivor, String retired) {
        String data = """
                {"customerNumber": "%s", "survivor": "%s", "retired": "%s", "operator": "S001", "reason": "same party"}"""
                .formatted(key, survivor, retired);
        return envelope(UUID.randomUUID().toString(), "CustomersMerged", key, version, day, data);
    }

    static String split(String from, long version, LocalDate day, String newCustomer) {
        String data = """
                {"customerNumber": "%s", "from": "%s", "newCustomer": "%s", "source": "DEPOSIT",
                 "sourceCustomerId": "X1", "operator": "S001", "reason": "two parties"}"""
                .formatted(from, from, newCustomer);
        return envelope(UUID.randomUUID().toString(), "CustomerSplit", from, version, day, data);
    }

    static String created(String customer, String branch, LocalDate day) {
        String data = """
                {"customerNumber": "%s", "attributes": {"type": "PERSON", "name": "测试", "idType": null,
                 "idNumber": null, "birthDate": null, "gender": null, "phone": null, "address": null,
                 "occupation": null, "branchCode": "%s"}, "source": {"source": "DEPOSIT", "sourceCustomerId": "X",
                 "asOf": "%s"}}""".formatted(customer, branch, instant(day));
        return envelope(UUID.randomUUID().toString(), "CustomerCreated", customer, 1, day, data);
    }

    void send(String customer, String event) {
        kafka.send(CUSTOMER_TOPIC, customer, event);
    }

    /** Waits until scoring applied this many events of the customer. */
    static void awaitApplied(String customer, int events) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/v1/customers/" + customer + "/score").then().statusCode(200)
                        .body("eventsApplied", equalTo(events)));
    }

    /**
     * Every TierChanged of the customer, once {@code expected} arrived and a few more seconds showed no other:
     * the test asserts the complete list, not just that some event came.
     */
    List<JsonNode> tierEvents(String customer, int expected) {
        return events(TIER_TOPIC, customer, expected);
    }

    List<JsonNode> alertEvents(String customer, int expected) {
        return events(ALERT_TOPIC, customer, expected);
    }

    private List<JsonNode> events(String topic, String customer, int expected) {
        List<ConsumerRecord<String, String>> found = kafka.readKey(topic, customer, expected, Duration.ofSeconds(30));
        if (found.size() == expected) {
            found = kafka.readKey(topic, customer, expected + 1, Duration.ofSeconds(3));
        }
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : found) {
            try {
                out.add(JSON.readTree(r.value()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }
}
