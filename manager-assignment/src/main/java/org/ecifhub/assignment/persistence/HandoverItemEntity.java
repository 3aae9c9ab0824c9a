package org.ecifhub.assignment.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.ecifhub.assignment.domain.OwnerRole;

import java.time.OffsetDateTime;

/** One customer in a departing staff member's hand-over plan. */
@Entity
@Table(name = "handover_item")
public class HandoverItemEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "staff_id")
    public String staffId;
    @Column(name = "customer_number")
    public String customerNumber;
    @Enumerated(EnumType.STRING)
    public OwnerRole role;
    /** The proposed owners, {@code ROLE:TYPE:ID} comma-separated. */
    public String proposed;
    public String reason;
    /** The audit checklist, one item per line. */
    public String checklist;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
