package org.ecifhub.assignment;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.ecifhub.assignment.Fixtures.staff;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** Branches and staff: CRUD with statuses, CSV bulk import, problem+json errors. */
@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class OrganisationIntegrationTest {

    @Test
    void staffAreCreatedReadListedAndChanged() {
        String branch = Fixtures.branch();
        given().contentType("application/json").body("""
                        {"staffId": "%sS", "name": "刘建军", "branchCode": "%s", "role": "CUSTOMER_MANAGER", "grade": "SENIOR",
                         "capacity": 300}""".formatted(branch, branch))
                .post("/api/v1/staff").then().statusCode(201).body("status", equalTo("ACTIVE")).body("load", equalTo(0));
        staff(branch + "T", branch, "TELLER", null);
        given().get("/api/v1/staff/" + branch + "T").then().statusCode(200).body("grade", nullValue())
                .body("capacity", equalTo(300));
        given().queryParam("branch", branch).get("/api/v1/staff").then().statusCode(200)
                .body("staffId", containsInAnyOrder(branch + "S", branch + "T"));
        // The branch exists once staff name it.
        given().get("/api/v1/branches/" + branch).then().statusCode(200).body("branchCode", equalTo(branch));

        given().contentType("application/json").body("""
                        {"staffId": "%sS", "name": "刘建军", "branchCode": "%s", "role": "CUSTOMER_MANAGER", "grade": "MANAGER",
                         "capacity": 200, "status": "ON_LEAVE"}""".formatted(branch, branch))
                .put("/api/v1/staff/" + branch + "S").then().statusCode(200).body("status", equalTo("ON_LEAVE"))
                .body("grade", equalTo("MANAGER")).body("capacity", equalTo(200));
        given().queryParam("branch", branch).queryParam("status", "ON_LEAVE").get("/api/v1/staff").then()
                .body("staffId", containsInAnyOrder(branch + "S"));
        given().contentType("application/json").body("""
                        {"staffId": "%sS", "name": "刘建军", "branchCode": "%s", "role": "CUSTOMER_MANAGER", "grade": "MANAGER",
                         "status": "DEPARTING"}""".formatted(branch, branch))
                .put("/api/v1/staff/" + branch + "S").then().statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("status"));
    }

    @Test
    void refusedStaffAreProblemsNamingTheField() {
        String branch = Fixtures.branch();
        given().contentType("application/json").body("""
                        {"staffId": "%sT", "name": "王芳", "branchCode": "%s", "role": "TELLER", "grade": "SENIOR"}"""
                        .formatted(branch, branch))
                .post("/api/v1/staff").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("grade")).body("errors[0].reason", equalTo("a teller has no grade"));
        given().contentType("application/json").body("""
                        {"staffId": "%sX", "name": "王芳", "branchCode": "%s", "role": "TELLER", "capacity": -1}"""
                        .formatted(branch, branch))
                .post("/api/v1/staff").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("capacity"));
        staff(branch + "S", branch, "CUSTOMER_MANAGER", "SENIOR");
        given().contentType("application/json").body("""
                        {"staffId": "%sS", "name": "重复", "branchCode": "%s", "role": "CUSTOMER_MANAGER", "grade": "SENIOR"}"""
                        .formatted(branch, branch))
                .post("/api/v1/staff").then().statusCode(409).contentType("application/problem+json");
        given().get("/api/v1/staff/nobody-" + branch).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aCsvImportCreatesAndUpdatesOrRefusesEverything() {
        String branch = Fixtures.branch();
        staff(branch + "1", branch, "CUSTOMER_MANAGER", "TRAINEE");
        String csv = """
                staffId,name,branchCode,role,grade,capacity
                %s1,李明,%s,CUSTOMER_MANAGER,MANAGER,250
                %s2,"张, 伟",%s,CUSTOMER_MANAGER,SENIOR,
                %s3,王芳,%s,TELLER,,500
                """.formatted(branch, branch, branch, branch, branch, branch);
        given().contentType("text/csv; charset=UTF-8").body(csv).post("/api/v1/staff/import").then().statusCode(200)
                .body("created", equalTo(2)).body("updated", equalTo(1));
        given().get("/api/v1/staff/" + branch + "1").then().body("grade", equalTo("MANAGER")).body("capacity", equalTo(250));
        given().get("/api/v1/staff/" + branch + "2").then().body("name", equalTo("张, 伟")).body("capacity", equalTo(300));

        String bad = """
                staffId,name,branchCode,role,grade,capacity
                %s4,赵六,%s,CUSTOMER_MANAGER,MANAGER,100
                %s5,钱七,%s,CUSTOMER_MANAGER,,100
                """.formatted(branch, branch, branch, branch);
        given().contentType("text/csv; charset=UTF-8").body(bad).post("/api/v1/staff/import").then().statusCode(422)
                .contentType("application/problem+json").body("errors[0].index", equalTo(1))
                .body("errors[0].field", equalTo("grade"));
        given().get("/api/v1/staff/" + branch + "4").then().statusCode(404);
    }

    @Test
    void theOpenApiDocumentDescribesTheApiWithExamples() {
        String doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(doc).contains("/api/v1/customers/{customerNumber}/owners",
                "/api/v1/staff/{staffId}/departure/confirm", "/api/v1/staff/{staffId}/roster",
                "/api/v1/staff/{staffId}/performance", "/api/v1/visits/worklist", "/api/v1/visits/overdue",
                "/api/v1/staff/import", "/api/v1/branches/{branchCode}", "刘建军");
    }

    @Test
    void branchesHaveNamesAndNeighbours() {
        String branch = Fixtures.branch();
        String other = Fixtures.branch();
        given().contentType("application/json").body("{\"name\": \"城关支行\", \"neighbours\": [\"" + other + "\"]}")
                .put("/api/v1/branches/" + branch).then().statusCode(200).body("name", equalTo("城关支行"))
                .body("neighbours", containsInAnyOrder(other));
        given().get("/api/v1/branches").then().statusCode(200).body("branchCode", hasItem(other));
        given().contentType("application/json").body("{\"neighbours\": [\"" + branch + "\"]}")
                .put("/api/v1/branches/" + branch).then().statusCode(400).body("errors[0].field", equalTo("neighbours"));
    }
}
