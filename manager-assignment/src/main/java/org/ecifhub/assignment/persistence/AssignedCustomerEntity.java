package org.ecifhub.assignment.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** What manager-assignment knows of a customer, learnt from events. */
@Entity
@Table(name = "customer")
public class AssignedCustomerEntity {

    @Id
    @Column(name = "customer_number")
    public String customerNumber;
    @Column(name = "branch_code")
    public String branchCode;
    public String tier;
    @Column(name = "events_applied")
    public long eventsApplied;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
