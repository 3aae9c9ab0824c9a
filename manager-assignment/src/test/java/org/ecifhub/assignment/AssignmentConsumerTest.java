package org.ecifhub.assignment;

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
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class AssignmentConsumerTest {

    final KafkaTestClient kafka = new KafkaTestClient(TestInfrastructure.get().kafkaBootstrapServers());

    static String tierChanged(String customerNumber, String branch, String from, String to) {
        return """
                {"eventId": "%s", "eventType": "TierChanged", "subject": "%s", "version": 1,
                 "occurredAt": "2026-11-22T10:00:00Z",
                 "data": {"customerNumber": "%s", "from": %s, "to": "%s", "reason": "test", "score": 1,
                          "modelVersion": "t", "branchCode": "%s", "effective": "2026-11-22T10:00:00Z"}}"""
                .formatted(UUID.randomUUID(), customerNumber, customerNumber, from == null ? "null" : "\"" + from + "\"",
                        to, branch);
    }

    static void staff(String id, String branch, String role, String grade) {
        given().contentType("application/json").body("""
                        {"staffId": "%s", "name": "测试", "branchCode": "%s", "role": "%s", "grade": %s, "capacity": 300}"""
                        .formatted(id, branch, role, grade == null ? "null" : "\"" + grade + "\""))
                .post("/api/v1/staff").then().statusCode(201);
    }

    @Test
    void aPrivilegeCustomerGetsASeniorManagerAndAGeneralOneATeller() {
        String branch = "T" + UUID.randomUUID().toString().substring(0, 6);
        staff(branch + "-S", branch, "CUSTOMER_MANAGER", "SENIOR");
        staff(branch + "-T", branch, "TELLER", null);

        kafka.send("ecif.tier.v1", "C1" + branch, tierChanged("C1" + branch, branch, null, "PRIVILEGE"));
        kafka.send("ecif.tier.v1", "C2" + branch, tierChanged("C2" + branch, branch, null, "GENERAL"));
        kafka.send("ecif.tier.v1", "C3" + branch, tierChanged("C3" + branch, branch, null, "POTENTIAL"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().get("/api/v1/customers/C1" + branch + "/owners").then().statusCode(200)
                    .body("current", hasSize(1)).body("current[0].ownerId", equalTo(branch + "-S"))
                    .body("current[0].role", equalTo("PRIMARY"));
            given().get("/api/v1/customers/C2" + branch + "/owners").then().statusCode(200)
                    .body("current[0].ownerId", equalTo(branch + "-T")).body("current[0].role", equalTo("TELLER"));
            given().get("/api/v1/customers/C3" + branch + "/owners").then().statusCode(200)
                    .body("current[0].ownerId", equalTo(branch)).body("current[0].role", equalTo("BRANCH"));
        });
        var published = kafka.readKey("ecif.ownership.v1", "C1" + branch, 1, Duration.ofSeconds(30));
        assertThat(published).hasSize(1);
        assertThat(published.get(0).value()).contains(branch + "-S");
    }

    @Test
    void aDowngradeToPotentialMovesOwnershipToTheBranchAndKeepsHistory() {
        String branch = "T" + UUID.randomUUID().toString().substring(0, 6);
        staff(branch + "-M", branch, "CUSTOMER_MANAGER", "MANAGER");
        String customer = "C4" + branch;
        kafka.send("ecif.tier.v1", customer, tierChanged(customer, branch, null, "EXCELLENT"));
        kafka.send("ecif.tier.v1", customer, tierChanged(customer, branch, "EXCELLENT", "POTENTIAL"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/v1/customers/" + customer + "/owners").then().statusCode(200)
                        .body("current[0].role", equalTo("BRANCH"))
                        .body("history", hasSize(2))
                        .body("history[0].ownerId", equalTo(branch + "-M")));
    }

    @Test
    void staffValidationIsAProblem() {
        given().contentType("application/json").body("""
                        {"staffId": "X1", "name": "王五", "branchCode": "LSJ001", "role": "CUSTOMER_MANAGER"}""")
                .post("/api/v1/staff").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("grade"));
    }
}
