package org.ecifhub.customermaster;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ecifhub.customermaster.domain.standard.Usccs;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.ecifhub.customermaster.CustomerQueryTest.post;
import static org.ecifhub.customermaster.FeedIngestionTest.record;
import static org.ecifhub.customermaster.FeedIngestionTest.unique;
import static org.ecifhub.customermaster.FeedIngestionTest.validId;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class RelationshipTest {

    static String uscc() {
        String body = "91431381MA4" + String.format("%06d", (int) (Math.random() * 1_000_000)).replace('0', 'A');
        // 17 characters from the USCC alphabet, then the GB 32100 check character.
        String first17 = (body + "PPPPPPPPPPPPPPPP").substring(0, 17);
        return first17 + Usccs.checkChar(first17);
    }

    static String organisation(String sourceId, String uscc, String repName, String repId) {
        return """
                {"source": "LOAN", "sourceCustomerId": "%s", "asOf": "2026-11-21T23:00:00+08:00", "branchCode": "LSJ001",
                 "party": {"type": "ORGANIZATION", "name": "冷水江市%s农业发展有限公司", "idType": "USCC", "idNumber": "%s",
                           "legalRepresentative": {"name": "%s", "idType": "RESIDENT_ID", "idNumber": "%s"}}}"""
                .formatted(sourceId, sourceId, uscc, repName, repId);
    }

    @Test
    void theLegalRepresentativeFromAnOrganisationsFeedIsLinkedWhenThePersonArrives() {
        String repId = validId("431381", "19700101");
        String org = post("LOAN", organisation("LN" + unique(), uscc(), "谢国华", repId));
        given().get("/api/v1/customers/" + org + "/relationships").then().statusCode(200)
                .body("", hasSize(1)).body("[0].type", equalTo("LEGAL_REPRESENTATIVE"))
                .body("[0].toName", equalTo("谢国华")).body("[0].toCustomer", equalTo(null));

        String person = post("DEPOSIT", record("DEPOSIT", "CB" + unique(), "谢国华", repId, "LSJ001", 10));
        given().get("/api/v1/customers/" + person + "/relationships").then().statusCode(200)
                .body("fromCustomer", hasItem(org));
        given().get("/api/v1/customers/" + org + "/relationships").then().statusCode(200)
                .body("[0].toCustomer", equalTo(person));
    }

    @Test
    void staffRecordAndEndRelationshipsWithOperatorAndReason() {
        String a = post("DEPOSIT", record("DEPOSIT", "CB" + unique(), "甲", validId("431381", "19800202"), "LSJ001", 1));
        String b = post("DEPOSIT", record("DEPOSIT", "CB" + unique(), "乙", validId("431381", "19800303"), "LSJ001", 1));
        int id = given().contentType("application/json")
                .body("{\"type\": \"GUARANTOR\", \"toCustomerNumber\": \"" + b + "\", \"operator\": \"S0101\", \"reason\": \"loan\"}")
                .post("/api/v1/customers/" + a + "/relationships").then().statusCode(201)
                .body("type", equalTo("GUARANTOR")).body("operator", equalTo("S0101"))
                .extract().path("id");
        given().contentType("application/json")
                .body("{\"type\": \"GUARANTOR\", \"toCustomerNumber\": \"" + b + "\", \"operator\": \"S0101\"}")
                .post("/api/v1/customers/" + a + "/relationships").then().statusCode(409);
        given().contentType("application/json")
                .body("{\"type\": \"LEGAL_REPRESENTATIVE\", \"toCustomerNumber\": \"" + b + "\", \"operator\": \"S0101\"}")
                .post("/api/v1/customers/" + a + "/relationships").then().statusCode(400)
                .body("errors[0].field", equalTo("type"));
        given().contentType("application/json")
                .body("{\"type\": \"FAMILY\", \"toCustomerNumber\": \"" + b + "\"}")
                .post("/api/v1/customers/" + a + "/relationships").then().statusCode(400)
                .body("errors[0].field", equalTo("operator"));
        given().queryParam("operator", "S0101").queryParam("reason", "loan repaid")
                .delete("/api/v1/customers/" + a + "/relationships/" + id).then().statusCode(204);
        given().get("/api/v1/customers/" + a + "/relationships").then().statusCode(200)
                .body("id", not(hasItem(id)));
    }

    @Test
    void peopleAtTheSameAddressWithTheSamePhoneAreSuggestedAsAHousehold() {
        String address = "湖南省娄底市冷水江市沙塘湾街道" + unique() + "号";
        String phone = "137" + (10000000 + (int) (Math.random() * 89999999));
        String husband = post("DEPOSIT", record("DEPOSIT", "CB" + unique(), "罗大海", validId("431381", "19750505"), "LSJ001", 1, phone)
                .replace("\"phone\": \"" + phone + "\"", "\"phone\": \"" + phone + "\", \"address\": \"" + address + "\""));
        String wife = post("DEPOSIT", record("DEPOSIT", "CB" + unique(), "曾小红", validId("431381", "19770707"), "LSJ001", 1, phone)
                .replace("\"phone\": \"" + phone + "\"", "\"phone\": \"" + phone + "\", \"address\": \"" + address + "\""));
        given().get("/api/v1/customers/" + husband + "/household-suggestions").then().statusCode(200)
                .body("customerNumber", hasItem(wife));
        // Offered, not asserted: no relationship exists until staff record one.
        given().get("/api/v1/customers/" + husband + "/relationships").then().statusCode(200).body("", hasSize(0));
    }
}
