package org.ecifhub.customermaster;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecifhub.customermaster.CustomerQueryTest.post;
import static org.ecifhub.customermaster.FeedIngestionTest.record;
import static org.ecifhub.customermaster.FeedIngestionTest.unique;
import static org.ecifhub.customermaster.FeedIngestionTest.validId;
import static org.ecifhub.customermaster.StewardshipTest.ebankUser;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class MatchingTest {

    static String phone() {
        return "158" + (10000000 + (int) (Math.random() * 89999999));
    }

    @Test
    void anEbankingUserWithTheSameNameAndPhoneJoinsTheDepositCustomer() {
        String phone = phone();
        String customer = post("DEPOSIT", record("DEPOSIT", "CB" + unique(), "胡春华", validId("431381", "19630401"), "LSJ001", 1, phone));
        String ebankId = "EB" + unique();
        // Only name and a differently written phone: no id, so the matcher decides.
        String joined = post("EBANK", ebankUser(ebankId, "胡 春华", "+86 " + phone.substring(0, 3) + " " + phone.substring(3)));
        assertThat(joined).isEqualTo(customer);
        given().get("/api/v1/customers/" + customer).then().body("sources", hasSize(2));
    }

    @Test
    void twinsWithDifferentValidIdsAreNeverMergedWhateverElseAgrees() {
        String phone = phone();
        String address = "湖南省娄底市冷水江市金竹山镇" + unique() + "号";
        String first = post("DEPOSIT", record("DEPOSIT", "CB" + unique(), "高萍萍", validId("431381", "20010303"), "LSJ001", 1, phone)
                .replace("\"phone\": \"" + phone + "\"", "\"phone\": \"" + phone + "\", \"address\": \"" + address + "\""));
        String second = post("DEPOSIT", record("DEPOSIT", "CB" + unique(), "高萍平", validId("431381", "20010303"), "LSJ001", 1, phone)
                .replace("\"phone\": \"" + phone + "\"", "\"phone\": \"" + phone + "\", \"address\": \"" + address + "\""));
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void aPossibleMatchWaitsForAStewardWhoCanMergeOrKeepApart() {
        // Same name and a birth date one digit apart, nothing else: worth a steward's look, not proof.
        String name = "蒋" + "明亮辉军平安".charAt(Math.floorMod(unique().hashCode(), 6)) + "华";
        String existing = post("DEPOSIT", record("DEPOSIT", "CB" + unique(), name, validId("431381", "19720115"), "LSJ006", 1)
                .replace("\"gender\": \"M\"", "\"birthDate\": \"1972-01-15\", \"gender\": \"M\""));
        String ebank = """
                {"source": "EBANK", "sourceCustomerId": "%s", "asOf": "2026-11-21T23:00:00+08:00",
                 "party": {"type": "PERSON", "name": "%s", "birthDate": "1972-01-16", "gender": "M"}}"""
                .formatted("EB" + unique(), name);
        String newer = post("EBANK", ebank);
        assertThat(newer).isNotEqualTo(existing);

        List<Map<String, Object>> tasks = given().get("/api/v1/stewardship/tasks").then().statusCode(200)
                .extract().jsonPath().getList("");
        Map<String, Object> task = tasks.stream().filter(t -> newer.equals(t.get("customerNumber"))).findFirst()
                .orElseThrow(() -> new AssertionError("no task for " + newer + " in " + tasks));
        assertThat(task.get("candidate")).isEqualTo(existing);
        int taskId = (Integer) task.get("id");
        given().get("/api/v1/stewardship/tasks").then()
                .body("find { it.id == " + taskId + " }.explanation.outcome", equalTo("POSSIBLE_MATCH"))
                .body("find { it.id == " + taskId + " }.explanation.scores.field", hasItem("NAME"))
                .body("find { it.id == " + taskId + " }.candidateRecord.customerNumber", equalTo(existing));

        given().contentType("application/json").body("{\"operator\": \"STEWARD01\", \"reason\": \"called the customer\"}")
                .post("/api/v1/stewardship/tasks/" + taskId + "/merge").then().statusCode(200)
                .body("status", equalTo("MERGED"));
        given().get("/api/v1/customers/" + newer).then().body("customerNumber", equalTo(existing));
        given().contentType("application/json").body("{\"operator\": \"STEWARD01\", \"reason\": \"again\"}")
                .post("/api/v1/stewardship/tasks/" + taskId + "/keep-apart").then().statusCode(409);
    }
}
