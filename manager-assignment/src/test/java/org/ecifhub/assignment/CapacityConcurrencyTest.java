package org.ecifhub.assignment;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.ecifhub.support.infra.TestInfrastructure;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecifhub.assignment.Fixtures.awaitEvents;
import static org.ecifhub.assignment.Fixtures.currentOwner;
import static org.ecifhub.assignment.Fixtures.staff;

/**
 * Capacity holds when assignments race: TierChanged events, manual assignments and a departure hand-over all want
 * the same manager at the same moment, far more customers than the manager has room for.
 */
@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class CapacityConcurrencyTest {

    @Test
    void eventsManualAssignmentsAndAHandOverAtOnceNeverPutAManagerAboveCapacity() throws Exception {
        String branch = Fixtures.branch();
        String departing = branch + "D";
        String manager = branch + "M";
        int capacity = 6;
        // The departing manager owns four customers; six more are owned by the branch (no one had room).
        staff(departing, branch, "CUSTOMER_MANAGER", "SENIOR", 4);
        List<String> handedOver = customers(4);
        List<String> branchOwned = customers(6);
        for (String c : handedOver) {
            Fixtures.tier(c, branch, null, "EXCELLENT", "200000");
        }
        handedOver.forEach(c -> assertThat(currentOwner(awaitEvents(c, 1), "PRIMARY")).isEqualTo(departing));
        for (String c : branchOwned) {
            Fixtures.tier(c, branch, null, "EXCELLENT", "200000");
        }
        branchOwned.forEach(c -> assertThat(awaitEvents(c, 1).getList("current.ownerId")).containsExactly(branch));
        staff(manager, branch, "CUSTOMER_MANAGER", "MANAGER", capacity);
        given().contentType("application/json").body("{\"operator\": \"OP1\", \"reason\": \"调岗\"}")
                .post("/api/v1/staff/" + departing + "/departure").then().statusCode(200);

        // All at once: eight new customers by event, six manual assignments, the hand-over of four: 18 for 6 places.
        List<String> arriving = customers(8);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> manual = new ArrayList<>();
        try {
            Future<?> events = pool.submit(() -> {
                try (var producer = new KafkaProducer<String, String>(Map.of("bootstrap.servers",
                        TestInfrastructure.get().kafkaBootstrapServers()), new StringSerializer(), new StringSerializer())) {
                    go.await();
                    for (String c : arriving) {
                        producer.send(new ProducerRecord<>(Fixtures.TIER, c, Fixtures.tierChanged(c, branch, null,
                                "EXCELLENT", "200000", "2026-11-22T12:00:00+08:00")));
                    }
                    producer.flush();
                }
                return null;
            });
            for (String c : branchOwned) {
                manual.add(pool.submit(statusOf(go, () -> given().contentType("application/json").body("""
                        {"role": "PRIMARY", "ownerId": "%s", "lock": true, "reason": "客户要求", "operator": "OP1"}"""
                        .formatted(manager)).post("/api/v1/customers/" + c + "/owners").statusCode())));
            }
            Future<Integer> confirm = pool.submit(statusOf(go, () -> given().contentType("application/json")
                    .body("{\"operator\": \"OP1\"}").post("/api/v1/staff/" + departing + "/departure/confirm")
                    .statusCode()));
            go.countDown();
            events.get(60, TimeUnit.SECONDS);
            assertThat(confirm.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            for (Future<Integer> f : manual) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isIn(200, 409);
            }
        } finally {
            pool.shutdownNow();
        }
        arriving.forEach(c -> awaitEvents(c, 1));

        List<String> all = new ArrayList<>(handedOver);
        all.addAll(branchOwned);
        all.addAll(arriving);
        long owned = all.stream().filter(c -> manager.equals(currentOwner(Fixtures.owners(c), "PRIMARY"))).count();
        // Demand was three times the room: the manager is exactly full, never above.
        assertThat(owned).isEqualTo(capacity);
        assertThat(given().get("/api/v1/staff/" + manager).jsonPath().getLong("load")).isEqualTo(capacity);
        // Nobody is left unowned: what did not fit is owned by the branch.
        all.forEach(c -> assertThat(Fixtures.owners(c).getList("current")).isNotEmpty());
        assertThat(given().get("/api/v1/staff/" + departing).jsonPath().getString("status")).isEqualTo("DEPARTED");
    }

    @Test
    void aManualAssignmentToAManagerWithoutRoomIsRefused() {
        String branch = Fixtures.branch();
        staff(branch + "M", branch, "CUSTOMER_MANAGER", "MANAGER", 1);
        String owned = Fixtures.customer();
        String other = Fixtures.customer();
        Fixtures.tier(owned, branch, null, "EXCELLENT", "200000");
        assertThat(currentOwner(awaitEvents(owned, 1), "PRIMARY")).isEqualTo(branch + "M");
        Fixtures.tier(other, branch, null, "EXCELLENT", "200000");
        assertThat(awaitEvents(other, 1).getList("current.ownerId")).containsExactly(branch);
        given().contentType("application/json").body("""
                        {"role": "PRIMARY", "ownerId": "%s", "reason": "客户要求", "operator": "OP1"}""".formatted(branch + "M"))
                .post("/api/v1/customers/" + other + "/owners").then().statusCode(409)
                .contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("ownerId"))
                .body("errors[0].reason", org.hamcrest.Matchers.containsString("at capacity (1 of 1"));
    }

    private static List<String> customers(int n) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(Fixtures.customer());
        }
        return list;
    }

    private static Callable<Integer> statusOf(CountDownLatch go, Callable<Integer> request) {
        return () -> {
            go.await();
            return request.call();
        };
    }
}
