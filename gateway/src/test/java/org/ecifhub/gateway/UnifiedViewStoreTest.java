package org.ecifhub.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.ecifhub.support.testing.KafkaTestClient;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import jakarta.inject.Inject;
import org.ecifhub.gateway.domain.ViewSection;
import org.ecifhub.gateway.persistence.ViewStore;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ecifhub.gateway.Hub.as;
import static org.ecifhub.gateway.TestEvents.envelope;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The unified view's store of the services' answers: a section read once is answered from the store, an event on
 * the real topics (published here, as the services would) makes the next view show the change and has the customer
 * read into the store in the background, before anyone asks; answers older than the max age are read again without
 * an event; masking, scope and audit still apply to every request. Events carry a branch of their own (VWC001) so
 * that the list read model other tests query is not touched.
 */
@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StubUpstreams.class, scope = TestResourceScope.GLOBAL)
class UnifiedViewStoreTest {

    @Inject
    ViewStore store;

    @Inject
    DataSource dataSource;

    private static final Duration EVENT_ARRIVES = Duration.ofSeconds(15);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @AfterEach
    void servicesUp() {
        Hub.allUp();
    }

    @Test
    void aSectionIsAnsweredFromTheStoreUntilAnEventSaysItChanged() {
        String n = Hub.unseenCustomer();
        String scorePath = "/api/v1/customers/" + n + "/score";
        awaitStored(n, scorePath);

        // The score changes in scoring; no event yet: the view still shows the stored one, without asking.
        Hub.stubValue("contribution-scoring", "score", n, "900.5");
        int asked = Hub.served("contribution-scoring", scorePath);
        view(n).body("score.data.score", equalTo(812.5f));
        assertThat(Hub.served("contribution-scoring", scorePath)).isEqualTo(asked);
        // Stored, so answered even while scoring is down.
        Hub.stub("contribution-scoring", "down");
        view(n).body("score.status", equalTo("AVAILABLE")).body("complete", equalTo(true));
        Hub.stub("contribution-scoring", "up");

        KafkaTestClient events = new KafkaTestClient(kafka);
        events.send("ecif.tier.v1", n, TestEvents.tier(n, "PRIVILEGE", 900.5, "VWC001"));
        await().atMost(EVENT_ARRIVES).untilAsserted(() -> view(n).body("score.data.score", equalTo(900.5f)));

        // The golden record: a CustomerUpdated drops it (the phone shows masked, as always for head office).
        Hub.stubValue("customer-master", "phone", n, "13900002222");
        view(n).body("customer.data.attributes.phone", equalTo("138****5678"));
        events.send("ecif.customer.v1", n, envelope("CustomerUpdated", n, 2, "{\"customerNumber\":\"" + n
                + "\",\"attributes\":{\"type\":\"PERSON\",\"name\":\"张伟\",\"phone\":\"13900002222\","
                + "\"branchCode\":\"VWC001\"}}"));
        await().atMost(EVENT_ARRIVES).untilAsserted(() ->
                view(n).body("customer.data.attributes.phone", equalTo("139****2222")));

        // Visits: a visit report is announced by manager-assignment as VisitReported on ecif.ownership.v1.
        Hub.stubValue("manager-assignment", "lastVisit", n, "2026-11-20");
        view(n).body("visits.data.last.date", equalTo("2026-11-02"));
        events.send("ecif.ownership.v1", n, envelope("VisitReported", n, 7, "{\"customerNumber\":\"" + n
                + "\",\"visitId\":41,\"staffId\":\"S0101\",\"date\":\"2026-11-20\",\"channel\":\"VISIT\","
                + "\"nextDate\":null}"));
        await().atMost(EVENT_ARRIVES).untilAsserted(() -> view(n).body("visits.data.last.date", equalTo("2026-11-20")));

        // Owners: an ownership change makes the gateway ask assignment again.
        String ownersPath = "/api/v1/customers/" + n + "/owners";
        int ownersAsked = Hub.served("manager-assignment", ownersPath);
        events.send("ecif.ownership.v1", n, TestEvents.owner(n, "PRIMARY", "S0999"));
        await().atMost(EVENT_ARRIVES).untilAsserted(() -> {
            view(n).body("owners.status", equalTo("AVAILABLE"));
            assertThat(Hub.served("manager-assignment", ownersPath)).isGreaterThan(ownersAsked);
        });
    }

    @Test
    void theGoldenRecordReadIsAnsweredFromTheSameStoreMaskedAndAsFresh() {
        String n = Hub.unseenCustomer();
        String path = "/api/v1/customers/" + n;
        awaitStored(n, path + "/score");
        int asked = Hub.served("customer-master", path);
        as("TELLER", "LSJ001", "T0101").get(path).then().log().ifValidationFails().statusCode(200)
                .contentType("application/json").body("customerNumber", equalTo(n))
                .body("attributes.phone", equalTo("138****5678"));
        String reason = "loan review " + System.nanoTime();
        as("STEWARD", null, "D0003").header("X-Access-Reason", reason).get(path).then().statusCode(200)
                .body("attributes.idNumber", equalTo("43138119850917123X"));
        as("AUDITOR").queryParam("actor", "D0003").get("/api/v1/audit/access").then().statusCode(200)
                .body("findAll { it.reason == '" + reason + "' }.customerNumber", org.hamcrest.Matchers.hasItem(n));
        // The teller's scope check asked customer-master once; the two reads themselves did not.
        assertThat(Hub.served("customer-master", path)).isEqualTo(asked + 1);
        // As of a past instant: always customer-master's answer.
        as("HEAD_OFFICE").queryParam("asOf", "2026-01-01T00:00:00Z").get(path).then().statusCode(200);
        assertThat(Hub.served("customer-master", path)).isEqualTo(asked + 2);

        Hub.stubValue("customer-master", "phone", n, "13700003333");
        new KafkaTestClient(kafka).send("ecif.customer.v1", n, envelope("CustomerUpdated", n, 2,
                "{\"customerNumber\":\"" + n + "\",\"attributes\":{\"phone\":\"13700003333\",\"branchCode\":\"VWC001\"}}"));
        await().atMost(EVENT_ARRIVES).untilAsserted(() -> as("HEAD_OFFICE").get(path).then().statusCode(200)
                .body("attributes.phone", equalTo("137****3333")));
        // An unknown number is still customer-master's 404, as problem+json.
        as("HEAD_OFFICE").get("/api/v1/customers/1888888888").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void maskingScopeAndAuditApplyToEveryRequestOfAStoredView() {
        String n = Hub.unseenCustomer();
        awaitStored(n, "/api/v1/customers/" + n + "/score");
        String first = "complaint " + System.nanoTime();
        as("STEWARD", null, "D0002").header("X-Access-Reason", first).get("/api/v1/customers/" + n + "/view").then()
                .log().ifValidationFails().statusCode(200)
                .body("customer.data.attributes.idNumber", equalTo("43138119850917123X"));
        // The unmasked answer above was not kept: the next caller without clearance gets it masked.
        view(n).body("customer.data.attributes.idNumber", equalTo("4313**********123X"))
                .body("relationships.data[0].phone", equalTo("139****1111"));
        String second = "review " + System.nanoTime();
        as("STEWARD", null, "D0002").header("X-Access-Reason", second).get("/api/v1/customers/" + n + "/view").then()
                .statusCode(200).body("customer.data.attributes.idNumber", equalTo("43138119850917123X"));
        // Each unmasked read is audited, stored or not.
        for (String reason : new String[] {first, second}) {
            as("AUDITOR").queryParam("actor", "D0002").get("/api/v1/audit/access").then().statusCode(200)
                    .body("findAll { it.reason == '" + reason + "' }.customerNumber",
                            org.hamcrest.Matchers.hasItem(n));
        }
        // The data scope is checked on every request too.
        as("TELLER", "LSJ002", "T0201").get("/api/v1/customers/" + n + "/view").then().statusCode(403)
                .body("type", equalTo("urn:ecif:problem:out-of-scope"));
        as("TELLER", "LSJ001", "T0101").get("/api/v1/customers/" + n + "/view").then().statusCode(200)
                .body("customer.data.attributes.phone", equalTo("138****5678"));
    }

    @Test
    void hitsAndMissesAreCountedInTheMetrics() {
        String n = Hub.unseenCustomer();
        awaitStored(n, "/api/v1/customers/" + n + "/score");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metric(metrics, "ecif_gateway_view_store_requests_total{result=\"hit\",section=\"score\"}"))
                .isPositive();
        assertThat(metric(metrics, "ecif_gateway_view_store_requests_total{result=\"miss\",section=\"customer\"}"))
                .isPositive();
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("ecif_gateway_view_store_requests_total{result=\"miss\",section=\"customer\"}"))
                .body(containsString("ecif_gateway_view_store_changes_total"))
                .body(containsString("ecif_gateway_view_store_refreshes_total{result=\"complete\"}"))
                .body(containsString("ecif_gateway_view_store_refresh_pending"))
                .body(containsString("ecif_gateway_view_store_customers"));
    }

    @Test
    void aCustomerAnEventNamesIsReadIntoTheStoreBeforeAnyoneAsksForTheView() {
        String n = Hub.unseenCustomer();
        new KafkaTestClient(kafka).send("ecif.customer.v1", n, envelope("CustomerUpdated", n, 2,
                "{\"customerNumber\":\"" + n + "\",\"attributes\":{\"phone\":\"13800005678\","
                        + "\"branchCode\":\"VWC001\"}}"));
        // Nobody asks for the view: the gateway reads every section into its store in the background.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(store.read(n, Duration.ofMinutes(1)).sections()).containsOnlyKeys(ViewSection.values()));
        String[][] paths = {{"customer-master", "/api/v1/customers/" + n},
                {"customer-master", "/api/v1/customers/" + n + "/relationships"},
                {"contribution-scoring", "/api/v1/customers/" + n + "/score"},
                {"manager-assignment", "/api/v1/customers/" + n + "/owners"}};
        int[] asked = new int[paths.length];
        for (int i = 0; i < paths.length; i++) {
            asked[i] = Hub.served(paths[i][0], paths[i][1]);
            assertThat(asked[i]).as(paths[i][1]).isPositive();
        }
        // The first view anyone asks for is answered whole from the store: no service is asked.
        view(n).body("complete", equalTo(true)).body("score.data.score", equalTo(812.5f))
                .body("customer.data.attributes.phone", equalTo("138****5678"));
        as("HEAD_OFFICE").get("/api/v1/customers/" + n).then().statusCode(200).body("customerNumber", equalTo(n));
        for (int i = 0; i < paths.length; i++) {
            assertThat(Hub.served(paths[i][0], paths[i][1])).as(paths[i][1]).isEqualTo(asked[i]);
        }
    }

    @Test
    void anAnswerOlderThanTheMaxAgeIsReadAgainWithoutAnEvent() throws Exception {
        String n = Hub.unseenCustomer();
        String scorePath = "/api/v1/customers/" + n + "/score";
        awaitStored(n, scorePath);
        // A re-scoring no event announces (the tier stayed): only the age of the stored answer brings it in.
        Hub.stubValue("contribution-scoring", "score", n, "815.0");
        // Every section stored (the last ones land just after the view that read them), then all made old.
        await().atMost(EVENT_ARRIVES).untilAsserted(() ->
                assertThat(store.read(n, Duration.ofMinutes(1)).sections()).containsOnlyKeys(ViewSection.values()));
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE view_section SET read_at = now() - interval '2 days' WHERE customer_number = ?")) {
            ps.setString(1, n);
            assertThat(ps.executeUpdate()).isEqualTo(ViewSection.values().length);
        }
        // Read again in the background: the store holds the new score, and views are answered from it.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ViewStore.Stored score = store.read(n, Duration.ofMinutes(1)).sections().get(ViewSection.SCORE);
            assertThat(score).isNotNull();
            assertThat(new String(score.json(), java.nio.charset.StandardCharsets.UTF_8)).contains("815.0");
        });
        int asked = Hub.served("contribution-scoring", scorePath);
        view(n).body("score.data.score", equalTo(815.0f));
        assertThat(Hub.served("contribution-scoring", scorePath)).isEqualTo(asked);
    }

    @Test
    void aScoreReadWhileItsEventSettlesIsNotStoredButTheRefreshAfterwardsIs() {
        String n = Hub.unseenCustomer();
        awaitStored(n, "/api/v1/customers/" + n + "/score");
        long before = store.read(n, Duration.ofMinutes(1)).generation();
        Hub.stubValue("contribution-scoring", "score", n, "830.0");
        new KafkaTestClient(kafka).send("ecif.tier.v1", n, TestEvents.tier(n, "EXCELLENT", 830.0, "VWC001"));
        await().atMost(EVENT_ARRIVES).until(() -> store.read(n, Duration.ofMinutes(1)).generation() > before);
        // Scoring may not have applied the event yet: the view reads the score from it, and does not store it...
        view(n).body("score.data.score", equalTo(830.0f));
        await().atMost(EVENT_ARRIVES).untilAsserted(() ->
                assertThat(store.read(n, Duration.ofMinutes(1)).sections()).containsKey(ViewSection.CUSTOMER));
        ViewStore.Snapshot settling = store.read(n, Duration.ofMinutes(1));
        if (settling.settling()) {
            assertThat(settling.sections()).doesNotContainKeys(ViewSection.SCORE, ViewSection.OWNERS);
        }
        // ...the refresh once the event has settled does.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ViewStore.Snapshot settled = store.read(n, Duration.ofMinutes(1));
            assertThat(settled.sections()).containsOnlyKeys(ViewSection.values());
            assertThat(new String(settled.sections().get(ViewSection.SCORE).json(),
                    java.nio.charset.StandardCharsets.UTF_8)).contains("830.0");
        });
    }

    @Test
    void aRefreshThatFindsAServiceDownIsTriedAgainAndTheViewMeanwhileSaysWhatIsMissing() {
        String n = Hub.unseenCustomer();
        Hub.stub("contribution-scoring", "down");
        new KafkaTestClient(kafka).send("ecif.ownership.v1", n, TestEvents.owner(n, "PRIMARY", "S0998"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(store.read(n, Duration.ofMinutes(1)).sections()).containsKeys(ViewSection.CUSTOMER, ViewSection.OWNERS));
        assertThat(store.read(n, Duration.ofMinutes(1)).sections()).doesNotContainKey(ViewSection.SCORE);
        view(n).body("score.status", equalTo("UNAVAILABLE")).body("owners.status", equalTo("AVAILABLE"))
                .body("unavailable", org.hamcrest.Matchers.contains("score"));
        Hub.stub("contribution-scoring", "up");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(store.read(n, Duration.ofMinutes(1)).sections()).containsOnlyKeys(ViewSection.values()));
        view(n).body("complete", equalTo(true));
    }

    @Test
    void whileNoGatewayFollowsTheEventsViewsAskTheServicesInsteadOfTheStore() throws Exception {
        String n = Hub.unseenCustomer();
        String scorePath = "/api/v1/customers/" + n + "/score";
        awaitStored(n, scorePath);
        try (Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
            // The feeders' heartbeat last written an hour ago, and frozen there: as if Kafka had been down since.
            c.setAutoCommit(false);
            st.execute("UPDATE view_feed SET followed_at = now() - interval '1 hour'");
            st.execute("CREATE OR REPLACE FUNCTION view_feed_frozen() RETURNS trigger LANGUAGE plpgsql "
                    + "AS $$ BEGIN RETURN NULL; END $$");
            st.execute("CREATE TRIGGER view_feed_frozen BEFORE UPDATE ON view_feed FOR EACH ROW "
                    + "EXECUTE FUNCTION view_feed_frozen()");
            c.commit();
            try {
                // What the store holds may be stale: the view asks scoring instead.
                int asked = Hub.served("contribution-scoring", scorePath);
                view(n).body("score.data.score", equalTo(812.5f)).body("complete", equalTo(true));
                assertThat(Hub.served("contribution-scoring", scorePath)).isGreaterThan(asked);
            } finally {
                c.setAutoCommit(true);
                st.execute("DROP TRIGGER IF EXISTS view_feed_frozen ON view_feed");
                st.execute("DROP FUNCTION IF EXISTS view_feed_frozen()");
            }
        }
        // Followed again (the next heartbeat): answered from the store.
        awaitStored(n, scorePath);
    }

    private static double metric(String metrics, String name) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).strip());
            }
        }
        throw new AssertionError("no metric " + name);
    }

    /** Reads the view until a second read asks the service nothing more (the answers are stored). */
    private static void awaitStored(String n, String scorePath) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            view(n).body("complete", equalTo(true));
            int asked = Hub.served("contribution-scoring", scorePath);
            view(n).body("score.data.score", equalTo(812.5f));
            assertThat(Hub.served("contribution-scoring", scorePath)).isEqualTo(asked);
        });
    }

    private static io.restassured.response.ValidatableResponse view(String n) {
        return as("HEAD_OFFICE").get("/api/v1/customers/" + n + "/view").then().log().ifValidationFails()
                .statusCode(200);
    }
}
