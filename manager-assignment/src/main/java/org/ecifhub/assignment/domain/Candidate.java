package org.ecifhub.assignment.domain;

/** A staff member who could own a customer, with how many customers they own now. */
public record Candidate(String staffId, StaffRole role, Grade grade, int capacity, long load) {

    double utilisation() {
        return capacity <= 0 ? Double.MAX_VALUE : (double) load / capacity;
    }
}
