package org.ecifhub.assignment.domain;

/** How a customer is owned: by a customer manager (primary, secondary), by the branch, or by a teller. */
public enum OwnerRole {
    PRIMARY,
    SECONDARY,
    BRANCH,
    TELLER
}
