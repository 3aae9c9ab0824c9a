package org.ecifhub.assignment;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecifhub.assignment.Fixtures.awaitEvents;
import static org.ecifhub.assignment.Fixtures.staff;
import static org.ecifhub.assignment.Fixtures.tier;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/** Visit plans by tier, reports, worklist, overdue lists and the roster. */
@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class VisitIntegrationTest {

    @Test
    void plansWorklistOverdueReportsAndRoster() {
        String branch = Fixtures.branch();
        String senior = branch + "S";
        staff(senior, branch, "CUSTOMER_MANAGER", "SENIOR");
        String customer = Fixtures.customer();
        String potential = Fixtures.customer();
        Fixtures.created(customer, branch, "张三", "PERSON");
        Fixtures.holdings(customer, branch, "650000.50", "120000", 0);
        tier(customer, branch, null, "PRIVILEGE", "700000", "2026-01-10T09:00:00+08:00");
        tier(potential, branch, null, "POTENTIAL", "30000", "2026-01-10T09:00:00+08:00");
        awaitEvents(customer, 3);
        awaitEvents(potential, 1);

        given().get("/api/v1/visits/plans").then().statusCode(200).body("PRIVILEGE", equalTo("P1M"))
                .body("EXCELLENT", equalTo("P3M")).body("POTENTIAL", equalTo("P6M"));

        // Owned since 10 January, PRIVILEGE is visited monthly: due 10 February.
        given().queryParam("staff", senior).queryParam("date", "2026-02-09").get("/api/v1/visits/worklist").then()
                .statusCode(200).body("$", empty());
        given().queryParam("staff", senior).queryParam("date", "2026-02-10").get("/api/v1/visits/worklist").then()
                .body("customerNumber", contains(customer)).body("[0].dueDate", equalTo("2026-02-10"));
        given().queryParam("staff", senior).queryParam("date", "2026-03-01").get("/api/v1/visits/overdue").then()
                .body("customerNumber", contains(customer)).body("[0].overdueDays", equalTo(19));
        // The branch's list has its staff's customers and the branch's own pool (POTENTIAL, due 10 July).
        given().queryParam("branch", branch).queryParam("date", "2026-08-01").get("/api/v1/visits/overdue").then()
                .body("customerNumber", contains(customer, potential));

        given().contentType("application/json").body("""
                        {"customerNumber": "%s", "staffId": "%s", "date": "2026-02-15", "channel": "VISIT",
                         "needs": "子女留学换汇", "products": ["TIME_DEPOSIT", "WEALTH"], "nextDate": "2026-03-15"}"""
                        .formatted(customer, senior))
                .post("/api/v1/visits").then().statusCode(201).body("products", contains("TIME_DEPOSIT", "WEALTH"));
        // Announced on the customer's key, without the report's free text.
        var announced = Fixtures.KAFKA.read(Fixtures.OWNERSHIP, r -> customer.equals(r.key())
                && "VisitReported".equals(Fixtures.json(r.value()).path("eventType").asText()), 1, Duration.ofSeconds(30));
        assertThat(announced).hasSize(1);
        var event = Fixtures.json(announced.get(0).value());
        assertThat(event.path("subject").asText()).isEqualTo(customer);
        assertThat(event.path("version").asLong()).isPositive();
        assertThat(event.path("data").path("staffId").asText()).isEqualTo(senior);
        assertThat(event.path("data").path("date").asText()).isEqualTo("2026-02-15");
        assertThat(event.path("data").path("nextDate").asText()).isEqualTo("2026-03-15");
        assertThat(event.path("data").path("channel").asText()).isEqualTo("VISIT");
        assertThat(event.path("data").path("visitId").asLong()).isPositive();
        assertThat(event.path("data").has("needs")).isFalse();
        given().queryParam("staff", senior).queryParam("date", "2026-03-01").get("/api/v1/visits/overdue").then()
                .body("$", empty());
        given().queryParam("staff", senior).queryParam("date", "2026-03-15").get("/api/v1/visits/worklist").then()
                .body("customerNumber", contains(customer)).body("[0].lastVisit", equalTo("2026-02-15"));
        given().queryParam("customer", customer).get("/api/v1/visits").then().statusCode(200)
                .body("needs", contains("子女留学换汇"));

        given().get("/api/v1/staff/" + senior + "/roster").then().statusCode(200)
                .body("customerNumber", contains(customer)).body("[0].name", equalTo("张三"))
                .body("[0].address", equalTo("湖南省临湘市长安路1号")).body("[0].phone", equalTo("13800138000"))
                .body("[0].deposits", equalTo(650000.50f)).body("[0].loans", equalTo(120000.0f))
                .body("[0].tier", equalTo("PRIVILEGE")).body("[0].importance", equalTo("KEY"))
                .body("[0].role", equalTo("PRIMARY")).body("[0].lastVisit", equalTo("2026-02-15"));
    }

    @Test
    void refusedReportsAreProblemsNamingTheField() {
        String branch = Fixtures.branch();
        staff(branch + "S", branch, "CUSTOMER_MANAGER", "SENIOR");
        String customer = Fixtures.customer();
        tier(customer, branch, null, "PRIVILEGE", "700000");
        awaitEvents(customer, 1);
        String body = """
                {"customerNumber": "%s", "staffId": "%sS", "date": "%s", "channel": "%s"}""";
        given().contentType("application/json").body(body.formatted(customer, branch, "2026-01-05", "EMAIL"))
                .post("/api/v1/visits").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("channel"));
        given().contentType("application/json").body(body.formatted(customer, branch, LocalDate.now().plusDays(5), "PHONE"))
                .post("/api/v1/visits").then().statusCode(400).body("errors[0].field", equalTo("date"));
        given().contentType("application/json").body(body.formatted("000", branch, "2026-01-05", "PHONE"))
                .post("/api/v1/visits").then().statusCode(400).body("errors[0].field", equalTo("customerNumber"));
        given().contentType("application/json").body("{\"customerNumber\": \"" + customer + "\", \"date\": \"5 Jan\"}")
                .post("/api/v1/visits").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("date"));
    }
}
