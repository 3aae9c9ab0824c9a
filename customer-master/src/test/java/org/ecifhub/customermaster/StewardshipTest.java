package org.ecifhub.customermaster;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.ecifhub.support.infra.TestInfrastructure;
import org.ecifhub.support.testing.KafkaTestClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecifhub.customermaster.CustomerQueryTest.post;
import static org.ecifhub.customermaster.FeedIngestionTest.JSON;
import static org.ecifhub.customermaster.FeedIngestionTest.record;
import static org.ecifhub.customermaster.FeedIngestionTest.unique;
import static org.ecifhub.customermaster.FeedIngestionTest.validId;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class StewardshipTest {

    /** An e-banking user known only by name and phone: the matcher's, or a steward's, to place. */
    static String ebankUser(String sourceId, String name, String phone) {
        return """
                {"source": "EBANK", "sourceCustomerId": "%s", "asOf": "2026-11-21T23:00:00+08:00",
                 "party": {"type": "PERSON", "name": "%s", "phone": "%s"},
                 "ebanking": {"mobileBanking": true, "loginsLast30d": 3, "transactionsLast30d": 1}}"""
                .formatted(sourceId, name, phone);
    }

    @Test
    void aMergedNumberRedirectsToTheSurvivorAndBothStreamsSayIt() throws Exception {
        String phone = "135" + (10000000 + (int) (Math.random() * 89999999));
        String depositId = "CB" + unique();
        String survivor = post("DEPOSIT", record("DEPOSIT", depositId, "邓小平", validId("431381", "19600808"), "LSJ003", 5000, phone));
        String ebankId = "EB" + unique();
        // Another phone and a homophone name: nothing the matcher could safely join, but the steward knows.
        String otherPhone = FeedIngestionTest.randomMobile();
        String retired = post("EBANK", ebankUser(ebankId, "邓晓平", otherPhone));
        assertThat(retired).isNotEqualTo(survivor);

        given().contentType("application/json")
                .body("{\"retired\": \"" + retired + "\", \"operator\": \"STEWARD01\", \"reason\": \"same person\"}")
                .post("/api/v1/customers/" + survivor + "/merge").then().statusCode(200)
                .body("sources", hasSize(2)).body("ebanking.mobileBanking", equalTo(true));

        given().get("/api/v1/customers/" + retired).then().statusCode(200)
                .body("customerNumber", equalTo(survivor)).body("redirectedFrom", equalTo(retired));
        given().get("/api/v1/xref/EBANK/" + ebankId).then().body("customerNumber", equalTo(survivor));
        // A later record of the e-banking user stays with the survivor.
        String again = post("EBANK", ebankUser(ebankId, "邓晓平", otherPhone).replace("loginsLast30d\": 3", "loginsLast30d\": 9"));
        assertThat(again).isEqualTo(survivor);

        var kafka = new KafkaTestClient(TestInfrastructure.get().kafkaBootstrapServers());
        for (String key : new String[]{survivor, retired}) {
            var merged = kafka.read("ecif.customer.v1", r -> key.equals(r.key()) && r.value().contains("CustomersMerged"),
                    1, Duration.ofSeconds(30));
            assertThat(merged).hasSize(1);
            JsonNode data = JSON.readTree(merged.get(0).value()).path("data");
            assertThat(data.path("survivor").asText()).isEqualTo(survivor);
            assertThat(data.path("retired").asText()).isEqualTo(retired);
        }
    }

    @Test
    void twoDifferentValidIdsAreNeverMerged() {
        String a = post("DEPOSIT", record("DEPOSIT", "CB" + unique(), "双胞胎甲", validId("431381", "19990101"), "LSJ001", 1));
        String b = post("DEPOSIT", record("DEPOSIT", "CB" + unique(), "双胞胎乙", validId("431381", "19990101"), "LSJ001", 1));
        given().contentType("application/json")
                .body("{\"retired\": \"" + b + "\", \"operator\": \"STEWARD01\", \"reason\": \"look alike\"}")
                .post("/api/v1/customers/" + a + "/merge").then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("urn:ecif:problem:steward-conflict"));
        given().contentType("application/json").body("{\"retired\": \"" + b + "\"}")
                .post("/api/v1/customers/" + a + "/merge").then().statusCode(400)
                .body("errors[0].field", equalTo("operator"));
    }

    @Test
    void aSplitGivesTheSourceCustomerANewNumberThatLaterRecordsKeep() {
        String phone = "136" + (10000000 + (int) (Math.random() * 89999999));
        String survivor = post("DEPOSIT", record("DEPOSIT", "CB" + unique(), "王强", validId("431381", "19850505"), "LSJ002", 100, phone));
        String ebankId = "EB" + unique();
        // Same name and phone: the matcher joins them; the steward finds out they are two people.
        String joined = post("EBANK", ebankUser(ebankId, "王强", phone));
        assertThat(joined).isEqualTo(survivor);

        String newNumber = given().contentType("application/json")
                .body("{\"source\": \"EBANK\", \"sourceCustomerId\": \"" + ebankId + "\", \"operator\": \"STEWARD02\", "
                        + "\"reason\": \"a different 王强 shares the shop phone\"}")
                .post("/api/v1/customers/" + survivor + "/split").then().statusCode(200)
                .body("from", equalTo(survivor)).extract().path("newCustomer");
        assertThat(newNumber).isNotEqualTo(survivor);
        given().get("/api/v1/customers/" + survivor).then().body("sources", hasSize(1));
        given().get("/api/v1/customers/" + newNumber).then().statusCode(200)
                .body("sources.sourceCustomerId", hasItem(ebankId)).body("ebanking", equalTo(null));
        // The decision outlives re-processing: the same source customer's next record stays apart.
        String again = post("EBANK", ebankUser(ebankId, "王强", phone).replace("loginsLast30d\": 3", "loginsLast30d\": 7"));
        assertThat(again).isEqualTo(newNumber);
        // And the two cannot simply be merged back.
        given().contentType("application/json")
                .body("{\"retired\": \"" + newNumber + "\", \"operator\": \"STEWARD01\", \"reason\": \"oops\"}")
                .post("/api/v1/customers/" + survivor + "/merge").then().statusCode(409);
    }
}
