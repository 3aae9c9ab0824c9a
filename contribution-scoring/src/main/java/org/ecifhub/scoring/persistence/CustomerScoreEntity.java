package org.ecifhub.scoring.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.ecifhub.scoring.domain.Tier;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

@Entity
@Table(name = "customer_score")
public class CustomerScoreEntity {

    @Id
    @Column(name = "customer_number")
    public String customerNumber;
    @Column(name = "branch_code")
    public String branchCode;
    public BigDecimal score;
    @Enumerated(EnumType.STRING)
    public Tier tier;
    @Column(name = "events_applied")
    public long eventsApplied;
    @Column(name = "last_event_version")
    public long lastEventVersion;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
