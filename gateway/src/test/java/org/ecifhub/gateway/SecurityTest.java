package org.ecifhub.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.ecifhub.support.hub.TokenIssuer;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecifhub.gateway.Hub.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** Tokens, roles, data scope, masking and the audit of unmasked reads, in front of stub upstreams. */
@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StubUpstreams.class, scope = TestResourceScope.GLOBAL)
class SecurityTest {

    @BeforeEach
    void servicesUp() {
        Hub.allUp();
    }

    @Test
    void noTokenIs401ProblemJson() {
        given().get("/api/v1/customers/1000000001").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"))
                .body("type", equalTo("urn:ecif:problem:unauthenticated"))
                .body("status", equalTo(401));
        given().get("/api/v1/customers/1000000001/view").then().statusCode(401)
                .body("type", equalTo("urn:ecif:problem:unauthenticated"));
        given().get("/api/v1/stream/changes").then().statusCode(401)
                .body("type", equalTo("urn:ecif:problem:unauthenticated"));
    }

    @Test
    void forgedExpiredOrForeignTokensAre401() throws Exception {
        given().header("Authorization", "Bearer not.a.jwt").get("/api/v1/customers/1000000001")
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:ecif:problem:invalid-token"));
        // Signed by another key pair: the gateway trusts only its configured public key.
        Path otherKeys = Files.createTempDirectory("other-keys");
        String foreign = TokenIssuer.forKeyDir(otherKeys, TokenIssuer.DEFAULT_ISSUER)
                .issue("mallory", List.of("HEAD_OFFICE"), null, null, Duration.ofMinutes(5));
        given().header("Authorization", "Bearer " + foreign).get("/api/v1/customers/1000000001")
                .then().statusCode(401).body("type", equalTo("urn:ecif:problem:invalid-token"));
        // The right key but another issuer.
        String wrongIssuer = TokenIssuer.forKeyDir(StubUpstreams.KEY_DIR, "someone-else")
                .issue("mallory", List.of("HEAD_OFFICE"), null, null, Duration.ofMinutes(5));
        given().header("Authorization", "Bearer " + wrongIssuer).get("/api/v1/customers/1000000001")
                .then().statusCode(401).body("type", equalTo("urn:ecif:problem:invalid-token"));
        String expired = TokenIssuer.forKeyDir(StubUpstreams.KEY_DIR, TokenIssuer.DEFAULT_ISSUER)
                .issue("late", List.of("HEAD_OFFICE"), null, null, Duration.ofMinutes(-10));
        given().header("Authorization", "Bearer " + expired).get("/api/v1/customers/1000000001")
                .then().statusCode(401).body("type", equalTo("urn:ecif:problem:invalid-token"));
        given().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/v1/customers/1000000001")
                .then().statusCode(401).body("type", equalTo("urn:ecif:problem:invalid-token"));
    }

    @Test
    void aTellerOfBranchAAskingForABranchBCustomerGets403ThatRevealsNothing() {
        Response otherBranch = as("TELLER", "LSJ001", "T0101").get("/api/v1/customers/1000000002");
        Response missing = as("TELLER", "LSJ001", "T0101").get("/api/v1/customers/1999999999");
        assertThat(otherBranch.statusCode()).isEqualTo(403);
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(otherBranch.contentType()).startsWith("application/problem+json");
        assertThat(otherBranch.jsonPath().getString("type")).isEqualTo("urn:ecif:problem:out-of-scope");
        // The same answer, byte for byte, whether the customer exists in another branch or not at all.
        assertThat(missing.asString()).isEqualTo(otherBranch.asString());
        // Sub-resources and the view are scoped the same way.
        as("TELLER", "LSJ001", "T0101").get("/api/v1/customers/1000000002/score").then().statusCode(403);
        as("TELLER", "LSJ001", "T0101").get("/api/v1/customers/1000000002/view").then().statusCode(403)
                .body("type", equalTo("urn:ecif:problem:out-of-scope"));
        // Head office sees every branch; an unknown number is then an honest 404.
        as("HEAD_OFFICE").get("/api/v1/customers/1000000002").then().statusCode(200);
        as("HEAD_OFFICE").get("/api/v1/customers/1999999999").then().statusCode(404);
    }

    @Test
    void aCustomerManagerSeesOnlyTheCustomersTheyOwn() {
        as("CUSTOMER_MANAGER", "LSJ001", "S0101").get("/api/v1/customers/1000000001").then().statusCode(200);
        as("CUSTOMER_MANAGER", "LSJ001", "S0199").get("/api/v1/customers/1000000001").then().statusCode(403)
                .body("type", equalTo("urn:ecif:problem:out-of-scope"));
    }

    @Test
    void aTellerSeesPersonalDataMasked() {
        as("TELLER", "LSJ001", "T0101").header("X-Access-Reason", "tellers are not cleared")
                .get("/api/v1/customers/1000000001").then().statusCode(200)
                .body("attributes.idNumber", equalTo("4313**********123X"))
                .body("attributes.phone", equalTo("138****5678"))
                .body("attributes.address", equalTo("湖南省娄底市冷水江市****"))
                .body("attributes.name", equalTo("张伟"))
                .body("qualityIssues[0].detail", equalTo("(masked)"))
                // Fields the gateway does not know pass through.
                .body("unknownExtra.kept", equalTo(true));
        as("TELLER", "LSJ001", "T0101").get("/api/v1/customers/1000000001/relationships").then().statusCode(200)
                .body("[0].idNumber", equalTo("4305**********1234"))
                .body("[0].phone", equalTo("139****1111"));
    }

    @Test
    void aClearedRoleGetsUnmaskedDataOnlyWithAReasonAndEachSuchReadIsAudited() {
        String subject = "S0101";
        String reason = "loan review " + UUID.randomUUID();
        // Without a reason, even a cleared role reads masked data (and nothing is audited).
        as("CUSTOMER_MANAGER", "LSJ001", subject).get("/api/v1/customers/1000000001").then().statusCode(200)
                .body("attributes.idNumber", equalTo("4313**********123X"));
        as("CUSTOMER_MANAGER", "LSJ001", subject).header("X-Access-Reason", reason)
                .get("/api/v1/customers/1000000001").then().statusCode(200)
                .body("attributes.idNumber", equalTo("43138119850917123X"))
                .body("attributes.phone", equalTo("13812345678"))
                .body("attributes.address", equalTo("湖南省娄底市冷水江市锑都中路12号"));

        List<java.util.Map<String, Object>> entries = as("AUDITOR").queryParam("actor", subject)
                .queryParam("customer", "1000000001").get("/api/v1/audit/access")
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.reason == '" + reason + "' }");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0)).containsEntry("actor", subject).containsEntry("actorRoles", "CUSTOMER_MANAGER")
                .containsEntry("actorBranch", "LSJ001").containsEntry("customerNumber", "1000000001")
                .containsEntry("method", "GET").containsEntry("path", "/api/v1/customers/1000000001");
        assertThat(entries.get(0).get("occurredAt")).isNotNull();
    }

    @Test
    void onlyTheAuditorReadsTheAuditLog() {
        as("HEAD_OFFICE").get("/api/v1/audit/access").then().statusCode(403)
                .body("type", equalTo("urn:ecif:problem:forbidden"));
        as("AUDITOR").queryParam("from", "yesterday").get("/api/v1/audit/access").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:ecif:problem:validation"))
                .body("errors[0].field", equalTo("from"));
    }

    @Test
    void writesOnlyWhereTheRoleAllows() {
        as("TELLER", "LSJ001", "T0101").contentType("application/x-ndjson").body("{}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/feeds/DEPOSIT/records").then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("urn:ecif:problem:forbidden"));
        as("HEAD_OFFICE").contentType("application/json").body("{}")
                .post("/api/v1/stewardship/tasks/1/merge").then().statusCode(403);
        as("SYSTEM").contentType("application/json").body("[{\"a\":1}]")
                .post("/api/v1/feeds/DEPOSIT/records?x=1").then().statusCode(200)
                .body("method", equalTo("POST"))
                .body("uri", equalTo("/api/v1/feeds/DEPOSIT/records?x=1"))
                .body("bodyLength", equalTo(9))
                // The token stays at the gateway.
                .body("authorizationForwarded", equalTo(false));
    }

    @Test
    void aBranchScopedSearchIsLimitedToTheCallersBranch() {
        as("TELLER", "LSJ001", "T0101").queryParam("branch", "LSJ002").queryParam("name", "张伟")
                .get("/api/v1/customers").then().log().ifValidationFails().statusCode(200)
                .body("query", org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("branch=LSJ001"),
                        org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("LSJ002"))))
                .body("items", hasSize(1))
                .body("items[0].attributes.phone", equalTo("138****5678"));
        as("HEAD_OFFICE").queryParam("branch", "LSJ002").get("/api/v1/customers").then().statusCode(200)
                .body("query", equalTo("branch=LSJ002"));
    }

    @Test
    void anUnknownPathIsAProblemAndADownServiceIsNotA500() {
        as("HEAD_OFFICE").get("/api/v1/nothing").then().statusCode(404).contentType("application/problem+json");
        Hub.stub("manager-assignment", "down");
        as("HEAD_OFFICE").get("/api/v1/customers/1000000001/owners").then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:ecif:problem:service-unavailable"))
                .body("detail", org.hamcrest.Matchers.containsString("manager-assignment"));
        as("HEAD_OFFICE").get("/api/v1/customers/1000000001").then().statusCode(200)
                .body("redirectedFrom", nullValue());
    }
}
