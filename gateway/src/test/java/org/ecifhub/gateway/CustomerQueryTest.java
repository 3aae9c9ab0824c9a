package org.ecifhub.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.ecifhub.support.testing.KafkaTestClient;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ecifhub.gateway.Hub.as;
import static org.ecifhub.gateway.TestEvents.account;
import static org.ecifhub.gateway.TestEvents.created;
import static org.ecifhub.gateway.TestEvents.envelope;
import static org.ecifhub.gateway.TestEvents.holdings;
import static org.ecifhub.gateway.TestEvents.number;
import static org.ecifhub.gateway.TestEvents.owner;
import static org.ecifhub.gateway.TestEvents.tier;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

/**
 * POST /api/v1/customers/query and its CSV export: events published to the real topics build the gateway's read
 * model, and the lists it answers are filtered across the three services' data, scoped, masked and paged.
 */
@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StubUpstreams.class, scope = TestResourceScope.GLOBAL)
class CustomerQueryTest {

    // A branch of this test's own, so that other tests' customers never show in its lists.
    static final String BRANCH = "LQ" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
    static final String OTHER = BRANCH + "X";
    static final String C1 = number();
    static final String C2 = number();
    static final String C3 = number();
    static final String C4 = number();
    static final String RETIRED = number();
    static final String S1 = "S" + BRANCH + "1";
    static final String S2 = "S" + BRANCH + "2";

    private static boolean published;

    /** Once per class, in the first test's set-up (REST Assured knows the gateway's port only by then). */
    @BeforeEach
    void publish() {
        if (published) {
            return;
        }
        published = true;
        KafkaTestClient kafka = new KafkaTestClient(ConfigProvider.getConfig()
                .getValue("kafka.bootstrap.servers", String.class));
        // C1: EXCELLENT, deposits 100 000, e-banking without mobile banking, owned by S1.
        kafka.send("ecif.customer.v1", C1, created(C1, BRANCH));
        kafka.send("ecif.customer.v1", C1, holdings(C1, 2, BRANCH, false, account("DEMAND_DEPOSIT", 100_000)));
        kafka.send("ecif.tier.v1", C1, tier(C1, "EXCELLENT", 2100.5, BRANCH));
        kafka.send("ecif.ownership.v1", C1, owner(C1, "PRIMARY", S1));
        // C2: EXCELLENT, deposits 300 000 and a loan, mobile banking, owned by S2.
        kafka.send("ecif.customer.v1", C2, created(C2, BRANCH));
        kafka.send("ecif.customer.v1", C2, holdings(C2, 2, BRANCH, true, account("DEMAND_DEPOSIT", 250_000),
                account("TIME_DEPOSIT", 50_000), account("LOAN", 80_000)));
        kafka.send("ecif.tier.v1", C2, tier(C2, "EXCELLENT", 4100, BRANCH));
        kafka.send("ecif.ownership.v1", C2, owner(C2, "PRIMARY", S2));
        // C3: POTENTIAL, no phone, a small time deposit, no e-banking, owned by S1.
        kafka.send("ecif.customer.v1", C3, created(C3, BRANCH, null));
        kafka.send("ecif.customer.v1", C3, holdings(C3, 2, BRANCH, null, account("TIME_DEPOSIT", 20_000)));
        kafka.send("ecif.tier.v1", C3, tier(C3, "POTENTIAL", 300, BRANCH));
        kafka.send("ecif.ownership.v1", C3, owner(C3, "PRIMARY", S1));
        // C4: another branch, but also S1's.
        kafka.send("ecif.customer.v1", C4, created(C4, OTHER));
        kafka.send("ecif.tier.v1", C4, tier(C4, "EXCELLENT", 2500, OTHER));
        kafka.send("ecif.ownership.v1", C4, owner(C4, "SECONDARY", S1));
        // RETIRED: merged into C1; a retired number is never listed.
        kafka.send("ecif.customer.v1", RETIRED, created(RETIRED, BRANCH));
        kafka.send("ecif.tier.v1", RETIRED, tier(RETIRED, "EXCELLENT", 900, BRANCH));
        kafka.send("ecif.customer.v1", RETIRED, envelope("CustomersMerged", RETIRED, 2, "{\"customerNumber\":\""
                + RETIRED + "\",\"survivor\":\"" + C1 + "\",\"retired\":\"" + RETIRED + "\",\"operator\":\"steward\","
                + "\"reason\":\"same person\"}"));
        // A late, older holdings event of C1 changes nothing.
        kafka.send("ecif.customer.v1", C1, holdings(C1, 1, BRANCH, true, account("LOAN", 1)));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(numbers(headOffice("waiter").body("{\"branch\": \"" + BRANCH + "\"}")
                    .post("/api/v1/customers/query").then().statusCode(200))).isEqualTo(sorted(C1, C2, C3));
            assertThat(numbers(headOffice("waiter").body("{\"owner\": \"" + S1 + "\"}")
                    .post("/api/v1/customers/query").then().statusCode(200))).isEqualTo(sorted(C1, C3, C4));
            headOffice("waiter").body("{\"branch\": \"" + BRANCH + "\", \"tiers\": [\"POTENTIAL\"], "
                            + "\"productsHeld\": [\"TIME_DEPOSIT\"]}")
                    .post("/api/v1/customers/query").then().body("total", equalTo(1));
        });
    }

    private static io.restassured.specification.RequestSpecification headOffice(String subject) {
        return as("HEAD_OFFICE", null, subject).contentType("application/json");
    }

    private static List<String> numbers(ValidatableResponse r) {
        List<String> numbers = r.extract().jsonPath().getList("items.customerNumber", String.class);
        return numbers.stream().sorted().toList();
    }

    private static List<String> sorted(String... numbers) {
        return java.util.Arrays.stream(numbers).sorted().toList();
    }

    @Test
    void excellentCustomersOfABranchWithoutMobileBanking() {
        var page = headOffice("ho-example").body("{\"branch\": \"" + BRANCH + "\", \"tiers\": [\"EXCELLENT\"], "
                        + "\"productsNotHeld\": [\"MOBILE_BANKING\"]}")
                .post("/api/v1/customers/query").then().statusCode(200).contentType("application/json")
                .body("total", equalTo(1)).body("items.customerNumber", contains(C1));
        page.body("items[0].tier", equalTo("EXCELLENT"))
                .body("items[0].depositBalance", equalTo(100000.00f))
                .body("items[0].products", containsInAnyOrder("DEMAND_DEPOSIT", "DEPOSIT", "EBANKING"))
                .body("items[0].owners[0].ownerId", equalTo(S1))
                // Masked by default, even for head office.
                .body("items[0].idNumber", equalTo("4305**********4321"))
                .body("items[0].phone", equalTo("137****5678"));
    }

    @Test
    void productsHeldBalanceRangesAndQualityFlags() {
        assertThat(numbers(headOffice("ho-ranges").body("{\"branch\": \"" + BRANCH + "\", \"productsHeld\": "
                + "[\"LOAN\", \"MOBILE_BANKING\"]}").post("/api/v1/customers/query").then().statusCode(200)))
                .containsExactly(C2);
        assertThat(numbers(headOffice("ho-ranges").body("{\"branch\": \"" + BRANCH + "\", \"depositBalance\": "
                + "{\"min\": 50000, \"max\": 200000}}").post("/api/v1/customers/query").then().statusCode(200)))
                .containsExactly(C1);
        assertThat(numbers(headOffice("ho-ranges").body("{\"branch\": \"" + BRANCH + "\", \"loanBalance\": "
                + "{\"min\": 0.01}}").post("/api/v1/customers/query").then().statusCode(200)))
                .containsExactly(C2);
        assertThat(numbers(headOffice("ho-ranges").body("{\"branch\": \"" + BRANCH + "\", \"qualityFlags\": "
                + "[\"MISSING_PHONE\"]}").post("/api/v1/customers/query").then().statusCode(200)))
                .containsExactly(C3);
        assertThat(numbers(headOffice("ho-ranges").body("{\"branch\": \"" + BRANCH + "\", \"productsNotHeld\": "
                + "[\"EBANKING\"]}").post("/api/v1/customers/query").then().statusCode(200)))
                .containsExactly(C3);
    }

    @Test
    void branchRolesSeeTheirBranchAndCustomerManagersTheirOwnCustomers() {
        assertThat(numbers(as("TELLER", BRANCH, "T" + BRANCH).contentType("application/json").body("{}")
                .post("/api/v1/customers/query").then().statusCode(200))).isEqualTo(sorted(C1, C2, C3));
        as("BRANCH_MANAGER", BRANCH, "M" + BRANCH).contentType("application/json")
                .body("{\"branch\": \"" + OTHER + "\"}").post("/api/v1/customers/query")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:ecif:problem:out-of-scope"));
        assertThat(numbers(as("CUSTOMER_MANAGER", BRANCH, S1).contentType("application/json").body("{}")
                .post("/api/v1/customers/query").then().statusCode(200))).isEqualTo(sorted(C1, C3, C4));
        assertThat(numbers(as("CUSTOMER_MANAGER", BRANCH, S1).contentType("application/json")
                .body("{\"tiers\": [\"EXCELLENT\"]}").post("/api/v1/customers/query").then().statusCode(200)))
                .isEqualTo(sorted(C1, C4));
        as("CUSTOMER_MANAGER", BRANCH, S1).contentType("application/json").body("{\"owner\": \"" + S2 + "\"}")
                .post("/api/v1/customers/query").then().statusCode(403)
                .body("type", equalTo("urn:ecif:problem:out-of-scope"));
    }

    @Test
    void aCustomerManagersSearchFindsOnlyTheCustomersTheyOwn() {
        as("CUSTOMER_MANAGER", BRANCH, S1).get("/api/v1/customers").then().statusCode(200)
                .body("total", equalTo(3)).body("items.customerNumber", contains(sorted(C1, C3, C4).toArray()))
                .body("items.find { it.customerNumber == '" + C1 + "' }.phone", equalTo("137****5678"))
                .body("items.find { it.customerNumber == '" + C1 + "' }.idNumber", equalTo("4305**********4321"));
        as("CUSTOMER_MANAGER", BRANCH, S1).queryParam("branch", OTHER).get("/api/v1/customers").then()
                .statusCode(200).body("items.customerNumber", contains(C4));
        as("CUSTOMER_MANAGER", BRANCH, S1).queryParam("phone", "+86 137-1234-5678").queryParam("branch", BRANCH)
                .get("/api/v1/customers").then().statusCode(200).body("items.customerNumber", contains(C1));
        as("CUSTOMER_MANAGER", BRANCH, S2).queryParam("name", "王").queryParam("fuzzy", "true")
                .get("/api/v1/customers").then().statusCode(200).body("items.customerNumber", contains(C2));
        as("CUSTOMER_MANAGER", BRANCH, S1).queryParam("size", "0").get("/api/v1/customers").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("size"));
    }

    @Test
    void csvIsMaskedForATellerAndWholeAndAuditedForACleardRoleWithAReason() {
        String masked = as("TELLER", BRANCH, "T" + BRANCH + "csv").contentType("application/json")
                .body("{\"sort\": \"depositBalance,desc\"}").post("/api/v1/customers/query/export")
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .extract().asString();
        List<String> lines = masked.lines().toList();
        assertThat(lines.get(0)).startsWith("\uFEFFcustomerNumber,partyType,name,idType,idNumber,phone,address");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith(C2 + ",PERSON,王芳,RESIDENT_ID,4305**********4321,137****5678,"
                + "湖南省娄底市新化县****," + BRANCH + ",EXCELLENT,4100.00,300000.00,80000.00,");
        assertThat(masked).doesNotContain("430521199203154321").doesNotContain("13712345678");

        // The same list by Accept: text/csv, unmasked for head office with a reason, and on record.
        String whole = headOffice("ho-csv").header("Accept", "text/csv").header("X-Access-Reason", "campaign MC-11")
                .body("{\"branch\": \"" + BRANCH + "\", \"tiers\": [\"EXCELLENT\"]}")
                .post("/api/v1/customers/query").then().statusCode(200).extract().asString();
        assertThat(whole.lines().toList()).hasSize(3);
        assertThat(whole).contains("430521199203154321").contains("13712345678");
        as("AUDITOR").queryParam("actor", "ho-csv").queryParam("customer", C2).get("/api/v1/audit/access")
                .then().statusCode(200).body("[0].reason", equalTo("campaign MC-11"))
                .body("[0].path", equalTo("/api/v1/customers/query"));
    }

    @Test
    void pagesAreOrderedAndDoNotOverlap() {
        String criteria = "\"branch\": \"" + BRANCH + "\", \"sort\": \"depositBalance,desc\", \"size\": 2";
        headOffice("ho-pages").body("{" + criteria + ", \"page\": 0}").post("/api/v1/customers/query")
                .then().statusCode(200).body("items.customerNumber", contains(C2, C1)).body("total", equalTo(3))
                .body("page", equalTo(0)).body("size", equalTo(2));
        headOffice("ho-pages").body("{" + criteria + ", \"page\": 1}").post("/api/v1/customers/query")
                .then().statusCode(200).body("items.customerNumber", contains(C3)).body("total", equalTo(3));
    }

    @Test
    void aCriterionNotUnderstoodIsAProblemNamingTheField() {
        badCriterion("{\"tiers\": [\"GOLD\"]}", "tiers");
        badCriterion("{\"colour\": \"red\"}", "colour");
        badCriterion("{\"depositBalance\": {\"min\": 100, \"max\": 1}}", "depositBalance.min");
        badCriterion("{\"depositBalance\": {\"min\": \"lots\"}}", "depositBalance.min");
        badCriterion("{\"productsNotHeld\": [\"CREDIT_CARD\"]}", "productsNotHeld");
        badCriterion("{\"size\": 100000}", "size");
        badCriterion("{\"sort\": \"age\"}", "sort");
        badCriterion("not json", "body");
    }

    private static void badCriterion(String body, String field) {
        headOffice("ho-bad").body(body).post("/api/v1/customers/query")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:ecif:problem:validation"))
                .body("errors[0].field", equalTo(field));
    }
}
