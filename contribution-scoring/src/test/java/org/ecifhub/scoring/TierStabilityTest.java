package org.ecifhub.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import io.quarkus.test.junit.QuarkusTest;
import org.ecifhub.scoring.service.EndOfDay;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecifhub.scoring.Feed.Account.deposit;
import static org.ecifhub.scoring.Feed.DAY0;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/** The "done when": tiers rest on average balances, with hysteresis, against real PostgreSQL and Kafka. */
@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class TierStabilityTest {

    @jakarta.inject.Inject
    EndOfDay endOfDay;
    @jakarta.inject.Inject
    Scheduler scheduler;

    @Test
    void theEndOfDayIsScheduledNightlyInTheBusinessZone() {
        // Tests configure the default time of day in a year that never comes (see application.properties).
        Trigger nightly = scheduler.getScheduledJob("scoring-end-of-day");
        assertThat(nightly).as("the nightly end of day is scheduled").isNotNull();
        assertThat(nightly.getNextFireTime()).isEqualTo(OffsetDateTime.parse("2099-01-01T00:30:00+08:00").toInstant());
    }

    final Feed feed = new Feed();

    @Test
    void aBalanceSpikingForThreeDaysDoesNotChangeTheTier() {
        String c = Feed.newCustomerNumber();
        String branch = Feed.newBranch();
        String account = "SP" + c;
        feed.send(c, Feed.holdings(c, 1, branch, DAY0, List.of(deposit(account, "DEMAND_DEPOSIT", 150_000, DAY0))));
        // 1,000,000 on days 60, 61 and 62 (two statements), back to 150,000 on day 63
        feed.send(c, Feed.holdings(c, 2, branch, DAY0.plusDays(60),
                List.of(deposit(account, "DEMAND_DEPOSIT", 1_000_000, DAY0.plusDays(60)))));
        feed.send(c, Feed.holdings(c, 3, branch, DAY0.plusDays(62),
                List.of(deposit(account, "DEMAND_DEPOSIT", 1_000_000, DAY0.plusDays(62)))));
        feed.send(c, Feed.holdings(c, 4, branch, DAY0.plusDays(63),
                List.of(deposit(account, "DEMAND_DEPOSIT", 150_000, DAY0.plusDays(63)))));
        Feed.awaitApplied(c, 4);

        JsonNode score = given().get("/api/v1/customers/" + c + "/score").then().statusCode(200).extract()
                .as(JsonNode.class);
        assertThat(score.path("tier").asText()).isEqualTo("POTENTIAL");
        assertThat(score.path("scoreDate").asText()).isEqualTo(DAY0.plusDays(63).toString());
        // the peak (day 62): (60 * 150,000 + 3 * 1,000,000) / 63 days since the first balance
        JsonNode history = score.path("history");
        assertThat(history).hasSize(4);
        for (JsonNode day : history) {
            assertThat(day.path("ruleTier").asText()).as("rule tier on " + day.path("scoreDate")).isEqualTo("POTENTIAL");
        }
        assertThat(history.get(1).path("scoreDate").asText()).isEqualTo(DAY0.plusDays(62).toString());
        assertThat(history.get(1).path("averageAssets").decimalValue()).isEqualByComparingTo("190476.19");

        List<JsonNode> tiers = feed.tierEvents(c, 1);
        assertThat(tiers).hasSize(1);
        assertThat(tiers.get(0).path("data").path("from").isNull()).isTrue();
        assertThat(tiers.get(0).path("data").path("to").asText()).isEqualTo("POTENTIAL");
    }

    @Test
    void stayingAboveTheThresholdUpgradesWhenTheAverageCrossesIt() {
        String c = Feed.newCustomerNumber();
        String branch = Feed.newBranch();
        String account = "UP" + c;
        feed.send(c, Feed.holdings(c, 1, branch, DAY0, List.of(deposit(account, "TIME_DEPOSIT", 100_000, DAY0))));
        for (int day : new int[] {30, 40, 50}) {
            feed.send(c, Feed.holdings(c, day, branch, DAY0.plusDays(day),
                    List.of(deposit(account, "TIME_DEPOSIT", 400_000, DAY0.plusDays(day)))));
        }
        Feed.awaitApplied(c, 4);

        // day 30: 400,000 for one day; day 40: average 180,487.80; day 50: 223,529.41 >= 200,000
        given().get("/api/v1/customers/" + c + "/score").then().statusCode(200)
                .body("tier", equalTo("EXCELLENT"))
                .body("tierSince", equalTo(DAY0.plusDays(50).toString()))
                .body("averages.assetsLongWindow", equalTo(223529.41f))
                .body("pendingDowngrade", nullValue());
        List<JsonNode> tiers = feed.tierEvents(c, 2);
        assertThat(tiers).extracting(e -> e.path("data").path("to").asText()).containsExactly("POTENTIAL", "EXCELLENT");
        JsonNode upgrade = tiers.get(1).path("data");
        assertThat(upgrade.path("from").asText()).isEqualTo("POTENTIAL");
        assertThat(upgrade.path("reason").asText()).startsWith("upgrade: average assets 223529.41 over 90 days >= 200000");
        assertThat(upgrade.path("scoreDate").asText()).isEqualTo(DAY0.plusDays(50).toString());
        assertThat(OffsetDateTime.parse(upgrade.path("effective").asText()).toInstant())
                .isEqualTo(DAY0.plusDays(50).atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant());
        assertThat(upgrade.path("customerNumber").asText()).isEqualTo(c);
        assertThat(upgrade.path("modelVersion").asText()).isNotBlank();
        assertThat(upgrade.path("score").decimalValue()).isEqualByComparingTo("1788.24");

        // the migration matrix of the branch between day 40 and day 50: one POTENTIAL -> EXCELLENT
        given().queryParam("from", DAY0.plusDays(40).toString()).queryParam("to", DAY0.plusDays(50).toString())
                .queryParam("branch", branch)
                .get("/api/v1/scoring/migration").then().statusCode(200)
                .body("customers", equalTo(1)).body("changed", equalTo(1))
                .body("matrix.POTENTIAL.EXCELLENT", equalTo(1));
    }

    @Test
    void fallingBelowDowngradesOnlyAfterTheGracePeriodAndWarnsTheBranch() {
        String c = Feed.newCustomerNumber();
        String branch = Feed.newBranch();
        String account = "DN" + c;
        feed.send(c, Feed.holdings(c, 1, branch, DAY0, List.of(deposit(account, "TIME_DEPOSIT", 300_000, DAY0))));
        int version = 1;
        for (int day : new int[] {90, 121, 140}) {
            feed.send(c, Feed.holdings(c, ++version, branch, DAY0.plusDays(day),
                    List.of(deposit(account, "TIME_DEPOSIT", 10_000, DAY0.plusDays(day)))));
        }
        Feed.awaitApplied(c, 4);

        // day 121: the 90-day average falls to 196,888.89 (< 200,000); day 140 is 19 days into the 30-day grace
        given().get("/api/v1/customers/" + c + "/score").then().statusCode(200)
                .body("tier", equalTo("EXCELLENT"))
                .body("ruleTier", equalTo("POTENTIAL"))
                .body("pendingDowngrade.to", equalTo("POTENTIAL"))
                .body("pendingDowngrade.belowSince", equalTo(DAY0.plusDays(121).toString()))
                .body("pendingDowngrade.effectiveOn", equalTo(DAY0.plusDays(151).toString()));
        // a key customer whose 30-day average fell far below its 90-day average is watched
        given().queryParam("branch", branch).get("/api/v1/scoring/alerts").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].kind", equalTo("BALANCE_DROP"))
                .body("[0].customerNumber", equalTo(c)).body("[0].tier", equalTo("EXCELLENT"))
                .body("[0].raisedOn", equalTo(DAY0.plusDays(121).toString()));

        feed.send(c, Feed.holdings(c, ++version, branch, DAY0.plusDays(151),
                List.of(deposit(account, "TIME_DEPOSIT", 10_000, DAY0.plusDays(151)))));
        Feed.awaitApplied(c, 5);
        given().get("/api/v1/customers/" + c + "/score").then().statusCode(200)
                .body("tier", equalTo("POTENTIAL")).body("pendingDowngrade", nullValue())
                .body("tierSince", equalTo(DAY0.plusDays(151).toString()));

        List<JsonNode> tiers = feed.tierEvents(c, 2);
        assertThat(tiers).extracting(e -> e.path("data").path("to").asText()).containsExactly("EXCELLENT", "POTENTIAL");
        assertThat(tiers.get(1).path("data").path("reason").asText()).startsWith("downgrade after 30 days below EXCELLENT");

        // the alert was published, and resolved once the customer left the watched tiers
        List<JsonNode> alerts = feed.alertEvents(c, 2);
        assertThat(alerts).extracting(e -> e.path("eventType").asText())
                .containsExactly("ScoringAlertRaised", "ScoringAlertResolved");
        assertThat(alerts.get(0).path("data").path("kind").asText()).isEqualTo("BALANCE_DROP");
        assertThat(alerts.get(0).path("data").path("branchCode").asText()).isEqualTo(branch);
        given().queryParam("branch", branch).get("/api/v1/scoring/alerts").then().statusCode(200).body("$", hasSize(0));
        given().queryParam("branch", branch).queryParam("status", "RESOLVED").get("/api/v1/scoring/alerts").then()
                .statusCode(200).body("$", hasSize(1)).body("[0].resolvedOn", equalTo(DAY0.plusDays(151).toString()));
    }

    @Test
    void theEndOfDayAppliesADowngradeThatIsDueWithoutWaitingForAnEvent() {
        String c = Feed.newCustomerNumber();
        String branch = Feed.newBranch();
        String account = "EOD" + c;
        feed.send(c, Feed.holdings(c, 1, branch, DAY0, List.of(deposit(account, "TIME_DEPOSIT", 300_000, DAY0))));
        feed.send(c, Feed.holdings(c, 2, branch, DAY0.plusDays(90),
                List.of(deposit(account, "TIME_DEPOSIT", 10_000, DAY0.plusDays(90)))));
        feed.send(c, Feed.holdings(c, 3, branch, DAY0.plusDays(121),
                List.of(deposit(account, "TIME_DEPOSIT", 10_000, DAY0.plusDays(121)))));
        Feed.awaitApplied(c, 3);
        given().get("/api/v1/customers/" + c + "/score").then()
                .body("tier", equalTo("EXCELLENT")).body("pendingDowngrade.belowSince", equalTo(DAY0.plusDays(121).toString()));

        // day 140: the grace period has not run out, nothing to do for this customer
        given().queryParam("asOf", DAY0.plusDays(140).toString()).post("/api/v1/scoring/reevaluate").then()
                .statusCode(200);
        given().get("/api/v1/customers/" + c + "/score").then().body("tier", equalTo("EXCELLENT"))
                .body("scoreDate", equalTo(DAY0.plusDays(121).toString()));
        // day 151: no event came, the nightly end of day applies the downgrade (the 10,000 balance still holds)
        assertThat(endOfDay.run(DAY0.plusDays(151)).changed()).isGreaterThanOrEqualTo(1);
        given().get("/api/v1/customers/" + c + "/score").then().body("tier", equalTo("POTENTIAL"))
                .body("scoreDate", equalTo(DAY0.plusDays(151).toString())).body("eventsApplied", equalTo(3));

        List<JsonNode> tiers = feed.tierEvents(c, 2);
        assertThat(tiers).extracting(e -> e.path("data").path("to").asText()).containsExactly("EXCELLENT", "POTENTIAL");
        assertThat(tiers.get(1).path("data").path("reason").asText()).startsWith("downgrade after 30 days")
                .contains("end of day " + DAY0.plusDays(151));

        given().post("/api/v1/scoring/reevaluate").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo("asOf"));
    }

    @Test
    void anOverdueLoanOfAKeyCustomerRaisesAWatchAlertForItsBranch() {
        String c = Feed.newCustomerNumber();
        String branch = Feed.newBranch();
        var savings = deposit("OD" + c, "TIME_DEPOSIT", 600_000, DAY0);
        feed.send(c, Feed.holdings(c, 1, branch, DAY0, List.of(savings,
                new Feed.Account("LOAN", "ODL" + c, "LOAN", 200_000, DAY0, 0.0475, 0, null))));
        feed.send(c, Feed.holdings(c, 2, branch, DAY0.plusDays(3), List.of(savings,
                new Feed.Account("LOAN", "ODL" + c, "LOAN", 200_000, DAY0.plusDays(3), 0.0475, 5, null))));
        Feed.awaitApplied(c, 2);

        given().queryParam("branch", branch).get("/api/v1/scoring/alerts").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].kind", equalTo("LOAN_OVERDUE")).body("[0].tier", equalTo("PRIVILEGE"))
                .body("[0].detail", equalTo("a loan is 5 days past due"));
        // the risk deduction and the expected loss show in the breakdown
        JsonNode score = given().get("/api/v1/customers/" + c + "/score").then().extract().as(JsonNode.class);
        JsonNode components = score.path("breakdown").path("components");
        assertThat(components.get(1).path("name").asText()).isEqualTo("loan");
        // 200,000 x (4.75% - 3%) - 200,000 x 2% (1 to 30 days past due)
        assertThat(components.get(1).path("contribution").decimalValue()).isEqualByComparingTo("-500");
        assertThat(components.get(6).path("points").decimalValue()).isEqualByComparingTo("-10");
        List<JsonNode> alerts = feed.alertEvents(c, 1);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).path("data").path("kind").asText()).isEqualTo("LOAN_OVERDUE");
    }
}
