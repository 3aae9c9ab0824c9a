package org.ecifhub.customermaster;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.ecifhub.customermaster.CustomerQueryTest.post;
import static org.ecifhub.customermaster.FeedIngestionTest.record;
import static org.ecifhub.customermaster.FeedIngestionTest.unique;
import static org.ecifhub.customermaster.FeedIngestionTest.validId;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class ProfileTest {

    @Test
    void whatAManagerCapturesIsKeptWithLineageAndTheirOccupationSurvives() {
        String customer = post("DEPOSIT", record("DEPOSIT", "CB" + unique(), "唐红", validId("431381", "19790606"), "LSJ001", 1)
                .replace("\"gender\": \"M\"", "\"gender\": \"F\", \"occupation\": \"个体工商户\""));
        given().get("/api/v1/customers/" + customer).then().body("attributes.occupation", equalTo("个体工商户"));

        given().contentType("application/json").body("""
                        {"operator": "S0101", "riskPreference": "CONSERVATIVE", "incomeBand": "100K_300K",
                         "family": "married, one child", "occupation": "养殖户", "notes": "wants a farm loan"}""")
                .put("/api/v1/customers/" + customer + "/profile").then().statusCode(200)
                .body("source", equalTo("MANUAL")).body("capturedBy", equalTo("S0101"));

        given().get("/api/v1/customers/" + customer).then().statusCode(200)
                .body("attributes.occupation", equalTo("养殖户"))
                .body("lineage.occupation.source", equalTo("MANUAL"))
                .body("lineage.occupation.sourceCustomerId", equalTo("staff:S0101"))
                .body("profile.riskPreference", equalTo("CONSERVATIVE"))
                .body("profile.incomeBand", equalTo("100K_300K"));

        given().contentType("application/json").body("{\"riskPreference\": \"YOLO\", \"operator\": \"S0101\"}")
                .put("/api/v1/customers/" + customer + "/profile").then().statusCode(400)
                .body("errors[0].field", equalTo("riskPreference"));
        given().contentType("application/json").body("{\"notes\": \"x\"}")
                .put("/api/v1/customers/" + customer + "/profile").then().statusCode(400)
                .body("errors[0].field", equalTo("operator"));
    }
}
