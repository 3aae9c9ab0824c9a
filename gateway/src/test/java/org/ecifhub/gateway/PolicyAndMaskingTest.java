package org.ecifhub.gateway;

import org.ecifhub.gateway.domain.AccessPolicy;
import org.ecifhub.gateway.domain.Caller;
import org.ecifhub.gateway.domain.ChangeEvent;
import org.ecifhub.gateway.domain.ChangeFilter;
import org.ecifhub.gateway.domain.Masking;
import org.ecifhub.gateway.domain.Role;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The plain-Java rules: who may do what, what a masked value looks like, which changes a caller sees. */
class PolicyAndMaskingTest {

    private static Caller caller(Role role, String branch, String staff) {
        return new Caller("x", Set.of(role), branch, staff);
    }

    @Test
    void writesAreLimitedToTheRolesThatOwnThem() {
        Caller system = caller(Role.SYSTEM, null, null);
        Caller teller = caller(Role.TELLER, "LSJ001", "T1");
        Caller steward = caller(Role.STEWARD, null, "D1");
        assertThat(AccessPolicy.decide("POST", "/api/v1/feeds/DEPOSIT/records", system).allowed()).isTrue();
        assertThat(AccessPolicy.decide("POST", "/api/v1/feeds/DEPOSIT/imports", system).allowed()).isTrue();
        assertThat(AccessPolicy.decide("POST", "/api/v1/feeds/DEPOSIT/records", teller).allowed()).isFalse();
        assertThat(AccessPolicy.decide("POST", "/api/v1/feeds/DEPOSIT/records", steward).allowed()).isFalse();
        assertThat(AccessPolicy.decide("POST", "/api/v1/stewardship/tasks/4/merge", steward).allowed()).isTrue();
        assertThat(AccessPolicy.decide("POST", "/api/v1/customers/1/merge", steward).allowed()).isTrue();
        assertThat(AccessPolicy.decide("POST", "/api/v1/customers/1/merge", system).allowed()).isFalse();
        assertThat(AccessPolicy.decide("POST", "/api/v1/staff", system).allowed()).isTrue();
        assertThat(AccessPolicy.decide("POST", "/api/v1/staff", teller).allowed()).isFalse();
        assertThat(AccessPolicy.decide("GET", "/api/v1/audit/access", steward).allowed()).isFalse();
        assertThat(AccessPolicy.decide("GET", "/api/v1/audit/access", caller(Role.AUDITOR, null, null)).allowed())
                .isTrue();
        assertThat(AccessPolicy.decide("DELETE", "/api/v1/xref/DEPOSIT/1", system).allowed()).isFalse();
    }

    @Test
    void branchRolesAreScopedToTheirBranchAndCustomerManagersToTheirCustomers() {
        Caller teller = caller(Role.TELLER, "LSJ001", "T1");
        AccessPolicy.Decision read = AccessPolicy.decide("GET", "/api/v1/customers/1000000001/score", teller);
        assertThat(read.allowed()).isTrue();
        assertThat(read.scopedCustomer()).isEqualTo("1000000001");
        assertThat(AccessPolicy.decide("GET", "/api/v1/customers", teller).forceBranch()).isEqualTo("LSJ001");
        assertThat(AccessPolicy.decide("GET", "/api/v1/customers/1",
                caller(Role.HEAD_OFFICE, null, null)).scopedCustomer()).isNull();
        assertThat(AccessPolicy.inScope(teller, true, "LSJ001", Set.of())).isTrue();
        assertThat(AccessPolicy.inScope(teller, true, "LSJ002", Set.of())).isFalse();
        // Not existing looks exactly like not in scope.
        assertThat(AccessPolicy.inScope(teller, false, null, Set.of())).isFalse();
        Caller manager = caller(Role.CUSTOMER_MANAGER, "LSJ001", "S0101");
        assertThat(AccessPolicy.inScope(manager, true, "LSJ001", Set.of("S0101"))).isTrue();
        assertThat(AccessPolicy.inScope(manager, true, "LSJ001", Set.of("S0102"))).isFalse();
        // Roles combine to the widest scope.
        Caller both = new Caller("x", Set.of(Role.TELLER, Role.HEAD_OFFICE), "LSJ001", null);
        assertThat(both.scope()).isEqualTo(Caller.Scope.ALL);
        assertThat(AccessPolicy.decide("GET", "/api/v1/customers/1", new Caller("x", Set.of(), null, null)).allowed())
                .isFalse();
    }

    @Test
    void maskedValuesKeepOnlyWhatIdentifiesNothing() {
        assertThat(Masking.idNumber("43138119850917123X")).isEqualTo("4313**********123X");
        assertThat(Masking.idNumber("431381850917123")).isEqualTo("4313*******7123");
        assertThat(Masking.idNumber("1234")).isEqualTo("****");
        assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
        assertThat(Masking.phone("+86 138-1234-5678")).isEqualTo("138****5678");
        assertThat(Masking.address("湖南省娄底市冷水江市锑都中路12号")).isEqualTo("湖南省娄底市冷水江市****");
        assertThat(Masking.address("湖南省娄底市新化县上梅镇1号")).isEqualTo("湖南省娄底市新化县****");
        assertThat(Masking.address("广西壮族自治区南宁市青秀区民族大道1号")).isEqualTo("广西壮族自治区南宁市青秀区****");
        assertThat(Masking.address("北京市朝阳区建国路1号")).isEqualTo("北京市朝阳区****");
        assertThat(Masking.address("12 Baker Street, London")).isEqualTo("12 Bak****");
        assertThat(Masking.address(null)).isNull();
    }

    @Test
    void aBranchScopedCallerSeesOnlyItsBranchesChanges() {
        ChangeEvent lsj1 = new ChangeEvent(1, "e1", "ecif.tier.v1", "TierChanged", "1", "LSJ001", "EXCELLENT", null, "{}");
        ChangeEvent lsj2 = new ChangeEvent(2, "e2", "ecif.customer.v1", "CustomerCreated", "2", "LSJ002", null, null, "{}");
        Caller teller = caller(Role.TELLER, "LSJ001", "T1");
        ChangeFilter any = new ChangeFilter(Set.of(), null, null);
        ChangeFilter scoped = any.scopedTo(teller).orElseThrow();
        assertThat(scoped.matches(lsj1)).isTrue();
        assertThat(scoped.matches(lsj2)).isFalse();
        assertThat(new ChangeFilter(Set.of(), "LSJ002", null).scopedTo(teller)).isEmpty();
        assertThat(caller(Role.TELLER, null, "T1").scope()).isEqualTo(Caller.Scope.BRANCH);
        assertThat(any.scopedTo(caller(Role.TELLER, null, "T1"))).isEmpty();
        ChangeFilter tiers = new ChangeFilter(Set.of("TierChanged"), null, "EXCELLENT");
        assertThat(tiers.scopedTo(caller(Role.OPS, null, null)).orElseThrow().matches(lsj1)).isTrue();
        assertThat(tiers.matches(lsj2)).isFalse();
        // A customer manager's stream is their own customers', in any branch.
        Caller manager = caller(Role.CUSTOMER_MANAGER, "LSJ001", "S0101");
        assertThat(any.scopedTo(manager).orElseThrow()).isEqualTo(new ChangeFilter(Set.of(), null, null, "S0101"));
        assertThat(new ChangeFilter(Set.of(), null, null, "S0102").scopedTo(manager)).isEmpty();
        assertThat(any.scopedTo(caller(Role.CUSTOMER_MANAGER, "LSJ001", null))).isEmpty();
    }

    @Test
    void aCustomerManagersSearchIsLimitedToTheirCustomersAndATellersToTheirBranch() {
        AccessPolicy.Decision manager = AccessPolicy.decide("GET", "/api/v1/customers",
                caller(Role.CUSTOMER_MANAGER, "LSJ001", "S0101"));
        assertThat(manager.forceOwner()).isEqualTo("S0101");
        assertThat(manager.forceBranch()).isNull();
        assertThat(AccessPolicy.decide("GET", "/api/v1/customers", caller(Role.CUSTOMER_MANAGER, "LSJ001", null))
                .allowed()).isFalse();
        AccessPolicy.Decision teller = AccessPolicy.decide("GET", "/api/v1/customers", caller(Role.TELLER, "LSJ001", "T1"));
        assertThat(teller.forceBranch()).isEqualTo("LSJ001");
        assertThat(teller.forceOwner()).isNull();
        assertThat(AccessPolicy.decide("POST", "/api/v1/customers/query", caller(Role.TELLER, "LSJ001", "T1"))
                .allowed()).isTrue();
    }
}
