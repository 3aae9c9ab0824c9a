package org.ecifhub.assignment;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecifhub.assignment.Fixtures.awaitEvents;
import static org.ecifhub.assignment.Fixtures.currentOwner;
import static org.ecifhub.assignment.Fixtures.staff;
import static org.ecifhub.assignment.Fixtures.tier;

/** Performance attributed by effective-dated ownership, split primary/secondary (0.7/0.3 by default). */
@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class PerformanceIntegrationTest {

    /** Amounts read as BigDecimal, not float. */
    static final io.restassured.path.json.config.JsonPathConfig EXACT = new io.restassured.path.json.config.JsonPathConfig(
            io.restassured.path.json.config.JsonPathConfig.NumberReturnType.BIG_DECIMAL);

    /** score × share × days / 365, unrounded. */
    static BigDecimal accrued(String score, String share, long days) {
        return new BigDecimal(score).multiply(new BigDecimal(share)).multiply(BigDecimal.valueOf(days))
                .divide(BigDecimal.valueOf(365), 10, RoundingMode.HALF_UP);
    }

    /** Rounded to fen, as the service reports amounts. */
    static BigDecimal fen(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    @Test
    void performanceSplitsCorrectlyAcrossAnOwnershipChangeInMidPeriod() {
        String branch = Fixtures.branch();
        String manager = branch + "M";
        String senior = branch + "S";
        staff(manager, branch, "CUSTOMER_MANAGER", "MANAGER");
        String customer = Fixtures.customer();
        // From 1 January (Beijing time) the customer is EXCELLENT, contributing 600,000 a year: M alone.
        tier(customer, branch, null, "EXCELLENT", "600000", "2026-01-01T00:00:00+08:00");
        assertThat(currentOwner(awaitEvents(customer, 1), "PRIMARY")).isEqualTo(manager);
        staff(senior, branch, "CUSTOMER_MANAGER", "SENIOR");
        // From 1 July a core PRIVILEGE customer at 1,200,000 a year: S primary, M secondary.
        tier(customer, branch, "EXCELLENT", "PRIVILEGE", "1200000", "2026-07-01T00:00:00+08:00");
        JsonPath owners = awaitEvents(customer, 2);
        assertThat(currentOwner(owners, "PRIMARY")).isEqualTo(senior);
        assertThat(currentOwner(owners, "SECONDARY")).isEqualTo(manager);
        assertThat(owners.getString("current[0].since")).startsWith("2026-06-30T16:00");
        // Who owned whom when.
        given().queryParam("at", "2026-03-01").get("/api/v1/customers/" + customer + "/owners").then()
                .body("owners.ownerId", org.hamcrest.Matchers.contains(manager));
        given().queryParam("at", "2026-07-01T00:00:00+08:00").get("/api/v1/customers/" + customer + "/owners").then()
                .body("owners.ownerId", org.hamcrest.Matchers.contains(senior, manager))
                .body("owners.role", org.hamcrest.Matchers.contains("PRIMARY", "SECONDARY"));
        given().queryParam("at", "2025-12-31").get("/api/v1/customers/" + customer + "/owners").then()
                .body("owners", org.hamcrest.Matchers.empty());
        given().queryParam("at", "March").get("/api/v1/customers/" + customer + "/owners").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("at"));

        long firstHalf = 181; // 1 January to 30 June
        long secondHalf = 184; // 1 July to 31 December
        JsonPath m = given().queryParam("from", "2026-01-01").queryParam("to", "2026-12-31")
                .get("/api/v1/staff/" + manager + "/performance").then().statusCode(200).extract().jsonPath().using(EXACT);
        BigDecimal mExpected = accrued("600000", "1", firstHalf).add(accrued("1200000", "0.3", secondHalf));
        assertThat(new BigDecimal(m.getString("total"))).isEqualByComparingTo(fen(mExpected));
        assertThat(m.getList("customers.customerNumber")).containsExactly(customer);
        assertThat(m.getList("customers[0].segments.role")).containsExactly("PRIMARY", "SECONDARY");
        assertThat(new BigDecimal(m.getString("customers[0].segments[1].share"))).isEqualByComparingTo("0.3");

        JsonPath s = given().queryParam("from", "2026-01-01").queryParam("to", "2026-12-31")
                .get("/api/v1/staff/" + senior + "/performance").then().statusCode(200).extract().jsonPath().using(EXACT);
        assertThat(new BigDecimal(s.getString("total"))).isEqualByComparingTo(fen(accrued("1200000", "0.7", secondHalf)));

        assertThat(new BigDecimal(m.getString("customers[0].segments[1].amount")))
                .isEqualByComparingTo(fen(accrued("1200000", "0.3", secondHalf)));
        // The two shares of the second half add up to the customer's whole contribution for it (to the fen).
        assertThat(new BigDecimal(s.getString("total")).add(new BigDecimal(m.getString("customers[0].segments[1].amount")))
                .subtract(accrued("1200000", "1", secondHalf)).abs()).isLessThanOrEqualTo(new BigDecimal("0.01"));

        // The branch: both managers, the customer counted once in each (the shares add up, nothing twice).
        JsonPath b = given().queryParam("from", "2026-01-01").queryParam("to", "2026-12-31")
                .get("/api/v1/branches/" + branch + "/performance").then().statusCode(200).extract().jsonPath().using(EXACT);
        assertThat(b.getList("staff.staffId")).containsExactly(manager, senior);
        assertThat(new BigDecimal(b.getString("total"))).isEqualByComparingTo(
                new BigDecimal(m.getString("total")).add(new BigDecimal(s.getString("total"))));

        // A period before the change: M alone, nothing for S.
        JsonPath q1 = given().queryParam("from", "2026-01-01").queryParam("to", "2026-03-31")
                .get("/api/v1/staff/" + manager + "/performance").then().extract().jsonPath().using(EXACT);
        assertThat(new BigDecimal(q1.getString("total"))).isEqualByComparingTo(fen(accrued("600000", "1", 90)));
        given().queryParam("from", "2026-01-01").queryParam("to", "2026-03-31")
                .get("/api/v1/staff/" + senior + "/performance").then().statusCode(200)
                .body("customers.size()", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void aPeriodMustBeValid() {
        String branch = Fixtures.branch();
        staff(branch + "M", branch, "CUSTOMER_MANAGER", "MANAGER");
        given().queryParam("from", "2026-12-31").queryParam("to", "2026-01-01")
                .get("/api/v1/staff/" + branch + "M/performance").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", org.hamcrest.Matchers.equalTo("to"));
        given().queryParam("from", "yesterday").queryParam("to", "2026-01-01")
                .get("/api/v1/staff/" + branch + "M/performance").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("from"));
    }
}
