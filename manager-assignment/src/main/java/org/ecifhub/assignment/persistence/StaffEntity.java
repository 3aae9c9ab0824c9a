package org.ecifhub.assignment.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.ecifhub.assignment.domain.Grade;
import org.ecifhub.assignment.domain.StaffRole;
import org.ecifhub.assignment.domain.StaffStatus;

import java.time.OffsetDateTime;

@Entity
@Table(name = "staff")
public class StaffEntity {

    @Id
    @Column(name = "staff_id")
    public String staffId;
    public String name;
    @Column(name = "branch_code")
    public String branchCode;
    @Enumerated(EnumType.STRING)
    public StaffRole role;
    @Enumerated(EnumType.STRING)
    public Grade grade;
    public int capacity;
    @Enumerated(EnumType.STRING)
    public StaffStatus status;
    @Column(name = "departure_reason")
    public String departureReason;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
