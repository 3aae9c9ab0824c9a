package org.ecifhub.assignment;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecifhub.assignment.Fixtures.KAFKA;
import static org.ecifhub.assignment.Fixtures.awaitEvents;
import static org.ecifhub.assignment.Fixtures.currentOwner;
import static org.ecifhub.assignment.Fixtures.staff;
import static org.hamcrest.Matchers.equalTo;

/** Concurrency, replay and re-evaluation against real PostgreSQL and Kafka. */
@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class ReliabilityIntegrationTest {

    @Test
    void eventsForOneCustomerOnBothTopicsNeverMakeTwoOwnersAndAReplayChangesNothing() {
        String a = Fixtures.branch();
        String b = Fixtures.branch();
        for (String branch : List.of(a, b)) {
            staff(branch + "S", branch, "CUSTOMER_MANAGER", "SENIOR");
            staff(branch + "M", branch, "CUSTOMER_MANAGER", "MANAGER");
            staff(branch + "T", branch, "TELLER", null);
        }
        String customer = Fixtures.customer();
        String[] tiers = {"PRIVILEGE", "EXCELLENT", "GENERAL", "POTENTIAL"};
        List<String[]> sent = new ArrayList<>();
        String from = null;
        for (int i = 0; i < 12; i++) {
            String to = tiers[i % tiers.length];
            String branch = i % 3 == 0 ? a : b;
            String tier = Fixtures.tierChanged(customer, branch, from, to, i % 2 == 0 ? "2500000" : "600000",
                    "2026-11-22T10:00:%02d+08:00".formatted(i));
            String holdings = Fixtures.envelope("HoldingsChanged", customer, """
                    {"customerNumber": "%s", "branchCode": "%s", "ebanking": null, "accounts": []}"""
                    .formatted(customer, i % 2 == 0 ? b : a));
            sent.add(new String[] {Fixtures.TIER, tier});
            sent.add(new String[] {Fixtures.CUSTOMER, holdings});
            KAFKA.send(Fixtures.TIER, customer, tier);
            KAFKA.send(Fixtures.CUSTOMER, customer, holdings);
            from = to;
        }
        JsonPath owners = awaitEvents(customer, 24);
        List<String> roles = owners.getList("current.role");
        assertThat(roles).doesNotHaveDuplicates();
        assertThat(roles.stream().filter(r -> !r.equals("SECONDARY")).count()).isEqualTo(1);
        String before = given().get("/api/v1/customers/" + customer + "/owners").asString();
        int changes = owners.getList("history").size();
        assertThat(KAFKA.read(Fixtures.OWNERSHIP, r -> customer.equals(r.key()) && r.value().contains("OwnershipChanged"),
                changes, Duration.ofSeconds(30))).hasSize(changes);
        int published = KAFKA.readKey(Fixtures.OWNERSHIP, customer, Integer.MAX_VALUE, Duration.ofSeconds(3)).size();

        // Replay: the same events again (same ids), as after a consumer-group reset. Nothing changes.
        for (String[] e : sent) {
            KAFKA.send(e[0], customer, e[1]);
        }
        Fixtures.awaitConsumed(Fixtures.TIER, Fixtures.CUSTOMER);
        assertThat(given().get("/api/v1/customers/" + customer + "/owners").asString()).isEqualTo(before);
        assertThat(KAFKA.readKey(Fixtures.OWNERSHIP, customer, Integer.MAX_VALUE, Duration.ofSeconds(3))).hasSize(published);
    }

    @Test
    void aReevaluationGivesBranchOwnedCustomersToNewlyAddedStaff() {
        String branch = Fixtures.branch();
        String customer = Fixtures.customer();
        Fixtures.tier(customer, branch, null, "EXCELLENT", "200000");
        assertThat(awaitEvents(customer, 1).getList("current.ownerId")).containsExactly(branch);
        staff(branch + "M", branch, "CUSTOMER_MANAGER", "MANAGER");
        // Adding staff moves no one by itself.
        assertThat(Fixtures.owners(customer).getList("current.ownerId")).containsExactly(branch);

        var started = given().contentType("application/json").body("{\"operator\": \"OP1\", \"reason\": \"新员工\"}")
                .post("/api/v1/assignment/reevaluation").then().statusCode(202)
                .body("status", equalTo("RUNNING")).body("operator", equalTo("OP1")).extract();
        String location = started.header("Location");
        assertThat(location).endsWith("/api/v1/assignment/reevaluation/" + started.jsonPath().getString("id"));
        JsonPath job = awaitJob(location);
        assertThat(job.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(job.getInt("percent")).isEqualTo(100);
        assertThat(job.getLong("processed")).isEqualTo(job.getLong("customers")).isPositive();
        assertThat(job.getLong("changed")).isPositive();
        JsonPath owners = Fixtures.owners(customer);
        assertThat(currentOwner(owners, "PRIMARY")).isEqualTo(branch + "M");
        assertThat(owners.getString("current[0].reason")).startsWith("re-evaluation by OP1: 新员工");
        int published = KAFKA.readKey(Fixtures.OWNERSHIP, customer, 2, Duration.ofSeconds(30)).size();
        assertThat(published).isEqualTo(2);

        // Again, with nothing to change: no owner moves and no event is published.
        String again = given().contentType("application/json").body("{\"operator\": \"OP1\"}")
                .post("/api/v1/assignment/reevaluation").then().statusCode(202).extract().header("Location");
        assertThat(awaitJob(again).getLong("changed")).isZero();
        assertThat(Fixtures.owners(customer).getList("history")).hasSize(2);
        assertThat(KAFKA.readKey(Fixtures.OWNERSHIP, customer, 3, Duration.ofSeconds(3))).hasSize(2);
        assertThat(given().get("/api/v1/assignment/reevaluation").jsonPath().getList("id"))
                .contains(started.jsonPath().getString("id"));
        given().get("/api/v1/assignment/reevaluation/" + java.util.UUID.randomUUID()).then().statusCode(404);
        given().contentType("application/json").body("{}").post("/api/v1/assignment/reevaluation").then()
                .statusCode(400).body("errors[0].field", equalTo("operator"));
    }

    private static JsonPath awaitJob(String location) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> !"RUNNING".equals(given().get(location).jsonPath().getString("status")));
        return given().get(location).then().statusCode(200).extract().jsonPath();
    }
}
