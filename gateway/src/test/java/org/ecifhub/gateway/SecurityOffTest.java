package org.ecifhub.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.ecifhub.gateway.domain.RouteTable;
import org.ecifhub.gateway.domain.Service;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The gateway with {@code ecif.gateway.security.enabled=false}, as the system tests and the demo loader still use
 * it: plain routing, no token, nothing masked.
 */
@QuarkusTest
@TestProfile(SecurityOffTest.SecurityOff.class)
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StubUpstreams.class, scope = TestResourceScope.GLOBAL)
class SecurityOffTest {

    public static class SecurityOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ecif.gateway.security.enabled", "false", "ecif.gateway.stream.enabled", "false");
        }
    }

    @AfterEach
    void servicesUp() {
        Hub.allUp();
    }

    @Test
    void pathsGoToTheServiceThatOwnsThem() {
        assertThat(RouteTable.serviceFor("/api/v1/customers/1000000001")).contains(Service.CUSTOMER_MASTER);
        assertThat(RouteTable.serviceFor("/api/v1/customers/1000000001/score")).contains(Service.CONTRIBUTION_SCORING);
        assertThat(RouteTable.serviceFor("/api/v1/customers/1000000001/tier-override"))
                .contains(Service.CONTRIBUTION_SCORING);
        assertThat(RouteTable.serviceFor("/api/v1/customers/1000000001/owners")).contains(Service.MANAGER_ASSIGNMENT);
        assertThat(RouteTable.serviceFor("/api/v1/feeds/DEPOSIT/records")).contains(Service.CUSTOMER_MASTER);
        assertThat(RouteTable.serviceFor("/api/v1/xref/DEPOSIT/CB1")).contains(Service.CUSTOMER_MASTER);
        assertThat(RouteTable.serviceFor("/api/v1/staff/S0101/roster")).contains(Service.MANAGER_ASSIGNMENT);
        assertThat(RouteTable.serviceFor("/api/v1/nothing")).isEmpty();
        assertThat(RouteTable.answeredByGateway("/api/v1/customers/1000000001/view")).isTrue();
        assertThat(RouteTable.answeredByGateway("/api/v1/stream/changes")).isTrue();
        assertThat(RouteTable.answeredByGateway("/api/v1/customers/1000000001")).isFalse();
    }

    @Test
    void requestsAndBodiesAreForwardedWithoutAToken() {
        given().contentType("application/json").body("[{\"a\":1}]")
                .post("/api/v1/feeds/DEPOSIT/records?x=1")
                .then().statusCode(200)
                .body("method", equalTo("POST"))
                .body("uri", equalTo("/api/v1/feeds/DEPOSIT/records?x=1"))
                .body("bodyLength", equalTo(9));
        given().get("/api/v1/customers/1000000001").then().statusCode(200)
                .body("attributes.idNumber", equalTo("43138119850917123X"));
        given().get("/api/v1/customers/1000000009/view").then().statusCode(200)
                .body("customerNumber", equalTo("1000000001")).body("retired", equalTo(true));
    }

    @Test
    void anUnknownPathIsAProblem() {
        given().get("/api/v1/nothing").then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:ecif:problem:not-found"));
    }

    @Test
    void aServiceThatIsDownIsAProblemNotA500() {
        Hub.stub("manager-assignment", "down");
        given().get("/api/v1/customers/1000000001/owners").then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:ecif:problem:service-unavailable"));
    }
}
