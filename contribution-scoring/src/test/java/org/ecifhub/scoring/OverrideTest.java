package org.ecifhub.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecifhub.scoring.Feed.Account.deposit;
import static org.ecifhub.scoring.Feed.DAY0;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

/** Manual overrides (reason, operator, expiry, audited) and the structure queries. */
@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class OverrideTest {

    final Feed feed = new Feed();

    @Test
    void anOverrideKeepsTheTierUntilItExpiresAndIsAudited() {
        String c = Feed.newCustomerNumber();
        String branch = Feed.newBranch();
        feed.send(c, Feed.holdings(c, 1, branch, DAY0, List.of(deposit("OV" + c, "DEMAND_DEPOSIT", 20_000, DAY0))));
        Feed.awaitApplied(c, 1);
        String expires = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(60).toString();

        given().contentType("application/json").body("""
                {"tier": "PRIVILEGE", "reason": "法人代表, 授信审批中", "operator": "M0012", "expiresOn": "%s"}"""
                .formatted(expires)).post("/api/v1/customers/" + c + "/tier-override").then().statusCode(200)
                .body("tier", equalTo("PRIVILEGE")).body("modelTier", equalTo("GENERAL"))
                .body("override.operator", equalTo("M0012")).body("override.expiresOn", equalTo(expires))
                .body("overrideAudit", hasSize(1)).body("overrideAudit[0].action", equalTo("SET"));

        // a later balance does not undo the override
        feed.send(c, Feed.holdings(c, 2, branch, DAY0.plusDays(5),
                List.of(deposit("OV" + c, "DEMAND_DEPOSIT", 21_000, DAY0.plusDays(5)))));
        Feed.awaitApplied(c, 2);
        given().get("/api/v1/customers/" + c + "/score").then().body("tier", equalTo("PRIVILEGE"));

        List<JsonNode> tiers = feed.tierEvents(c, 2);
        assertThat(tiers).extracting(e -> e.path("data").path("to").asText()).containsExactly("GENERAL", "PRIVILEGE");
        assertThat(tiers.get(1).path("data").path("reason").asText())
                .startsWith("manual override by M0012 until " + expires + ": 法人代表");
    }

    @Test
    void anInvalidOverrideIsAProblemNamingTheFields() {
        String c = Feed.newCustomerNumber();
        feed.send(c, Feed.holdings(c, 1, "LSJ004", DAY0, List.of(deposit("OI" + c, "DEMAND_DEPOSIT", 1_000, DAY0))));
        Feed.awaitApplied(c, 1);
        given().contentType("application/json").body("{\"tier\": \"PRIVILEGE\", \"expiresOn\": \"2020-01-01\"}")
                .post("/api/v1/customers/" + c + "/tier-override").then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("reason")).body("errors.field", hasItem("operator"))
                .body("errors.field", hasItem("expiresOn"));
        given().contentType("application/json").body("{\"tier\": \"PLATINUM\"}")
                .post("/api/v1/customers/" + c + "/tier-override").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo("tier"));
        given().contentType("application/json").body("""
                {"tier": "EXCELLENT", "reason": "r", "operator": "o", "expiresOn": "%s"}"""
                .formatted(LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(10)))
                .post("/api/v1/customers/0000000000/tier-override").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().get("/api/v1/customers/0000000001/score").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void structureStatisticsAndTopCustomersByBranch() {
        String branch = Feed.newBranch();
        String big = Feed.newCustomerNumber();
        String small = Feed.newCustomerNumber();
        String other = Feed.newCustomerNumber();
        feed.send(big, Feed.holdings(big, 1, branch, DAY0, List.of(deposit("ST" + big, "DEMAND_DEPOSIT", 800_000, DAY0))));
        feed.send(small, Feed.holdings(small, 1, branch, DAY0,
                List.of(deposit("ST" + small, "DEMAND_DEPOSIT", 600_000, DAY0))));
        feed.send(other, Feed.holdings(other, 1, branch, DAY0,
                List.of(deposit("ST" + other, "DEMAND_DEPOSIT", 60_000, DAY0))));
        Feed.awaitApplied(big, 1);
        Feed.awaitApplied(small, 1);
        Feed.awaitApplied(other, 1);

        given().queryParam("branch", branch).get("/api/v1/scoring/structure").then().statusCode(200)
                .body("$", hasSize(2))
                .body("find { it.tier == 'PRIVILEGE' }.customers", equalTo(2))
                .body("find { it.tier == 'PRIVILEGE' }.averageAssets", equalTo(700000.0f))
                .body("find { it.tier == 'PRIVILEGE' }.totalContribution", equalTo(21000.0f))
                .body("find { it.tier == 'POTENTIAL' }.customers", equalTo(1));
        given().queryParam("branch", branch).queryParam("n", 2).get("/api/v1/scoring/top").then().statusCode(200)
                .body("customerNumber", equalTo(List.of(big, small)));
        // without a branch: every branch
        given().get("/api/v1/scoring/structure").then().statusCode(200)
                .body("findAll { it.branchCode == '%s' }.size()".formatted(branch), equalTo(2));
        given().queryParam("n", 1000).get("/api/v1/scoring/top").then().statusCode(200)
                .body("customerNumber", hasItem(big));
        given().queryParam("from", DAY0.toString()).queryParam("to", DAY0.toString())
                .get("/api/v1/scoring/migration").then().statusCode(200).body("customers", greaterThanOrEqualTo(3));
        given().get("/api/v1/scoring/alerts").then().statusCode(200);
        given().queryParam("n", 0).get("/api/v1/scoring/top").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo("n"));
        given().queryParam("from", "2026-13-01").queryParam("to", "2026-12-01").get("/api/v1/scoring/migration")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
    }
}
