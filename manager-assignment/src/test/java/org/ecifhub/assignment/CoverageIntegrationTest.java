package org.ecifhub.assignment;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecifhub.assignment.Fixtures.KAFKA;
import static org.ecifhub.assignment.Fixtures.OWNERSHIP;
import static org.ecifhub.assignment.Fixtures.awaitEvents;
import static org.ecifhub.assignment.Fixtures.currentOwner;
import static org.ecifhub.assignment.Fixtures.staff;
import static org.ecifhub.assignment.Fixtures.tier;
import static org.hamcrest.Matchers.equalTo;

/** The coverage policy applied from real TierChanged and customer events on Kafka, state in PostgreSQL. */
@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class CoverageIntegrationTest {

    @Test
    void anUpgradeToPrivilegeYieldsASeniorPrimaryAndASecondary() {
        String branch = Fixtures.branch();
        staff(branch + "M", branch, "CUSTOMER_MANAGER", "MANAGER");
        staff(branch + "T", branch, "TELLER", null);
        String customer = Fixtures.customer();
        tier(customer, branch, null, "EXCELLENT", "300000");
        assertThat(currentOwner(awaitEvents(customer, 1), "PRIMARY")).isEqualTo(branch + "M");
        staff(branch + "S", branch, "CUSTOMER_MANAGER", "SENIOR");

        // A core customer: PRIVILEGE with a contribution above ecif.assignment.coverage.core-privilege-min-score.
        tier(customer, branch, "EXCELLENT", "PRIVILEGE", "1500000");
        var owners = awaitEvents(customer, 2);
        assertThat(owners.getBoolean("core")).isTrue();
        assertThat(owners.getList("current.role")).containsExactly("PRIMARY", "SECONDARY");
        String primary = currentOwner(owners, "PRIMARY");
        assertThat(primary).isEqualTo(branch + "S");
        given().get("/api/v1/staff/" + primary).then().body("grade", equalTo("SENIOR"));
        // The former primary knows the customer: kept on the team as the secondary.
        assertThat(currentOwner(owners, "SECONDARY")).isEqualTo(branch + "M");
        assertThat(owners.getString("history[0].until")).isNotNull();

        var published = KAFKA.readKey(OWNERSHIP, customer, 3, Duration.ofSeconds(30));
        assertThat(published).hasSize(3);
        var toSenior = Fixtures.json(published.get(1).value());
        assertThat(toSenior.path("eventType").asText()).isEqualTo("OwnershipChanged");
        assertThat(toSenior.path("data").path("role").asText()).isEqualTo("PRIMARY");
        assertThat(toSenior.path("data").path("to").path("ownerId").asText()).isEqualTo(branch + "S");
        assertThat(toSenior.path("data").path("from").path("ownerId").asText()).isEqualTo(branch + "M");
        var secondary = Fixtures.json(published.get(2).value());
        assertThat(secondary.path("data").path("role").asText()).isEqualTo("SECONDARY");
        assertThat(secondary.path("data").path("to").path("ownerId").asText()).isEqualTo(branch + "M");
        assertThat(secondary.path("data").path("from").isNull()).isTrue();
    }

    @Test
    void aPrivilegeCustomerBelowTheCoreThresholdHasOneOwner() {
        String branch = Fixtures.branch();
        staff(branch + "S", branch, "CUSTOMER_MANAGER", "SENIOR");
        staff(branch + "M", branch, "CUSTOMER_MANAGER", "MANAGER");
        String customer = Fixtures.customer();
        tier(customer, branch, null, "PRIVILEGE", "800000");
        var owners = awaitEvents(customer, 1);
        assertThat(owners.getBoolean("core")).isFalse();
        assertThat(owners.getList("current.ownerId")).containsExactly(branch + "S");
    }

    @Test
    void aLargeCorporateGetsATeamOnceItsHoldingsMakeItCoreAndAMoveOfHomeBranchReassigns() {
        String home = Fixtures.branch();
        String other = Fixtures.branch();
        staff(home + "M1", home, "CUSTOMER_MANAGER", "MANAGER");
        staff(home + "M2", home, "CUSTOMER_MANAGER", "MANAGER", 299);
        staff(other + "M", other, "CUSTOMER_MANAGER", "MANAGER");
        String customer = Fixtures.customer();
        Fixtures.created(customer, home, "临湘市建工集团有限公司", "ORGANIZATION");
        awaitEvents(customer, 1);
        tier(customer, home, null, "EXCELLENT", "300000");
        var owners = awaitEvents(customer, 2);
        assertThat(owners.getBoolean("core")).isFalse();
        assertThat(owners.getList("current.ownerId")).containsExactly(home + "M1");

        // Deposits plus loans reach ecif.assignment.coverage.core-corporate-min-holdings (50,000,000).
        Fixtures.holdings(customer, home, "40000000", "10000000", 0);
        owners = awaitEvents(customer, 3);
        assertThat(owners.getBoolean("core")).isTrue();
        assertThat(owners.getList("current.role")).containsExactly("PRIMARY", "SECONDARY");
        assertThat(owners.getList("current.ownerId")).containsExactly(home + "M1", home + "M2");
        assertThat(owners.getString("current[1].reason")).startsWith("now a core customer");

        // The golden record's main account moves to the other branch (not a neighbour): its manager takes over,
        // and with no second manager there the secondary ends.
        Fixtures.holdings(customer, other, "40000000", "10000000", 0);
        owners = awaitEvents(customer, 4);
        assertThat(owners.getString("branchCode")).isEqualTo(other);
        assertThat(owners.getList("current.ownerId")).containsExactly(other + "M");
        assertThat(owners.getString("current[0].reason")).startsWith("home branch is now " + other);
    }

    @Test
    void aManagerOnLeaveKeepsHisCustomersButTakesNoNewOnes() {
        String branch = Fixtures.branch();
        staff(branch + "S1", branch, "CUSTOMER_MANAGER", "SENIOR");
        String first = Fixtures.customer();
        tier(first, branch, null, "PRIVILEGE", "600000");
        assertThat(currentOwner(awaitEvents(first, 1), "PRIMARY")).isEqualTo(branch + "S1");
        given().contentType("application/json").body("""
                        {"staffId": "%sS1", "name": "员工", "branchCode": "%s", "role": "CUSTOMER_MANAGER", "grade": "SENIOR",
                         "status": "ON_LEAVE"}""".formatted(branch, branch))
                .put("/api/v1/staff/" + branch + "S1").then().statusCode(200);
        staff(branch + "S2", branch, "CUSTOMER_MANAGER", "SENIOR", 0);
        // A new score for the first customer: its owner on leave is still eligible to keep it.
        tier(first, branch, "PRIVILEGE", "PRIVILEGE", "700000");
        assertThat(currentOwner(awaitEvents(first, 2), "PRIMARY")).isEqualTo(branch + "S1");
        // A new customer: S1 is on leave and S2 has no room (capacity 0): the branch owns it.
        String second = Fixtures.customer();
        tier(second, branch, null, "PRIVILEGE", "600000");
        assertThat(awaitEvents(second, 1).getList("current.ownerId")).containsExactly(branch);
    }

    @Test
    void aDowngradeToPotentialMovesOwnershipToTheBranch() {
        String branch = Fixtures.branch();
        staff(branch + "S", branch, "CUSTOMER_MANAGER", "SENIOR");
        staff(branch + "M", branch, "CUSTOMER_MANAGER", "TRAINEE");
        String customer = Fixtures.customer();
        tier(customer, branch, null, "PRIVILEGE", "2000000");
        assertThat(awaitEvents(customer, 1).getList("current.role")).containsExactly("PRIMARY", "SECONDARY");

        tier(customer, branch, "PRIVILEGE", "POTENTIAL", "20000");
        var owners = awaitEvents(customer, 2);
        assertThat(owners.getList("current.role")).containsExactly("BRANCH");
        assertThat(owners.getList("current.ownerId")).containsExactly(branch);
        assertThat(owners.getList("history.ownerId")).containsExactly(branch + "S", branch + "M", branch);
        assertThat(owners.getList("history.until", String.class).subList(0, 2)).doesNotContainNull();

        var published = KAFKA.readKey(OWNERSHIP, customer, 4, Duration.ofSeconds(30));
        assertThat(published).extracting(r -> r.value().contains("OwnershipEnded") ? "ENDED" : "CHANGED")
                .containsExactly("CHANGED", "CHANGED", "CHANGED", "ENDED");
        var toBranch = Fixtures.json(published.get(2).value()).path("data");
        assertThat(toBranch.path("role").asText()).isEqualTo("BRANCH");
        assertThat(toBranch.path("to").path("ownerId").asText()).isEqualTo(branch);
        assertThat(toBranch.path("from").path("ownerId").asText()).isEqualTo(branch + "S");
        assertThat(Fixtures.json(published.get(3).value()).path("data").path("from").path("ownerId").asText())
                .isEqualTo(branch + "M");
    }

    @Test
    void withNoOneEligibleAtHomeTheNearestNeighbourServesAndOtherwiseTheBranch() {
        String home = Fixtures.branch();
        String near = Fixtures.branch();
        String far = Fixtures.branch();
        staff(home + "M", home, "CUSTOMER_MANAGER", "MANAGER");
        staff(near + "S", near, "CUSTOMER_MANAGER", "SENIOR");
        staff(far + "S", far, "CUSTOMER_MANAGER", "SENIOR");
        given().contentType("application/json").body("{\"name\": \"城关支行\", \"neighbours\": [\"" + near + "\", \"" + far + "\"]}")
                .put("/api/v1/branches/" + home).then().statusCode(200).body("neighbours[0]", equalTo(near));
        String customer = Fixtures.customer();
        tier(customer, home, null, "PRIVILEGE", "900000");
        var owners = awaitEvents(customer, 1);
        assertThat(currentOwner(owners, "PRIMARY")).isEqualTo(near + "S");
        assertThat(owners.getString("current[0].reason")).contains("neighbouring branch " + near);

        String lonely = Fixtures.branch();
        String other = Fixtures.customer();
        tier(other, lonely, null, "EXCELLENT", "100000");
        assertThat(awaitEvents(other, 1).getList("current.ownerId")).containsExactly(lonely);
    }

    @Test
    void aLockedManualAssignmentIsNeverChangedAutomatically() {
        String branch = Fixtures.branch();
        staff(branch + "M", branch, "CUSTOMER_MANAGER", "MANAGER");
        staff(branch + "S", branch, "CUSTOMER_MANAGER", "SENIOR");
        String customer = Fixtures.customer();
        tier(customer, branch, null, "EXCELLENT", "100000");
        assertThat(currentOwner(awaitEvents(customer, 1), "PRIMARY")).isEqualTo(branch + "M");

        given().contentType("application/json").body("""
                        {"role": "PRIMARY", "ownerId": "%sS", "lock": true, "reason": "客户指定", "operator": "OP1"}"""
                        .formatted(branch))
                .post("/api/v1/customers/" + customer + "/owners").then().statusCode(200)
                .body("locked", equalTo(true)).body("current[0].ownerId", equalTo(branch + "S"))
                .body("current[0].operator", equalTo("OP1")).body("current[0].reason", equalTo("manual: 客户指定; "
                        + "manual assignment by OP1"));

        // POTENTIAL would go to the branch, but the lock holds.
        tier(customer, branch, "EXCELLENT", "POTENTIAL", "20000");
        var owners = awaitEvents(customer, 2);
        assertThat(owners.getString("tier")).isEqualTo("POTENTIAL");
        assertThat(owners.getList("current.ownerId")).containsExactly(branch + "S");

        given().contentType("application/json").body("{\"operator\": \"OP1\", \"reason\": \"指定期满\"}")
                .post("/api/v1/customers/" + customer + "/owners/unlock").then().statusCode(200)
                .body("locked", equalTo(false)).body("current[0].ownerId", equalTo(branch))
                .body("current[0].operator", equalTo("OP1"));
    }

    @Test
    void manualAssignmentRefusesWhatCannotBe() {
        String branch = Fixtures.branch();
        staff(branch + "T", branch, "TELLER", null);
        String customer = Fixtures.customer();
        tier(customer, branch, null, "GENERAL", "100");
        awaitEvents(customer, 1);
        given().contentType("application/json").body("""
                        {"role": "PRIMARY", "ownerId": "%sT", "reason": "r", "operator": "OP1"}""".formatted(branch))
                .post("/api/v1/customers/" + customer + "/owners").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("role"));
        given().contentType("application/json").body("""
                        {"role": "SECONDARY", "ownerId": "nobody", "reason": "r", "operator": "OP1"}""")
                .post("/api/v1/customers/" + customer + "/owners").then().statusCode(400)
                .body("errors[0].field", equalTo("ownerId"));
        given().contentType("application/json").body("{\"role\": \"BRANCH\", \"ownerId\": \"" + branch + "\"}")
                .post("/api/v1/customers/" + customer + "/owners").then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
    }

    @Test
    void aMergeKeepsTheOwnerOfTheMoreValuableSideAndASplitOffPartyGetsItsOwn() {
        String branch = Fixtures.branch();
        staff(branch + "S1", branch, "CUSTOMER_MANAGER", "SENIOR");
        String survivor = Fixtures.customer();
        tier(survivor, branch, null, "EXCELLENT", "100000");
        awaitEvents(survivor, 1);
        staff(branch + "S2", branch, "CUSTOMER_MANAGER", "SENIOR", 1);
        // S1 now owns one customer and S2 none: the retired customer goes to S2.
        String retired = Fixtures.customer();
        tier(retired, branch, null, "PRIVILEGE", "700000");
        assertThat(currentOwner(awaitEvents(retired, 1), "PRIMARY")).isEqualTo(branch + "S2");

        String merged = """
                {"customerNumber": "%s", "survivor": "%s", "retired": "%s", "operator": "ST1", "reason": "同一人"}""";
        KAFKA.send(Fixtures.CUSTOMER, survivor, Fixtures.envelope("CustomersMerged", survivor,
                merged.formatted(survivor, survivor, retired)));
        KAFKA.send(Fixtures.CUSTOMER, retired, Fixtures.envelope("CustomersMerged", retired,
                merged.formatted(retired, survivor, retired)));
        var s = awaitEvents(survivor, 2);
        assertThat(s.getList("current.ownerId")).containsExactly(branch + "S2");
        assertThat(s.getString("current[0].reason")).contains("more valuable side " + retired);
        var r = awaitEvents(retired, 2);
        assertThat(r.getString("mergedInto")).isEqualTo(survivor);
        assertThat(r.getList("current")).isEmpty();
        var ended = KAFKA.read(OWNERSHIP, rec -> retired.equals(rec.key()) && rec.value().contains("OwnershipEnded"),
                1, Duration.ofSeconds(30));
        assertThat(ended).hasSize(1);
        assertThat(Fixtures.json(ended.get(0).value()).path("data").path("mergedInto").asText()).isEqualTo(survivor);

        // A party split off the survivor has no tier yet: its home branch owns it until scoring tiers it.
        String splitOff = Fixtures.customer();
        KAFKA.send(Fixtures.CUSTOMER, survivor, Fixtures.envelope("CustomerSplit", survivor, """
                {"customerNumber": "%s", "from": "%s", "newCustomer": "%s", "source": "LOAN",
                 "sourceCustomerId": "L9", "operator": "ST1", "reason": "误合并"}""".formatted(survivor, survivor, splitOff)));
        awaitEvents(survivor, 3);
        var split = owners(splitOff);
        assertThat(split.getList("current.ownerId")).containsExactly(branch);
        assertThat(split.getString("current[0].reason")).contains("split from " + survivor);
    }

    static io.restassured.path.json.JsonPath owners(String customer) {
        return Fixtures.owners(customer);
    }

    @Test
    void aSplitOffPartyPrefersTheOwnerOfTheOriginal() {
        String branch = Fixtures.branch();
        staff(branch + "S1", branch, "CUSTOMER_MANAGER", "SENIOR");
        String original = Fixtures.customer();
        tier(original, branch, null, "PRIVILEGE", "700000");
        awaitEvents(original, 1);
        staff(branch + "S2", branch, "CUSTOMER_MANAGER", "SENIOR");
        String splitOff = Fixtures.customer();
        KAFKA.send(Fixtures.CUSTOMER, original, Fixtures.envelope("CustomerSplit", original, """
                {"customerNumber": "%s", "from": "%s", "newCustomer": "%s", "source": "LOAN",
                 "sourceCustomerId": "L9", "operator": "ST1", "reason": "误合并"}""".formatted(original, original, splitOff)));
        awaitEvents(original, 2);
        tier(splitOff, branch, null, "PRIVILEGE", "600000");
        var owners = awaitEvents(splitOff, 1);
        // S2 is less loaded, but S1 owned the customer the party was split from.
        assertThat(currentOwner(owners, "PRIMARY")).isEqualTo(branch + "S1");
        assertThat(owners.getList("history.ownerId")).containsExactly(branch, branch + "S1");
    }

    @Test
    void redeliveryIsAppliedOnceAndAPoisonMessageGoesToTheDeadLetterTopic() {
        String branch = Fixtures.branch();
        staff(branch + "T", branch, "TELLER", null);
        String customer = Fixtures.customer();
        String event = Fixtures.tierChanged(customer, branch, null, "GENERAL", "10", "2026-11-22T10:00:00+08:00");
        KAFKA.send(Fixtures.TIER, customer, event);
        KAFKA.send(Fixtures.TIER, customer, event);
        String poison = "{\"eventType\": \"TierChanged\", \"not\": \"an envelope " + UUID.randomUUID() + "\"}";
        KAFKA.send(Fixtures.TIER, customer, poison);
        tier(customer, branch, "GENERAL", "POTENTIAL", "20000");
        var owners = awaitEvents(customer, 2);
        assertThat(owners.getList("current.ownerId")).containsExactly(branch);
        var dead = KAFKA.read("ecif.tier.v1.dlq.manager-assignment", r -> r.value().equals(poison), 1,
                Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        // The duplicate did not count again: two distinct events, two applications, two owners in history.
        assertThat(Fixtures.owners(customer).getLong("eventsApplied")).isEqualTo(2);
        assertThat(owners.getList("history.ownerId")).containsExactly(branch + "T", branch);
    }
}
