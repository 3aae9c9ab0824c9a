package org.ecifhub.customermaster.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;

@Entity
@Table(name = "xref")
public class XrefEntity {

    @Embeddable
    public record Key(String source, @Column(name = "source_customer_id") String sourceCustomerId)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;
    @Column(name = "customer_number")
    public String customerNumber;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
