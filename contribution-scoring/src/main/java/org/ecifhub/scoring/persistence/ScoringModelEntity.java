package org.ecifhub.scoring.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.OffsetDateTime;

/** A stored model version; {@code parameters} is the JSON form of {@link org.ecifhub.scoring.domain.ScoringModel}. */
@Entity
@Table(name = "scoring_model")
public class ScoringModelEntity {

    public static final String DRAFT = "DRAFT";
    public static final String ACTIVE = "ACTIVE";
    public static final String RETIRED = "RETIRED";

    @Id
    public String version;
    public String description;
    // Plain text in Java (no JSON dirty checking at each flush), jsonb in PostgreSQL.
    @ColumnTransformer(write = "CAST(? AS jsonb)")
    public String parameters;
    public String status;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "activated_at")
    public OffsetDateTime activatedAt;
}
