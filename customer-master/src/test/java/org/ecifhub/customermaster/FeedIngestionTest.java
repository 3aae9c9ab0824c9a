package org.ecifhub.customermaster;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ecifhub.customermaster.domain.standard.ResidentIds;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.ecifhub.support.infra.TestInfrastructure;
import org.ecifhub.support.testing.KafkaTestClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class FeedIngestionTest {

    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** A person's record with a phone of its own, so that unrelated test customers never look alike. */
    static String record(String source, String sourceId, String name, String idNumber, String branch, double balance) {
        return record(source, sourceId, name, idNumber, branch, balance, randomMobile());
    }

    static String record(String source, String sourceId, String name, String idNumber, String branch, double balance,
                         String phone) {
        return """
                {"source": "%s", "sourceCustomerId": "%s", "asOf": "2026-11-21T23:00:00+08:00", "branchCode": "%s",
                 "party": {"type": "PERSON", "name": "%s", "idType": "RESIDENT_ID", "idNumber": "%s",
                           "gender": "M", "phone": "%s"},
                 "accounts": [{"accountId": "A-%s", "productType": "DEMAND_DEPOSIT", "currency": "CNY",
                               "balance": %s, "status": "ACTIVE", "openDate": "2015-03-02"}]}"""
                .formatted(source, sourceId, branch, name, idNumber, phone, sourceId, balance);
    }

    static String randomMobile() {
        return "13" + (5 + (int) (Math.random() * 5)) + (10000000 + (int) (Math.random() * 89999999));
    }

    /** A valid resident id (GB 11643 check character) for the given birth date and a random sequence. */
    static String validId(String region, String yyyyMMdd) {
        String first17 = region + yyyyMMdd + String.format("%03d", (int) (Math.random() * 1000));
        return first17 + ResidentIds.checkChar(first17);
    }

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aDepositRecordBecomesAGoldenRecordWithXrefAndEventsOnKafka() {
        String sourceId = "CB" + unique();
        String customerNumber = given().contentType(ContentType.JSON)
                .body("[" + record("DEPOSIT", sourceId, "张伟", "431381198001010019", "LSJ001", 15230.55) + "]")
                .post("/api/v1/feeds/DEPOSIT/records")
                .then().statusCode(200)
                .body("accepted", equalTo(1))
                .body("results[0].outcome", equalTo("CREATED"))
                .extract().path("results[0].customerNumber");

        given().get("/api/v1/customers/" + customerNumber).then().statusCode(200)
                .body("attributes.name", equalTo("张伟"))
                .body("attributes.idNumber", equalTo("431381198001010019"))
                .body("sources", hasSize(1))
                .body("sources[0].sourceCustomerId", equalTo(sourceId))
                .body("accounts[0].balance", equalTo(15230.55f));
        given().get("/api/v1/xref/DEPOSIT/" + sourceId).then().statusCode(200)
                .body("customerNumber", equalTo(customerNumber));

        List<ConsumerRecord<String, String>> events = eventsFor(customerNumber, 2, Duration.ofSeconds(30));
        assertThat(events).extracting(ConsumerRecord::key).containsOnly(customerNumber);
        assertThat(events).extracting(r -> JSON.readTree(r.value()).path("eventType").asText())
                .containsExactly("CustomerCreated", "HoldingsChanged");
        assertThat(events).extracting(r -> JSON.readTree(r.value()).path("version").asLong()).containsExactly(1L, 2L);
    }

    /**
     * Every consumer group starts at the topic's first event, so a consumer added to a running hub (a new read
     * model, a rebuilt service) replays the whole history: the topic must keep it, not a broker's default 7 days.
     */
    @Test
    void theEventTopicKeepsEveryEventSoAConsumerAddedLaterCanReplayTheWholeHistory() {
        assertThat(new KafkaTestClient(TestInfrastructure.get().kafkaBootstrapServers())
                .topicConfig("ecif.customer.v1", "retention.ms")).isEqualTo("-1");
    }

    @Test
    void theSameIdNumberFromAnotherSystemJoinsTheSameGoldenRecord() {
        String idNumber = validId("431381", "19850202");
        String first = given().contentType(ContentType.JSON)
                .body("[" + record("DEPOSIT", "CB" + unique(), "李娜", idNumber, "LSJ002", 100) + "]")
                .post("/api/v1/feeds/DEPOSIT/records").then().statusCode(200)
                .extract().path("results[0].customerNumber");
        // Full-width digits and a lower-case x are the same id after standardisation.
        String loanSourceId = "LN" + unique();
        String second = given().config(io.restassured.RestAssured.config().encoderConfig(
                        io.restassured.config.EncoderConfig.encoderConfig()
                                .encodeContentTypeAs("application/x-ndjson", ContentType.TEXT)))
                .contentType("application/x-ndjson; charset=UTF-8")
                .body(record("LOAN", loanSourceId, "李娜", toFullWidth(idNumber), "LSJ002", 5000).replace("\n", "") + "\n")
                .post("/api/v1/feeds/LOAN/records").then().statusCode(200)
                .extract().path("results[0].customerNumber");
        assertThat(second).isEqualTo(first);
        given().get("/api/v1/customers/" + first).then().statusCode(200).body("sources", hasSize(2))
                .body("sources.source", hasItem("LOAN"));
    }

    @Test
    void sendingTheSameRecordAgainChangesNothing() {
        String body = "[" + record("DEPOSIT", "CB" + unique(), "王芳", validId("431381", "19900303"), "LSJ001", 42) + "]";
        given().contentType(ContentType.JSON).body(body).post("/api/v1/feeds/DEPOSIT/records").then().statusCode(200)
                .body("results[0].outcome", equalTo("CREATED"));
        given().contentType(ContentType.JSON).body(body).post("/api/v1/feeds/DEPOSIT/records").then().statusCode(200)
                .body("results[0].outcome", equalTo("UNCHANGED"));
    }

    @Test
    void badRecordsAreRefusedWithIndexAndFieldWhileGoodOnesLand() {
        String good = record("DEPOSIT", "CB" + unique(), "赵敏", validId("431381", "19700404"), "LSJ003", 1);
        String missingName = """
                {"source": "DEPOSIT", "sourceCustomerId": "CBX1", "party": {"type": "PERSON"}}""";
        String wrongType = """
                {"source": "DEPOSIT", "sourceCustomerId": "CBX2", "party": {"type": "PERSON", "name": "钱七"},
                 "accounts": [{"accountId": "A1", "productType": "DEMAND_DEPOSIT", "balance": "lots"}]}""";
        given().contentType(ContentType.JSON).body("[" + good + "," + missingName + "," + wrongType + "]")
                .post("/api/v1/feeds/DEPOSIT/records")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:ecif:problem:invalid-records"))
                .body("accepted", equalTo(1))
                .body("errors.find { it.index == 1 }.field", equalTo("party.name"))
                .body("errors.find { it.index == 2 }.field", equalTo("accounts[0].balance"))
                .body("results[0].customerNumber", notNullValue());
    }

    @Test
    void malformedJsonAndUnknownSourceAreProblems() {
        given().contentType(ContentType.JSON).body("[{\"source\": ")
                .post("/api/v1/feeds/DEPOSIT/records")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:ecif:problem:malformed-body"));
        given().contentType(ContentType.JSON).body("[]")
                .post("/api/v1/feeds/PAYROLL/records")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:ecif:problem:unknown-source"))
                .body("errors[0].field", equalTo("source"));
        given().get("/api/v1/customers/999").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aFirstGenerationIdJoinsThePartyOfItsEighteenDigitForm() {
        String id18 = validId("431381", "19620315");
        String id15 = id18.substring(0, 6) + id18.substring(8, 17);
        String first = given().contentType(ContentType.JSON)
                .body("[" + record("DEPOSIT", "CB" + unique(), "陈建国", id18, "LSJ001", 10) + "]")
                .post("/api/v1/feeds/DEPOSIT/records").then().statusCode(200)
                .extract().path("results[0].customerNumber");
        String second = given().contentType(ContentType.JSON)
                .body("[" + record("LOAN", "LN" + unique(), "陈 建国", id15, "LSJ001", 10) + "]")
                .post("/api/v1/feeds/LOAN/records").then().statusCode(200)
                .extract().path("results[0].customerNumber");
        assertThat(second).isEqualTo(first);
        given().get("/api/v1/customers/" + first).then().statusCode(200)
                .body("attributes.idNumber", equalTo(id18))
                .body("attributes.name", equalTo("陈建国"))
                .body("idValid", equalTo(true));
    }

    @Test
    void anInvalidIdIsKeptFlaggedAndNeverDecidesAMatch() {
        String valid = validId("431381", "19750505");
        char wrong = valid.charAt(17) == '1' ? '2' : '1';
        String invalid = valid.substring(0, 17) + wrong;
        String first = given().contentType(ContentType.JSON)
                .body("[" + record("DEPOSIT", "CB" + unique(), "周杰", invalid, "LSJ001", 10) + "]")
                .post("/api/v1/feeds/DEPOSIT/records").then().statusCode(200)
                .body("results[0].outcome", equalTo("CREATED"))
                .extract().path("results[0].customerNumber");
        given().get("/api/v1/customers/" + first).then().statusCode(200)
                .body("attributes.idNumber", equalTo(invalid))
                .body("idValid", equalTo(false))
                .body("qualityIssues.flag", hasItem("ID_CHECK_DIGIT_INVALID"));
        // The same wrong number under another name is not proof of the same party: no merge by rule.
        String second = given().contentType(ContentType.JSON)
                .body("[" + record("LOAN", "LN" + unique(), "孙红梅", invalid, "LSJ001", 10) + "]")
                .post("/api/v1/feeds/LOAN/records").then().statusCode(200)
                .extract().path("results[0].customerNumber");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void survivingValuesFollowValidityThenSourceTrustAndCarryTheirLineage() {
        String id = validId("431381", "19690909");
        String depositId = "CB" + unique();
        String loanId = "LN" + unique();
        String customer = given().contentType(ContentType.JSON)
                .body("[" + record("DEPOSIT", depositId, "黄玮", id, "LSJ001", 10) + "]")
                .post("/api/v1/feeds/DEPOSIT/records").then().statusCode(200)
                .extract().path("results[0].customerNumber");
        given().contentType(ContentType.JSON)
                .body("[" + record("LOAN", loanId, "黄伟", id, "LSJ001", 10)
                        .replace("2026-11-21T23:00:00+08:00", "2026-01-01T09:00:00+08:00") + "]")
                .post("/api/v1/feeds/LOAN/records").then().statusCode(200)
                .body("results[0].customerNumber", equalTo(customer))
                .body("results[0].outcome", equalTo("UPDATED"));
        // The loan system's KYC'd name wins although its record is older.
        given().get("/api/v1/customers/" + customer).then().statusCode(200)
                .body("attributes.name", equalTo("黄伟"))
                .body("lineage.name.source", equalTo("LOAN"))
                .body("lineage.name.sourceCustomerId", equalTo(loanId))
                .body("lineage.branchCode.source", equalTo("DEPOSIT"));
    }

    static String toFullWidth(String ascii) {
        StringBuilder sb = new StringBuilder();
        for (char c : ascii.toCharArray()) {
            sb.append(c >= '!' && c <= '~' ? (char) (c - '!' + '！') : c);
        }
        return sb.toString().replace("X", "ｘ");
    }

    static List<ConsumerRecord<String, String>> eventsFor(String key, int atLeast, Duration timeout) {
        return new KafkaTestClient(TestInfrastructure.get().kafkaBootstrapServers())
                .readKey("ecif.customer.v1", key, atLeast, timeout);
    }
}
