package org.ecifhub.assignment.domain;

/** A staff member who could own a customer, with how many customers they own now (in any role). */
public record Candidate(String staffId, String branchCode, StaffRole role, Grade grade, StaffStatus status,
                        int capacity, long load) {

    public double utilisation() {
        return capacity <= 0 ? Double.MAX_VALUE : (double) load / capacity;
    }

    public boolean hasRoom() {
        return load < capacity;
    }

    public boolean isManagerOfAtLeast(Grade minimum) {
        return role == StaffRole.CUSTOMER_MANAGER && grade != null && grade.atLeast(minimum);
    }
}
