package org.ecifhub.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ecifhub.scoring.Feed.Account.deposit;
import static org.ecifhub.scoring.Feed.DAY0;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** The model is data: stored in versions, simulated against the active one, activated with a re-score. */
@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class ModelLifecycleTest {

    final Feed feed = new Feed();

    static ObjectNode activeParameters() {
        return (ObjectNode) given().get("/api/v1/scoring/models/active").then().statusCode(200)
                .extract().as(JsonNode.class).path("parameters");
    }

    static String draft(ObjectNode model) {
        return Feed.JSON.createObjectNode().put("createdBy", "HQ-RISK-01").set("model", model).toString();
    }

    @Test
    void theDocumentedDefaultIsActiveAtFirstStart() {
        JsonNode active = given().get("/api/v1/scoring/models/active").then().statusCode(200)
                .body("status", equalTo("ACTIVE")).extract().as(JsonNode.class);
        JsonNode p = active.path("parameters");
        assertThat(p.path("windows").path("shortDays").asInt()).isEqualTo(30);
        assertThat(p.path("windows").path("longDays").asInt()).isEqualTo(90);
        assertThat(p.path("gracePeriodDays").asInt()).isEqualTo(30);
        assertThat(p.path("tiers").path("privilegeAssets").decimalValue()).isEqualByComparingTo("500000");
        given().get("/api/v1/scoring/models").then().statusCode(200).body("version", hasItem("ecif-cs-1.0"));
    }

    @Test
    void theOpenApiDocumentDescribesTheCommandsWithExamples() {
        String doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(doc).contains("/api/v1/scoring/models/{version}/simulate", "/api/v1/scoring/models/{version}/activate",
                "/api/v1/customers/{customerNumber}/tier-override", "/api/v1/scoring/reevaluate",
                "/api/v1/scoring/structure", "/api/v1/scoring/migration", "/api/v1/scoring/alerts",
                "/api/v1/scoring/jobs/{id}", "application/problem+json", "ecif-cs-1.1");
    }

    @Test
    void anInvalidModelIsAProblemNamingEachField() {
        ObjectNode model = activeParameters().deepCopy();
        model.put("version", "bad version!");
        ((ObjectNode) model.path("windows")).put("longDays", 7);
        model.put("gracePeriodDays", -3);
        given().contentType("application/json").body(draft(model)).post("/api/v1/scoring/models").then()
                .statusCode(400).contentType(startsWith("application/problem+json"))
                .body("type", equalTo("urn:ecif:problem:validation"))
                .body("errors.field", hasItem("model.version"))
                .body("errors.field", hasItem("model.windows.longDays"))
                .body("errors.field", hasItem("model.gracePeriodDays"))
                .body("errors.find { it.field == 'model.gracePeriodDays' }.reason", equalTo("must be between 0 and 366"));

        given().contentType("application/json").body("{\"model\": {\"version\": \"x1\", \"windows\": {\"shortDays\": \"many\"}}}")
                .post("/api/v1/scoring/models").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("model.windows.shortDays"));

        given().post("/api/v1/scoring/models/no-such-version/simulate").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void aNewVersionIsSimulatedThenActivatedAndOnlyRealChangesArePublished() {
        String branch = Feed.newBranch();
        String excellent = Feed.newCustomerNumber();
        String privilege = Feed.newCustomerNumber();
        feed.send(excellent, Feed.holdings(excellent, 1, branch, DAY0,
                List.of(deposit("ME" + excellent, "TIME_DEPOSIT", 250_000, DAY0))));
        feed.send(privilege, Feed.holdings(privilege, 1, branch, DAY0,
                List.of(deposit("MP" + privilege, "TIME_DEPOSIT", 600_000, DAY0))));
        Feed.awaitApplied(excellent, 1);
        Feed.awaitApplied(privilege, 1);

        // EXCELLENT from 300,000 average assets instead of 200,000
        String version = "test-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode stricter = activeParameters().deepCopy();
        stricter.put("version", version).put("description", "EXCELLENT from 300,000");
        ((ObjectNode) stricter.path("tiers")).put("excellentAssets", 300000);
        given().contentType("application/json").body(draft(stricter)).post("/api/v1/scoring/models").then()
                .statusCode(201).body("status", equalTo("DRAFT"));
        given().contentType("application/json").body(draft(stricter)).post("/api/v1/scoring/models").then()
                .statusCode(409).contentType(startsWith("application/problem+json"));

        JsonNode simulation = given().post("/api/v1/scoring/models/" + version + "/simulate").then().statusCode(200)
                .extract().as(JsonNode.class);
        assertThat(simulation.path("matrix").path("EXCELLENT").path("POTENTIAL").asLong()).isPositive();
        // nothing changed yet
        given().get("/api/v1/customers/" + excellent + "/score").then().body("tier", equalTo("EXCELLENT"));

        JsonNode activation = activateAndWait(version);
        assertThat(activation.path("modelVersion").asText()).isEqualTo(version);
        assertThat(activation.path("processed").asLong()).isPositive();
        // the activation did what the simulation showed
        assertThat(activation.path("matrix")).isEqualTo(simulation.path("matrix"));
        assertThat(activation.path("changed")).isEqualTo(simulation.path("changed"));
        given().get("/api/v1/customers/" + excellent + "/score").then().body("tier", equalTo("POTENTIAL"))
                .body("modelVersion", equalTo(version));
        given().get("/api/v1/customers/" + privilege + "/score").then().body("tier", equalTo("PRIVILEGE"))
                .body("modelVersion", equalTo(version));
        given().post("/api/v1/scoring/models/" + version + "/activate").then().statusCode(409);

        List<JsonNode> moved = feed.tierEvents(excellent, 2);
        assertThat(moved).extracting(e -> e.path("data").path("to").asText()).containsExactly("EXCELLENT", "POTENTIAL");
        assertThat(moved.get(1).path("data").path("modelVersion").asText()).isEqualTo(version);
        assertThat(moved.get(1).path("data").path("reason").asText()).startsWith("model " + version + " activated");
        // the PRIVILEGE customer did not change: no event
        assertThat(feed.tierEvents(privilege, 1)).hasSize(1);

        // back to the default parameters under a new version
        ObjectNode restored = activeParameters().deepCopy();
        restored.put("version", version + "-restored");
        ((ObjectNode) restored.path("tiers")).put("excellentAssets", 200000);
        given().contentType("application/json").body(draft(restored)).post("/api/v1/scoring/models").then()
                .statusCode(201);
        assertThat(activateAndWait(version + "-restored").path("previousVersion").asText()).isEqualTo(version);
        given().get("/api/v1/customers/" + excellent + "/score").then().body("tier", equalTo("EXCELLENT"))
                .body("tierReason", containsString(">= 200000"));
    }

    /**
     * Activation answers at once with the job that re-scores everyone (202, Location), and the job is followed
     * until it is done.
     */
    static JsonNode activateAndWait(String version) {
        return activateAndWait(version, Duration.ofSeconds(60));
    }

    static JsonNode activateAndWait(String version, Duration atMost) {
        var started = given().post("/api/v1/scoring/models/" + version + "/activate").then().statusCode(202)
                .body("kind", equalTo("ACTIVATION")).body("modelVersion", equalTo(version)).extract();
        String location = started.header("Location");
        assertThat(location).contains("/api/v1/scoring/jobs/" + started.path("id"));
        // the new model is active at once, while the job runs
        given().get("/api/v1/scoring/models/active").then().body("version", equalTo(version));
        JsonNode[] job = new JsonNode[1];
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
            job[0] = given().get(location).then().statusCode(200).extract().as(JsonNode.class);
            return !"RUNNING".equals(job[0].path("status").asText());
        });
        assertThat(job[0].path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(job[0].path("percent").asInt()).isEqualTo(100);
        assertThat(job[0].path("millis").asLong()).isNotNegative();
        return job[0];
    }

    @Test
    void jobsAreFoundByIdAndUnknownOnesAreProblems() {
        given().get("/api/v1/scoring/jobs/" + UUID.randomUUID()).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().get("/api/v1/scoring/jobs/not-a-job").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo("id"));
        given().get("/api/v1/scoring/jobs").then().statusCode(200);
    }
}
