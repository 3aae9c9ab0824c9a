package org.ecifhub.assignment.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.ecifhub.assignment.domain.CustomerFacts;

import java.math.BigDecimal;
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
    public String name;
    @Column(name = "party_type")
    public String partyType;
    public String address;
    public String phone;
    public BigDecimal deposits = BigDecimal.ZERO;
    public BigDecimal loans = BigDecimal.ZERO;
    @Column(name = "overdue_loans")
    public int overdueLoans;
    public BigDecimal score;
    public boolean core;
    public boolean locked;
    @Column(name = "lock_reason")
    public String lockReason;
    @Column(name = "lock_operator")
    public String lockOperator;
    @Column(name = "merged_into")
    public String mergedInto;
    @Column(name = "split_from")
    public String splitFrom;
    @Column(name = "ownership_version")
    public long ownershipVersion;

    public CustomerFacts facts() {
        return new CustomerFacts(customerNumber, tier, branchCode, score, partyType, deposits, loans);
    }

    /** The version of the next ownership event: strictly increasing per customer. */
    public long nextOwnershipVersion() {
        ownershipVersion = Math.max(ownershipVersion + 1, eventsApplied);
        return ownershipVersion;
    }
}
