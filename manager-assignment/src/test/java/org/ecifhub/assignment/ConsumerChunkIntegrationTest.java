package org.ecifhub.assignment;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.ecifhub.assignment.messaging.EventsConsumer;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecifhub.assignment.Fixtures.KAFKA;
import static org.ecifhub.assignment.Fixtures.currentOwner;
import static org.ecifhub.assignment.Fixtures.staff;

/**
 * A poll's records applied as one chunk by the real consumer (against real PostgreSQL and Kafka): the poll is
 * handed to {@link EventsConsumer} as it would come from Kafka, so that the duplicate and the poison messages are
 * certainly in the same chunk as the good events.
 */
@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class ConsumerChunkIntegrationTest {

    @Inject
    EventsConsumer consumer;

    @Test
    void aDuplicateInsideAChunkIsAppliedOnceAndPoisonGoesToTheDeadLetterTopicWhileTheRestIsApplied() {
        String branch = Fixtures.branch();
        staff(branch + "T", branch, "TELLER", null);
        staff(branch + "S", branch, "CUSTOMER_MANAGER", "SENIOR");
        String first = Fixtures.customer();
        String second = Fixtures.customer();
        String failing = Fixtures.customer();
        String general = Fixtures.tierChanged(first, branch, null, "GENERAL", "10", "2026-11-22T10:00:00+08:00");
        String privilege = Fixtures.tierChanged(second, branch, null, "PRIVILEGE", "600000", "2026-11-22T10:00:00+08:00");
        String unreadable = "{\"eventType\": \"TierChanged\", \"not\": \"an envelope " + UUID.randomUUID() + "\"}";
        // Readable, but it fails when applied (an effective time that is not one): it fails the chunk.
        String unapplicable = Fixtures.tierChanged(failing, branch, null, "GENERAL", "10", "yesterday");
        String potential = Fixtures.tierChanged(first, branch, "GENERAL", "POTENTIAL", "20000", "2026-11-22T11:00:00+08:00");

        consumer.tierEvents(poll(List.of(general, privilege, general, unreadable, unapplicable, potential),
                List.of(first, second, first, first, failing, first)));

        // The first customer's two distinct events applied in order, the duplicate once: teller, then the branch.
        var owners = Fixtures.owners(first);
        assertThat(owners.getLong("eventsApplied")).isEqualTo(2);
        assertThat(owners.getList("history.ownerId")).containsExactly(branch + "T", branch);
        assertThat(owners.getList("current.ownerId")).containsExactly(branch);
        assertThat(currentOwner(Fixtures.owners(second), "PRIMARY")).isEqualTo(branch + "S");
        // The event that failed changed nothing (its transaction rolled back) ...
        given().get("/api/v1/customers/" + failing + "/owners").then().statusCode(404);
        // ... and both poison messages are on the dead-letter topic, with where they came from.
        var dead = KAFKA.read("ecif.tier.v1.dlq.manager-assignment",
                r -> r.value().equals(unreadable) || r.value().equals(unapplicable), 2, Duration.ofSeconds(30));
        assertThat(dead).hasSize(2);
        assertThat(new String(dead.get(0).headers().lastHeader("dead-letter-topic").value())).isEqualTo(Fixtures.TIER);
        // One OwnershipChanged per real change: two for the first customer, published with the changes.
        assertThat(KAFKA.read(Fixtures.OWNERSHIP, r -> first.equals(r.key()) && r.value().contains("OwnershipChanged"),
                2, Duration.ofSeconds(30))).hasSize(2);
    }

    @Test
    void aChunkRedeliveredWholeChangesNothing() {
        String branch = Fixtures.branch();
        staff(branch + "M", branch, "CUSTOMER_MANAGER", "MANAGER");
        List<String> events = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String c = Fixtures.customer();
            events.add(Fixtures.tierChanged(c, branch, null, "EXCELLENT", "200000", "2026-11-22T10:00:00+08:00"));
            keys.add(c);
        }
        consumer.tierEvents(poll(events, keys));
        String before = given().get("/api/v1/staff/" + branch + "M").asString();
        consumer.tierEvents(poll(events, keys)); // as after a crash before the offsets were committed
        assertThat(given().get("/api/v1/staff/" + branch + "M").asString()).isEqualTo(before);
        for (String c : keys) {
            var owners = Fixtures.owners(c);
            assertThat(owners.getLong("eventsApplied")).isEqualTo(1);
            assertThat(owners.getList("history")).hasSize(1);
        }
        assertThat(given().get("/api/v1/staff/" + branch + "M").jsonPath().getLong("load")).isEqualTo(20);
    }

    private static ConsumerRecords<String, String> poll(List<String> values, List<String> keys) {
        TopicPartition partition = new TopicPartition(Fixtures.TIER, 0);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            records.add(new ConsumerRecord<>(Fixtures.TIER, 0, 1_000_000L + i, keys.get(i), values.get(i)));
        }
        return new ConsumerRecords<>(Map.of(partition, records), Map.of());
    }
}
