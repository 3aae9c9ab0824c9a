package org.ecifhub.assignment.domain;

public enum StaffRole {
    CUSTOMER_MANAGER,
    TELLER
}
