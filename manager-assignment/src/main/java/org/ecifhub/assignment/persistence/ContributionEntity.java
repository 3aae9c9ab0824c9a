package org.ecifhub.assignment.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A customer's contribution (CNY a year) in force from {@code validFrom}, from a TierChanged. */
@Entity
@Table(name = "contribution")
public class ContributionEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "customer_number")
    public String customerNumber;
    public BigDecimal score;
    @Column(name = "valid_from")
    public OffsetDateTime validFrom;
}
