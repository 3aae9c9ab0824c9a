package org.ecifhub.assignment;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecifhub.assignment.Fixtures.awaitEvents;
import static org.ecifhub.assignment.Fixtures.currentOwner;
import static org.ecifhub.assignment.Fixtures.staff;
import static org.ecifhub.assignment.Fixtures.tier;
import static org.hamcrest.Matchers.equalTo;

/** Departure (离岗): plan, audit checklist, confirmation; nobody left unowned. */
@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class DepartureIntegrationTest {

    @Test
    void aDepartureHandsEveryCustomerOverWithNothingLeftUnowned() {
        String branch = Fixtures.branch();
        String leaving = branch + "S1";
        staff(leaving, branch, "CUSTOMER_MANAGER", "SENIOR");
        staff(branch + "M1", branch, "CUSTOMER_MANAGER", "MANAGER", 1);
        List<String> customers = new ArrayList<>();
        // A core customer (S1 primary, M1 secondary), then four more for S1 alone (M1 is full at capacity 1).
        String core = Fixtures.customer();
        customers.add(core);
        tier(core, branch, null, "PRIVILEGE", "3000000");
        Fixtures.holdings(core, branch, "3000000", "50000", 12);
        awaitEvents(core, 2);
        for (int i = 0; i < 2; i++) {
            String c = Fixtures.customer();
            customers.add(c);
            tier(c, branch, null, "PRIVILEGE", "600000");
        }
        for (int i = 0; i < 2; i++) {
            String c = Fixtures.customer();
            customers.add(c);
            tier(c, branch, null, "EXCELLENT", "100000");
        }
        for (String c : customers) {
            JsonPath owners = awaitEvents(c, c.equals(core) ? 2 : 1);
            assertThat(currentOwner(owners, "PRIMARY")).isEqualTo(leaving);
        }
        assertThat(currentOwner(Fixtures.owners(core), "SECONDARY")).isEqualTo(branch + "M1");
        String locked = customers.get(1);
        given().contentType("application/json").body("""
                        {"role": "PRIMARY", "ownerId": "%s", "lock": true, "reason": "客户指定", "operator": "OP1"}"""
                        .formatted(leaving)).post("/api/v1/customers/" + locked + "/owners").then().statusCode(200);
        given().contentType("application/json").body("""
                        {"customerNumber": "%s", "staffId": "%s", "date": "%s", "channel": "VISIT", "needs": "想了解理财",
                         "products": ["WEALTH"]}""".formatted(core, leaving, LocalDate.now().minusDays(3)))
                .post("/api/v1/visits").then().statusCode(201);

        staff(branch + "S2", branch, "CUSTOMER_MANAGER", "SENIOR");
        staff(branch + "S3", branch, "CUSTOMER_MANAGER", "SENIOR");

        // Nobody becomes DEPARTED while owning customers.
        given().contentType("application/json").body("""
                        {"staffId": "%s", "name": "n", "branchCode": "%s", "role": "CUSTOMER_MANAGER", "grade": "SENIOR",
                         "status": "DEPARTED"}""".formatted(leaving, branch))
                .put("/api/v1/staff/" + leaving).then().statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("status"));
        given().contentType("application/json").body("{\"operator\": \"HR1\"}")
                .post("/api/v1/staff/" + leaving + "/departure/confirm").then().statusCode(409);

        JsonPath plan = given().contentType("application/json").body("{\"operator\": \"HR1\", \"reason\": \"调往县联社\"}")
                .post("/api/v1/staff/" + leaving + "/departure").then().statusCode(200)
                .body("status", equalTo("DEPARTING")).extract().jsonPath();
        assertThat(plan.getList("items.customerNumber")).containsExactlyInAnyOrderElementsOf(customers);
        for (int i = 0; i < customers.size(); i++) {
            assertThat(plan.getList("items[" + i + "].proposed.ownerId")).isNotEmpty().doesNotContain(leaving);
            assertThat(plan.getString("items[" + i + "].reason")).isNotBlank();
            assertThat(plan.getList("items[" + i + "].checklist", String.class))
                    .anyMatch(l -> l.startsWith("OVERDUE_LOANS")).anyMatch(l -> l.startsWith("VISIT_"))
                    .anyMatch(l -> l.startsWith("NOTES"));
        }
        JsonPath corePlan = item(plan, core);
        assertThat(corePlan.getList("checklist", String.class)).contains("OVERDUE_LOANS: 1 loan(s) past due; agree who follows up")
                .anyMatch(l -> l.contains("想了解理财"));
        assertThat(corePlan.getList("proposed.role")).containsExactly("PRIMARY", "SECONDARY");
        assertThat(corePlan.getList("proposed.ownerId").get(1)).isEqualTo(branch + "M1");
        assertThat(item(plan, locked).getBoolean("locked")).isTrue();
        given().get("/api/v1/staff/" + leaving + "/departure").then().statusCode(200)
                .body("customers", equalTo(customers.size())).body("reason", equalTo("调往县联社"));
        // While DEPARTING, S1 takes no new customers.
        String newcomer = Fixtures.customer();
        tier(newcomer, branch, null, "PRIVILEGE", "600000");
        assertThat(currentOwner(awaitEvents(newcomer, 1), "PRIMARY")).isNotEqualTo(leaving);

        given().contentType("application/json").body("{\"operator\": \"HR1\"}")
                .post("/api/v1/staff/" + leaving + "/departure/confirm").then().statusCode(200)
                .body("status", equalTo("DEPARTED")).body("handedOver", equalTo(customers.size()));

        for (String c : customers) {
            JsonPath owners = Fixtures.owners(c);
            assertThat(owners.getList("current")).as(c).isNotEmpty();
            assertThat(owners.getList("current.ownerId")).as(c).doesNotContain(leaving);
            assertThat(currentOwner(owners, "PRIMARY")).as(c).isIn(branch + "S2", branch + "S3");
            assertThat(owners.getString("current[0].operator")).isEqualTo("HR1");
        }
        assertThat(Fixtures.owners(locked).getBoolean("locked")).isTrue();
        given().get("/api/v1/staff/" + leaving).then().body("status", equalTo("DEPARTED")).body("load", equalTo(0));
        given().get("/api/v1/staff/" + leaving + "/roster").then().statusCode(200).body("size()", equalTo(0));
    }

    private static JsonPath item(JsonPath plan, String customer) {
        List<String> numbers = plan.getList("items.customerNumber");
        return new JsonPath(plan.prettify()).setRootPath("items[" + numbers.indexOf(customer) + "]");
    }
}
