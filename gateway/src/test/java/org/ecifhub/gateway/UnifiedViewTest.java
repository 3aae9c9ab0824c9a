package org.ecifhub.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.ecifhub.gateway.Hub.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * GET /api/v1/customers/{n}/view over stub upstreams, including upstreams that are down, slow or failing. The
 * tests of failing services ask about customers never read before: a section already cached would be answered
 * from the cache (see UnifiedViewCacheTest).
 */
@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StubUpstreams.class, scope = TestResourceScope.GLOBAL)
class UnifiedViewTest {

    @BeforeEach
    @AfterEach
    void servicesUp() {
        Hub.allUp();
        // A breaker opened by an earlier test closes again after its delay (1 s in tests). Asked about a customer
        // never read before each time, so that the answer comes from the services, not from the view's cache.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                as("HEAD_OFFICE").get("/api/v1/customers/" + Hub.unseenCustomer() + "/view").then().log()
                        .ifValidationFails().statusCode(200).body("complete", equalTo(true)));
        // ... and no breaker carries an earlier test's failures (the calls just above may have counted some on
        // connections a stub dropped): each test starts from closed breakers.
        CircuitBreakerMaintenance.get().resetAll();
    }

    @Test
    void oneCallGathersEverySection() {
        as("HEAD_OFFICE").get("/api/v1/customers/1000000001/view").then().log().ifValidationFails().statusCode(200)
                .contentType("application/json")
                .body("customerNumber", equalTo("1000000001"))
                .body("retired", equalTo(false))
                .body("redirectedFrom", nullValue())
                .body("complete", equalTo(true))
                .body("unavailable", empty())
                .body("customer.status", equalTo("AVAILABLE"))
                .body("customer.data.sources[0].source", equalTo("DEPOSIT"))
                .body("customer.data.accounts[0].balance", equalTo(52000.00f))
                .body("relationships.data[0].type", equalTo("FAMILY"))
                .body("score.data.tier", equalTo("EXCELLENT"))
                .body("score.data.breakdown[0].item", equalTo("deposits"))
                .body("score.data.someNewField", equalTo(42))
                .body("owners.data.current[0].ownerId", equalTo("S0101"))
                .body("visits.data.last.date", equalTo("2026-11-02"))
                .body("visits.data.next", equalTo("2026-12-02"))
                // Masked: head office gave no reason.
                .body("customer.data.attributes.idNumber", equalTo("4313**********123X"))
                .body("relationships.data[0].phone", equalTo("139****1111"));
    }

    @Test
    void aRetiredNumberAnswersWithTheSurvivorsViewAndSaysSo() {
        as("HEAD_OFFICE").get("/api/v1/customers/1000000009/view").then().log().ifValidationFails().statusCode(200)
                .body("customerNumber", equalTo("1000000001"))
                .body("redirectedFrom", equalTo("1000000009"))
                .body("retired", equalTo(true))
                .body("score.data.customerNumber", equalTo("1000000001"))
                .body("owners.data.customerNumber", equalTo("1000000001"));
    }

    @Test
    void withScoringStoppedTheViewStillAnswersAndMarksTheScoreUnavailable() {
        Hub.stub("contribution-scoring", "down");
        as("HEAD_OFFICE").get("/api/v1/customers/" + Hub.unseenCustomer() + "/view").then().log().ifValidationFails().statusCode(200)
                .body("complete", equalTo(false))
                .body("unavailable", contains("score"))
                .body("score.status", equalTo("UNAVAILABLE"))
                .body("score.reason", containsString("not reachable"))
                .body("customer.reason", nullValue())
                .body("customer.status", equalTo("AVAILABLE"))
                .body("owners.status", equalTo("AVAILABLE"))
                .body("visits.status", equalTo("AVAILABLE"));
    }

    @Test
    void aSlowServiceTimesOutAndAFailingOneOpensItsBreaker() {
        Hub.stub("manager-assignment", "slow");
        as("HEAD_OFFICE").get("/api/v1/customers/" + Hub.unseenCustomer() + "/view").then().log().ifValidationFails().statusCode(200)
                .body("owners.status", equalTo("UNAVAILABLE"))
                .body("owners.reason", equalTo("did not answer in time"))
                .body("visits.status", equalTo("UNAVAILABLE"))
                // The reason first: when this fails, the report says why customer-master was not reached.
                .body("customer.reason", nullValue())
                .body("customer.status", equalTo("AVAILABLE"));
        Hub.stub("manager-assignment", "up");
        Hub.stub("contribution-scoring", "error");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                as("HEAD_OFFICE").get("/api/v1/customers/" + Hub.unseenCustomer() + "/view").then().log().ifValidationFails().statusCode(200)
                        .body("score.status", equalTo("UNAVAILABLE"))
                        .body("score.reason", equalTo("circuit breaker open after repeated failures")));
    }

    @Test
    void withCustomerMasterDownTheOtherSectionsStillAnswer() {
        Hub.stub("customer-master", "down");
        as("HEAD_OFFICE").get("/api/v1/customers/" + Hub.unseenCustomer() + "/view").then().log().ifValidationFails().statusCode(200)
                .body("customer.status", equalTo("UNAVAILABLE"))
                .body("relationships.status", equalTo("UNAVAILABLE"))
                .body("score.status", equalTo("AVAILABLE"))
                .body("owners.status", equalTo("AVAILABLE"));
    }

    @Test
    void anUnknownCustomerIs404AndATellerSeesOnlyTheirBranchMasked() {
        as("HEAD_OFFICE").get("/api/v1/customers/1999999999/view").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("urn:ecif:problem:not-found"));
        as("TELLER", "LSJ001", "T0101").header("X-Access-Reason", "not cleared anyway")
                .get("/api/v1/customers/1000000001/view").then().log().ifValidationFails().statusCode(200)
                .body("customer.data.attributes.phone", equalTo("138****5678"));
        as("TELLER", "LSJ002", "T0201").get("/api/v1/customers/1000000001/view").then().statusCode(403)
                .body("type", equalTo("urn:ecif:problem:out-of-scope"));
    }

    @Test
    void aClearedCallerWithAReasonGetsTheWholeViewAudited() {
        String reason = "complaint " + System.nanoTime();
        as("STEWARD", null, "D0001").header("X-Access-Reason", reason)
                .get("/api/v1/customers/1000000001/view").then().log().ifValidationFails().statusCode(200)
                .body("customer.data.attributes.idNumber", equalTo("43138119850917123X"));
        as("AUDITOR").queryParam("actor", "D0001").get("/api/v1/audit/access").then().statusCode(200)
                .body("findAll { it.reason == '" + reason + "' }.customerNumber",
                        org.hamcrest.Matchers.containsInAnyOrder("1000000001", "1000000003"));
    }
}
