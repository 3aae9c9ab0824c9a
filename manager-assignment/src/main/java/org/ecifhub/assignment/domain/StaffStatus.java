package org.ecifhub.assignment.domain;

/**
 * A staff member's status. Only {@code ACTIVE} staff take new customers; {@code ON_LEAVE} staff keep the ones they
 * have; {@code DEPARTING} staff keep theirs until the hand-over is confirmed; {@code DEPARTED} staff own nobody.
 */
public enum StaffStatus {
    ACTIVE,
    ON_LEAVE,
    DEPARTING,
    DEPARTED;

    /** May keep customers they already own. */
    public boolean keepsCustomers() {
        return this == ACTIVE || this == ON_LEAVE;
    }
}
