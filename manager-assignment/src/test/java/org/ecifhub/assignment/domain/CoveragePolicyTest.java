package org.ecifhub.assignment.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CoveragePolicyTest {

    /** The defaults, with core customers from a contribution of 1,000,000. */
    final CoveragePolicy policy = new CoveragePolicy(new CoveragePolicy.Settings(Grade.SENIOR, Grade.MANAGER,
            Grade.TRAINEE, new BigDecimal("1000000"), new BigDecimal("50000000"), true));

    static Candidate cm(String id, String branch, Grade grade, long load) {
        return new Candidate(id, branch, StaffRole.CUSTOMER_MANAGER, grade, StaffStatus.ACTIVE, 300, load);
    }

    static Candidate teller(String id, String branch, long load) {
        return new Candidate(id, branch, StaffRole.TELLER, null, StaffStatus.ACTIVE, 300, load);
    }

    static CustomerFacts customer(String tier, String score) {
        return new CustomerFacts("1", tier, "B1", score == null ? null : new BigDecimal(score), "PERSON",
                BigDecimal.ZERO, BigDecimal.ZERO);
    }

    static CoveragePolicy.Pool pool(Candidate... c) {
        return new CoveragePolicy.Pool(List.of(c), List.of("B1", "B2"));
    }

    @Test
    void privilegeGoesToTheLeastLoadedSeniorManager() {
        var d = policy.decide(customer("PRIVILEGE", "600000"), List.of(), List.of(),
                pool(cm("M1", "B1", Grade.MANAGER, 0), cm("S1", "B1", Grade.SENIOR, 50), cm("S2", "B1", Grade.SENIOR, 10)),
                Set.of());
        assertThat(d.owners()).hasSize(1);
        assertThat(d.in(OwnerRole.PRIMARY).orElseThrow().owner().ownerId()).isEqualTo("S2");
    }

    @Test
    void aCorePrivilegeCustomerGetsATeamOfTwo() {
        var d = policy.decide(customer("PRIVILEGE", "1500000"), List.of(), List.of(),
                pool(cm("S1", "B1", Grade.SENIOR, 0), cm("T1", "B1", Grade.TRAINEE, 0)), Set.of());
        assertThat(d.in(OwnerRole.PRIMARY).orElseThrow().owner().ownerId()).isEqualTo("S1");
        assertThat(d.in(OwnerRole.SECONDARY).orElseThrow().owner().ownerId()).isEqualTo("T1");
    }

    @Test
    void aLargeCorporateIsCoreWhateverItsTier() {
        CustomerFacts corp = new CustomerFacts("1", "POTENTIAL", "B1", new BigDecimal("10"), "ORGANIZATION",
                new BigDecimal("30000000"), new BigDecimal("20000000"));
        assertThat(policy.isCore(corp)).isTrue();
        var d = policy.decide(corp, List.of(), List.of(),
                pool(cm("M1", "B1", Grade.MANAGER, 0), cm("M2", "B1", Grade.MANAGER, 5)), Set.of());
        assertThat(d.in(OwnerRole.PRIMARY).orElseThrow().owner().ownerId()).isEqualTo("M1");
        assertThat(d.in(OwnerRole.SECONDARY).orElseThrow().owner().ownerId()).isEqualTo("M2");
        CustomerFacts small = new CustomerFacts("1", "POTENTIAL", "B1", null, "ORGANIZATION",
                new BigDecimal("1000"), BigDecimal.ZERO);
        assertThat(policy.isCore(small)).isFalse();
    }

    @Test
    void excellentNeedsManagerOrAboveAndPotentialGoesToTheBranchAndGeneralToATeller() {
        var pool = pool(cm("T1", "B1", Grade.TRAINEE, 0), cm("M1", "B1", Grade.MANAGER, 3), teller("X1", "B1", 9));
        assertThat(policy.decide(customer("EXCELLENT", "1"), List.of(), List.of(), pool, Set.of())
                .in(OwnerRole.PRIMARY).orElseThrow().owner().ownerId()).isEqualTo("M1");
        assertThat(policy.decide(customer("POTENTIAL", "1"), List.of(), List.of(), pool, Set.of()).owners())
                .extracting(a -> a.owner()).containsExactly(Owner.branch("B1"));
        assertThat(policy.decide(customer("GENERAL", "1"), List.of(), List.of(), pool, Set.of()).owners())
                .extracting(a -> a.owner()).containsExactly(Owner.staff(OwnerRole.TELLER, "X1"));
    }

    @Test
    void theCurrentOwnerIsKeptWhileEligibleEvenWhenBusier() {
        var d = policy.decide(customer("EXCELLENT", "1"), List.of(Owner.staff(OwnerRole.PRIMARY, "M1")), List.of("M1"),
                pool(cm("M1", "B1", Grade.MANAGER, 299), cm("M2", "B1", Grade.MANAGER, 0)), Set.of());
        assertThat(d.in(OwnerRole.PRIMARY).orElseThrow().owner().ownerId()).isEqualTo("M1");
        assertThat(d.in(OwnerRole.PRIMARY).orElseThrow().reason()).contains("still eligible");
    }

    @Test
    void aFormerOwnerIsPreferredOverTheLeastLoaded() {
        var d = policy.decide(customer("PRIVILEGE", "1"), List.of(Owner.branch("B1")), List.of("S9", "S1"),
                pool(cm("S1", "B1", Grade.SENIOR, 200), cm("S2", "B1", Grade.SENIOR, 0)), Set.of());
        assertThat(d.in(OwnerRole.PRIMARY).orElseThrow().owner().ownerId()).isEqualTo("S1");
        assertThat(d.in(OwnerRole.PRIMARY).orElseThrow().reason()).contains("owned the customer before");
    }

    @Test
    void aFullHomeBranchSendsTheCustomerToTheNearestNeighbour() {
        Candidate full = new Candidate("S1", "B1", StaffRole.CUSTOMER_MANAGER, Grade.SENIOR, StaffStatus.ACTIVE, 10, 10);
        var d = policy.decide(customer("PRIVILEGE", "1"), List.of(), List.of(), pool(full, cm("S2", "B2", Grade.SENIOR, 100)),
                Set.of());
        assertThat(d.in(OwnerRole.PRIMARY).orElseThrow().owner().ownerId()).isEqualTo("S2");
        assertThat(d.in(OwnerRole.PRIMARY).orElseThrow().reason()).contains("neighbouring branch B2");
    }

    @Test
    void withNoOneEligibleTheBranchOwnsTheCustomer() {
        var d = policy.decide(customer("PRIVILEGE", "1"), List.of(), List.of(), pool(cm("M1", "B1", Grade.MANAGER, 0)),
                Set.of());
        assertThat(d.owners()).extracting(a -> a.owner()).containsExactly(Owner.branch("B1"));
    }

    @Test
    void excludedAndInactiveStaffAreNotChosenAndTheSecondaryStepsUp() {
        Candidate onLeave = new Candidate("S3", "B1", StaffRole.CUSTOMER_MANAGER, Grade.SENIOR, StaffStatus.ON_LEAVE, 300, 0);
        var current = List.of(Owner.staff(OwnerRole.PRIMARY, "S1"), Owner.staff(OwnerRole.SECONDARY, "S2"));
        var d = policy.decide(customer("PRIVILEGE", "2000000"), current, List.of("S1", "S2"),
                pool(cm("S1", "B1", Grade.SENIOR, 0), cm("S2", "B1", Grade.SENIOR, 0), onLeave, cm("M4", "B1", Grade.MANAGER, 0)),
                Set.of("S1"));
        assertThat(d.in(OwnerRole.PRIMARY).orElseThrow().owner().ownerId()).isEqualTo("S2");
        assertThat(d.in(OwnerRole.PRIMARY).orElseThrow().reason()).contains("steps up");
        assertThat(d.in(OwnerRole.SECONDARY).orElseThrow().owner().ownerId()).isEqualTo("M4");
    }

    @Test
    void anOnLeaveOwnerKeepsCustomersButTakesNoNewOnes() {
        Candidate onLeave = new Candidate("S1", "B1", StaffRole.CUSTOMER_MANAGER, Grade.SENIOR, StaffStatus.ON_LEAVE, 300, 0);
        assertThat(policy.decide(customer("PRIVILEGE", "1"), List.of(Owner.staff(OwnerRole.PRIMARY, "S1")), List.of(),
                pool(onLeave), Set.of()).in(OwnerRole.PRIMARY).orElseThrow().owner().ownerId()).isEqualTo("S1");
        assertThat(policy.decide(customer("PRIVILEGE", "1"), List.of(), List.of(), pool(onLeave), Set.of()).owners())
                .extracting(a -> a.owner()).containsExactly(Owner.branch("B1"));
    }

    @Test
    void aCustomerWithoutTierIsOwnedByItsBranch() {
        assertThat(policy.decide(customer(null, null), List.of(), List.of(), pool(), Set.of()).owners())
                .extracting(a -> a.owner()).containsExactly(Owner.branch("B1"));
    }

    @Test
    void theGradesAreConfigurable() {
        var lenient = new CoveragePolicy(new CoveragePolicy.Settings(Grade.MANAGER, Grade.TRAINEE, Grade.TRAINEE,
                new BigDecimal("100"), new BigDecimal("100"), false));
        var d = lenient.decide(customer("PRIVILEGE", "50"), List.of(), List.of(),
                pool(cm("M1", "B1", Grade.MANAGER, 0), cm("S2", "B2", Grade.SENIOR, 0)), Set.of());
        assertThat(d.owners()).extracting(a -> a.owner()).containsExactly(Owner.staff(OwnerRole.PRIMARY, "M1"));
    }
}
