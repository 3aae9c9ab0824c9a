package org.ecifhub.assignment.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.ecifhub.assignment.domain.Owner;
import org.ecifhub.assignment.domain.OwnerRole;
import org.ecifhub.assignment.domain.Performance;

import java.time.OffsetDateTime;

@Entity
@Table(name = "ownership")
public class OwnershipEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "customer_number")
    public String customerNumber;
    @Enumerated(EnumType.STRING)
    public OwnerRole role;
    @Column(name = "owner_type")
    public String ownerType;
    @Column(name = "owner_id")
    public String ownerId;
    public String reason;
    public String operator;
    @Column(name = "valid_from")
    public OffsetDateTime validFrom;
    @Column(name = "valid_to")
    public OffsetDateTime validTo;

    public Owner owner() {
        return new Owner(role, ownerType, ownerId);
    }

    public Performance.Interval interval() {
        return new Performance.Interval(customerNumber, role, ownerType, ownerId, validFrom.toInstant(),
                validTo == null ? null : validTo.toInstant());
    }
}
