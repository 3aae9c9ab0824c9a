package org.ecifhub.assignment.domain;

/** Customer manager grades, most senior first: 高级 SENIOR, MANAGER, 见习 TRAINEE. */
public enum Grade {
    SENIOR,
    MANAGER,
    TRAINEE;

    public boolean atLeast(Grade other) {
        return ordinal() <= other.ordinal();
    }
}
