package org.ecifhub.customermaster.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** Data captured by a customer manager (source MANUAL). */
@Entity
@Table(name = "customer_profile")
public class CustomerProfileEntity {

    @Id
    @Column(name = "customer_number")
    public String customerNumber;
    @Column(name = "risk_preference")
    public String riskPreference;
    @Column(name = "income_band")
    public String incomeBand;
    public String family;
    public String occupation;
    public String notes;
    @Column(name = "captured_by")
    public String capturedBy;
    @Column(name = "captured_at")
    public OffsetDateTime capturedAt;
}
