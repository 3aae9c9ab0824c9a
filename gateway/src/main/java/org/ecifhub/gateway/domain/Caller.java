package org.ecifhub.gateway.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who is calling, as the verified token says: subject, roles, and for branch staff the branch ({@code branch}
 * claim) and staff id ({@code staff} claim).
 */
public record Caller(String subject, Set<Role> roles, String branch, String staff) {

    public Caller {
        roles = roles == null || roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        branch = blankToNull(branch);
        staff = blankToNull(staff);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Set<Role> wanted) {
        return roles.stream().anyMatch(wanted::contains);
    }

    /**
     * The narrowest data scope the caller's roles give: any role that sees every customer wins over a branch
     * scope, and a branch scope wins over "own customers only".
     */
    public Scope scope() {
        if (hasAny(EnumSet.of(Role.SYSTEM, Role.HEAD_OFFICE, Role.STEWARD, Role.OPS, Role.AUDITOR))) {
            return Scope.ALL;
        }
        if (hasAny(EnumSet.of(Role.BRANCH_MANAGER, Role.TELLER))) {
            return Scope.BRANCH;
        }
        if (has(Role.CUSTOMER_MANAGER)) {
            return Scope.OWNED;
        }
        return Scope.NONE;
    }

    /** How much of the customer base a caller may see. */
    public enum Scope {
        /** Every customer. */
        ALL,
        /** Customers of the caller's branch. */
        BRANCH,
        /** Customers the caller (a customer manager) owns. */
        OWNED,
        /** None. */
        NONE
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
