package org.ecifhub.assignment.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A visit report (走访记录). */
@Entity
@Table(name = "visit")
public class VisitEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "customer_number")
    public String customerNumber;
    @Column(name = "staff_id")
    public String staffId;
    @Column(name = "visit_date")
    public LocalDate visitDate;
    public String channel;
    public String needs;
    /** Products discussed, comma-separated. */
    public String products;
    @Column(name = "next_date")
    public LocalDate nextDate;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
