package org.ecifhub.assignment.domain;

/** An owner: a staff member or a branch, in a role. */
public record Owner(OwnerRole role, String ownerType, String ownerId) {

    public static Owner branch(String branchCode) {
        return new Owner(OwnerRole.BRANCH, "BRANCH", branchCode);
    }

    public static Owner staff(OwnerRole role, String staffId) {
        return new Owner(role, "STAFF", staffId);
    }
}
