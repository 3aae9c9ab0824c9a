package org.ecifhub.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ecifhub.gateway.domain.RouteTable;
import org.ecifhub.gateway.domain.Service;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(StubServicesResource.class)
class GatewayRoutingTest {

    @Test
    void pathsGoToTheServiceThatOwnsThem() {
        assertThat(RouteTable.serviceFor("/api/v1/customers/1000000001")).contains(Service.CUSTOMER_MASTER);
        assertThat(RouteTable.serviceFor("/api/v1/customers/1000000001/score")).contains(Service.CONTRIBUTION_SCORING);
        assertThat(RouteTable.serviceFor("/api/v1/customers/1000000001/owners")).contains(Service.MANAGER_ASSIGNMENT);
        assertThat(RouteTable.serviceFor("/api/v1/feeds/DEPOSIT/records")).contains(Service.CUSTOMER_MASTER);
        assertThat(RouteTable.serviceFor("/api/v1/xref/DEPOSIT/CB1")).contains(Service.CUSTOMER_MASTER);
        assertThat(RouteTable.serviceFor("/api/v1/staff/S0101/roster")).contains(Service.MANAGER_ASSIGNMENT);
        assertThat(RouteTable.serviceFor("/api/v1/nothing")).isEmpty();
    }

    @Test
    void requestsAndBodiesAreForwarded() {
        given().contentType("application/json").body("[{\"a\":1}]")
                .post("/api/v1/feeds/DEPOSIT/records?x=1")
                .then().statusCode(200)
                .body("method", equalTo("POST"))
                .body("uri", equalTo("/api/v1/feeds/DEPOSIT/records?x=1"))
                .body("bodyLength", equalTo(9));
    }

    @Test
    void anUnknownPathIsAProblem() {
        given().get("/api/v1/nothing").then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:ecif:problem:not-found"));
    }

    @Test
    void aServiceThatIsDownIsAProblemNotA500() {
        given().get("/api/v1/customers/1000000001/owners").then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:ecif:problem:service-unavailable"));
    }
}
