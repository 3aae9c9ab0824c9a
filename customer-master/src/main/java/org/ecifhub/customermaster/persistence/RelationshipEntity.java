package org.ecifhub.customermaster.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.ecifhub.customermaster.domain.RelationshipType;

import java.time.OffsetDateTime;

@Entity
@Table(name = "relationship")
public class RelationshipEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "from_customer")
    public String fromCustomer;
    @Column(name = "to_customer")
    public String toCustomer;
    @Column(name = "to_id_type")
    public String toIdType;
    @Column(name = "to_id_number")
    public String toIdNumber;
    @Column(name = "to_name")
    public String toName;
    @Enumerated(EnumType.STRING)
    public RelationshipType type;
    public String origin;
    public String operator;
    public String reason;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "ended_at")
    public OffsetDateTime endedAt;
    @Column(name = "ended_by")
    public String endedBy;
    @Column(name = "end_reason")
    public String endReason;
}
