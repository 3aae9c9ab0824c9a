package org.ecifhub.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/** GET /openapi: the gateway's own paths and the paths it routes to each (stub) service, in one document. */
@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StubUpstreams.class, scope = TestResourceScope.GLOBAL)
class OpenApiTest {

    @AfterEach
    void servicesUp() {
        Hub.allUp();
    }

    @Test
    void oneDocumentCoversEveryPublicPath() {
        given().get("/openapi").then().statusCode(200).contentType("application/json")
                .body("paths", hasKey("/api/v1/customers/{customerNumber}/view"))
                .body("paths", hasKey("/api/v1/audit/access"))
                // The change stream is a Vert.x route: documented from META-INF/openapi.yaml, with an example.
                .body("paths.'/api/v1/stream/changes'.get.description", notNullValue())
                .body("paths.'/api/v1/stream/changes'.get.responses.'200'.content.'text/event-stream'.examples",
                        notNullValue())
                .body("paths.'/api/v1/stream/changes'.get.responses.'403'.content.'application/problem+json'"
                        + ".example.type", equalTo("urn:ecif:problem:out-of-scope"))
                // List queries, with the example body and both answers (JSON page, CSV).
                .body("paths.'/api/v1/customers/query'.post.requestBody.content.'application/json'.examples",
                        notNullValue())
                .body("paths.'/api/v1/customers/query'.post.responses.'200'.content", hasKey("text/csv"))
                .body("paths", hasKey("/api/v1/customers/query/export"))
                .body("paths.'/api/v1/customers/{customerNumber}/view'.get.responses.'200'.content."
                        + "'application/json'.examples", notNullValue())
                .body("paths.'/api/v1/customers/{customerNumber}'.get.x-ecif-service", equalTo("customer-master"))
                .body("paths.'/api/v1/feeds/{source}/records'.get.x-ecif-service", equalTo("customer-master"))
                .body("paths.'/api/v1/customers/{customerNumber}/score'.get.x-ecif-service",
                        equalTo("contribution-scoring"))
                .body("paths.'/api/v1/staff'.get.x-ecif-service", equalTo("manager-assignment"))
                .body("paths.'/api/v1/customers/{customerNumber}/owners'.get.x-ecif-service",
                        equalTo("manager-assignment"))
                // Paths the gateway does not route to that service are not public.
                .body("paths", not(hasKey("/internal/not-public")))
                .body("components.schemas", hasKey("Stub2"))
                .body("components.schemas", hasKey("Stub3"))
                .body("info.x-ecif-unavailable", nullValue());
    }

    @Test
    void aServiceThatIsDownIsNamedAndTheRestStillAnswers() {
        Hub.stub("contribution-scoring", "down");
        given().get("/openapi").then().statusCode(200)
                .body("info.x-ecif-unavailable", contains("contribution-scoring"))
                .body("paths", hasKey("/api/v1/staff"))
                .body("paths", not(hasKey("/api/v1/customers/{customerNumber}/score")));
    }
}
