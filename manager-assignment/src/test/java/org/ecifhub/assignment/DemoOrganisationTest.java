package org.ecifhub.assignment;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.ecifhub.assignment.service.DemoOrganisation;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

/** The demo organisation ./hub up can load (ecif.assignment.demo-organisation=true calls the same load). */
@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class DemoOrganisationTest {

    @Inject
    DemoOrganisation demo;

    @Test
    void theDemoOrganisationHasManagersOfEveryGradeAndTellersForEachBranchAndLoadsOnce() {
        demo.load();
        for (int b = 1; b <= 6; b++) {
            given().queryParam("branch", "LSJ00" + b).get("/api/v1/staff").then().statusCode(200)
                    .body("grade", containsInAnyOrder("SENIOR", "MANAGER", "MANAGER", "TRAINEE", null, null))
                    .body("role", containsInAnyOrder("CUSTOMER_MANAGER", "CUSTOMER_MANAGER", "CUSTOMER_MANAGER",
                            "CUSTOMER_MANAGER", "TELLER", "TELLER"));
        }
        given().get("/api/v1/staff/S101").then().body("name", equalTo("刘建军")).body("grade", equalTo("SENIOR"));
        given().get("/api/v1/branches/LSJ001").then().body("name", equalTo("城关支行"))
                .body("neighbours", contains("LSJ002", "LSJ003"));
        DemoOrganisation.Loaded again = demo.load();
        assertThat(again.staffCreated()).isZero();
        assertThat(again.branchesNamed()).isZero();
    }
}
