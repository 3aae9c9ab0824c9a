package org.ecifhub.scoring.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.ecifhub.scoring.domain.Tier;
import org.ecifhub.scoring.domain.WatchRule;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A key-customer watch alert (重点客户监测). */
@Entity
@Table(name = "scoring_alert")
public class ScoringAlertEntity {

    public static final String OPEN = "OPEN";
    public static final String RESOLVED = "RESOLVED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "customer_number")
    public String customerNumber;
    @Column(name = "branch_code")
    public String branchCode;
    @Enumerated(EnumType.STRING)
    public WatchRule.Kind kind;
    @Enumerated(EnumType.STRING)
    public Tier tier;
    public String detail;
    public String status;
    @Column(name = "raised_on")
    public LocalDate raisedOn;
    @Column(name = "resolved_on")
    public LocalDate resolvedOn;
    @Column(name = "raised_at")
    public OffsetDateTime raisedAt;
}
