package org.ecifhub.assignment.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A re-evaluation of every customer, run in the background a page at a time. */
@Entity
@Table(name = "reevaluation_job")
public class ReevaluationJobEntity {

    @Id
    public UUID id;
    /** RUNNING, SUCCEEDED or FAILED. */
    public String status;
    public String operator;
    public String reason;
    /** Customers to re-evaluate when the job started. */
    public long customers;
    public long processed;
    public long changed;
    /** Keyset position: the last customer number of the last committed page. */
    @Column(name = "last_customer")
    public String lastCustomer = "";
    public String error;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
}
