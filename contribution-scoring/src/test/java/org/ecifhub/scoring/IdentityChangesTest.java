package org.ecifhub.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecifhub.scoring.Feed.Account.deposit;
import static org.ecifhub.scoring.Feed.DAY0;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** The score follows the party: merges combine holdings and their history, splits re-score both sides. */
@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class IdentityChangesTest {

    final Feed feed = new Feed();

    @Test
    void aMergeCombinesTheScoresWithTheRetiredCustomersHistory() {
        String survivor = Feed.newCustomerNumber();
        String retired = Feed.newCustomerNumber();
        String branch = Feed.newBranch();
        var a = deposit("MA" + survivor, "TIME_DEPOSIT", 100_000, DAY0);
        feed.send(survivor, Feed.holdings(survivor, 1, branch, DAY0, List.of(a)));
        feed.send(retired, Feed.holdings(retired, 1, branch, DAY0,
                List.of(deposit("MB" + retired, "TIME_DEPOSIT", 300_000, DAY0))));
        var b = deposit("MB" + retired, "TIME_DEPOSIT", 150_000, DAY0.plusDays(5));
        feed.send(retired, Feed.holdings(retired, 2, branch, DAY0.plusDays(5), List.of(b)));
        Feed.awaitApplied(survivor, 1);
        Feed.awaitApplied(retired, 2);
        given().get("/api/v1/customers/" + survivor + "/score").then().body("tier", equalTo("POTENTIAL"));
        // the retired customer alone: (5 * 300,000 + 150,000) / 6 days
        given().get("/api/v1/customers/" + retired + "/score").then().body("tier", equalTo("EXCELLENT"))
                .body("averages.assetsLongWindow", equalTo(275000.0f));

        // customer-master announces a merge on both keys, then the survivor's holdings (every account)
        feed.send(retired, Feed.merged(retired, 3, DAY0.plusDays(6), survivor, retired));
        feed.send(survivor, Feed.merged(survivor, 2, DAY0.plusDays(6), survivor, retired));
        Feed.awaitApplied(survivor, 2);
        // the retired number now answers with the survivor's score (its own events are counted on its own row)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/v1/customers/" + retired + "/score").then().statusCode(200)
                        .body("customerNumber", equalTo(survivor)));

        // 100,000 + 275,000: the retired customer's balances and their history now count for the survivor
        JsonNode score = given().get("/api/v1/customers/" + survivor + "/score").then().statusCode(200)
                .body("tier", equalTo("EXCELLENT")).extract().as(JsonNode.class);
        assertThat(score.path("averages").path("assetsLongWindow").decimalValue()).isEqualByComparingTo("375000");
        assertThat(score.path("breakdown").path("components").get(0).path("inputs").path("TIME_DEPOSIT")
                .path("averageBalance").decimalValue()).isEqualByComparingTo("375000");
        // the retired number answers with the survivor's score
        given().get("/api/v1/customers/" + retired + "/score").then().statusCode(200)
                .body("customerNumber", equalTo(survivor)).body("requestedCustomerNumber", equalTo(retired))
                .body("tier", equalTo("EXCELLENT"));

        feed.send(survivor, Feed.holdings(survivor, 3, branch, DAY0.plusDays(6), List.of(a, b)));
        Feed.awaitApplied(survivor, 3);
        given().get("/api/v1/customers/" + survivor + "/score").then().body("tier", equalTo("EXCELLENT"));

        List<JsonNode> tiers = feed.tierEvents(survivor, 2);
        assertThat(tiers).extracting(e -> e.path("data").path("to").asText()).containsExactly("POTENTIAL", "EXCELLENT");
        assertThat(tiers.get(1).path("data").path("reason").asText()).contains("merged with " + retired);
    }

    @Test
    void afterASplitBothCustomersAreRescoredAndTheMoneyThatLeftCountsAtOnce() {
        String from = Feed.newCustomerNumber();
        String split = Feed.newCustomerNumber();
        String branch = Feed.newBranch();
        var stays = deposit("SA" + from, "TIME_DEPOSIT", 100_000, DAY0);
        var leaves = deposit("SB" + from, "TIME_DEPOSIT", 400_000, DAY0);
        feed.send(from, Feed.holdings(from, 1, branch, DAY0, List.of(stays, leaves)));
        Feed.awaitApplied(from, 1);
        given().get("/api/v1/customers/" + from + "/score").then().body("tier", equalTo("PRIVILEGE"));

        // as customer-master publishes a split: CustomerSplit and the holdings of the customer split from, then the
        // new customer's CustomerCreated and holdings
        feed.send(from, Feed.split(from, 2, DAY0.plusDays(10), split));
        feed.send(from, Feed.holdings(from, 3, branch, DAY0.plusDays(10), List.of(stays)));
        feed.send(split, Feed.created(split, branch, DAY0.plusDays(10)));
        feed.send(split, Feed.holdings(split, 2, branch, DAY0.plusDays(10), List.of(leaves)));
        Feed.awaitApplied(from, 3);
        Feed.awaitApplied(split, 2);

        given().get("/api/v1/customers/" + from + "/score").then().body("tier", equalTo("POTENTIAL"))
                .body("averages.assetsLongWindow", equalTo(100000.0f)).body("pendingDowngrade", nullValue());
        given().get("/api/v1/customers/" + split + "/score").then().body("tier", equalTo("EXCELLENT"))
                .body("averages.assetsLongWindow", equalTo(400000.0f));
        List<JsonNode> tiers = feed.tierEvents(from, 2);
        assertThat(tiers).extracting(e -> e.path("data").path("to").asText()).containsExactly("PRIVILEGE", "POTENTIAL");
        assertThat(tiers.get(1).path("data").path("reason").asText()).startsWith("re-derived after a split");
    }
}
