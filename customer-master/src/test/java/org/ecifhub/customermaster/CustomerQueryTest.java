package org.ecifhub.customermaster;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecifhub.customermaster.FeedIngestionTest.record;
import static org.ecifhub.customermaster.FeedIngestionTest.unique;
import static org.ecifhub.customermaster.FeedIngestionTest.validId;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class CustomerQueryTest {

    static String post(String source, String body) {
        return given().contentType(ContentType.JSON).body("[" + body + "]")
                .post("/api/v1/feeds/" + source + "/records").then().statusCode(200)
                .extract().path("results[0].customerNumber");
    }

    @Test
    void anIdInAnyAcceptedFormAndAPhoneWithPrefixFindTheCustomer() {
        String id18 = validId("431382", "19580707");
        String id15 = id18.substring(0, 6) + id18.substring(8, 17);
        String phone = "139" + (10000000 + (int) (Math.random() * 89999999));
        String customer = post("DEPOSIT", record("DEPOSIT", "CB" + unique(), "欧阳修", id18, "LSJ004", 5, phone));

        given().queryParam("idNumber", id15).get("/api/v1/customers").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].customerNumber", equalTo(customer));
        given().queryParam("idNumber", FeedIngestionTest.toFullWidth(id18).toLowerCase()).get("/api/v1/customers")
                .then().statusCode(200).body("items[0].customerNumber", equalTo(customer));
        given().queryParam("phone", "+86 " + phone.substring(0, 3) + "-" + phone.substring(3, 7) + "-" + phone.substring(7))
                .get("/api/v1/customers").then().statusCode(200).body("items.customerNumber", hasItem(customer));
        given().queryParam("name", "欧阳秀").queryParam("fuzzy", true).queryParam("branch", "LSJ004")
                .get("/api/v1/customers").then().statusCode(200).body("items.customerNumber", hasItem(customer));
        given().queryParam("size", 500).get("/api/v1/customers").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void everyVersionIsKeptAndAsOfAnswersForAPastInstant() throws Exception {
        String sourceId = "CB" + unique();
        String id = validId("431381", "19660606");
        String customer = post("DEPOSIT", record("DEPOSIT", sourceId, "刘德", id, "LSJ005", 100, "13812345678"));
        OffsetDateTime between = OffsetDateTime.now();
        Thread.sleep(50);
        post("DEPOSIT", record("DEPOSIT", sourceId, "刘德", id, "LSJ005", 100, "13900001111")
                .replace("2026-11-21T23:00:00+08:00", "2026-11-22T23:00:00+08:00"));

        given().get("/api/v1/customers/" + customer).then().statusCode(200)
                .body("attributes.phone", equalTo("13900001111"));
        given().queryParam("asOf", between.toString()).get("/api/v1/customers/" + customer).then().statusCode(200)
                .body("attributes.phone", equalTo("13812345678"));
        given().queryParam("asOf", "2000-01-01T00:00:00+08:00").get("/api/v1/customers/" + customer)
                .then().statusCode(404).contentType("application/problem+json");
        given().queryParam("asOf", "yesterday").get("/api/v1/customers/" + customer)
                .then().statusCode(400).body("errors[0].field", equalTo("asOf"));
    }

    @Test
    void theCrossReferenceExportsAsNdjson() {
        String sourceId = "CB" + unique();
        String customer = post("DEPOSIT", record("DEPOSIT", sourceId, "孙立", validId("431381", "19770707"), "LSJ001", 1));
        String body = given().get("/api/v1/xref/export").then().statusCode(200)
                .contentType(containsString("application/x-ndjson")).extract().asString();
        assertThat(body.lines()).contains(
                "{\"source\":\"DEPOSIT\",\"sourceCustomerId\":\"" + sourceId + "\",\"customerNumber\":\"" + customer + "\"}");
    }

    @Test
    void theDataQualityReportCountsFlagsByBranch() {
        String valid = validId("431381", "19880808");
        String invalid = valid.substring(0, 17) + (valid.charAt(17) == '1' ? '2' : '1');
        post("DEPOSIT", record("DEPOSIT", "CB" + unique(), "钱多", invalid, "DQ0001", 1));
        given().queryParam("branch", "DQ0001").get("/api/v1/data-quality/report").then().statusCode(200)
                .body("branches[0].branchCode", equalTo("DQ0001"))
                .body("branches[0].invalidIds", greaterThanOrEqualTo(1))
                .body("flags.flag", hasItem("ID_CHECK_DIGIT_INVALID"));
        given().queryParam("qualityFlag", "ID_CHECK_DIGIT_INVALID").queryParam("branch", "DQ0001")
                .get("/api/v1/customers").then().statusCode(200).body("total", greaterThanOrEqualTo(1));
    }

    /** Two feeds for the same person at the same moment must never create two golden records. */
    @Test
    void parallelFeedsForOnePersonMakeOneGoldenRecord() throws Exception {
        String id = validId("431321", "19910909");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String source = i % 2 == 0 ? "DEPOSIT" : "LOAN";
                String body = record(source, (i % 2 == 0 ? "CB" : "LN") + unique(), "吴静", id, "LSJ002", 10 + i);
                calls.add(() -> post(source, body));
            }
            Set<String> customers = new HashSet<>();
            for (Future<String> f : pool.invokeAll(calls)) {
                customers.add(f.get());
            }
            assertThat(customers).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
