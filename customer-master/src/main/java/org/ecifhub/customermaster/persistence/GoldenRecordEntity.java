package org.ecifhub.customermaster.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.ecifhub.customermaster.domain.PartyAttributes;
import org.ecifhub.customermaster.domain.PartyType;

import java.time.LocalDate;
import java.time.OffsetDateTime;

@Entity
@Table(name = "golden_record")
public class GoldenRecordEntity {

    @Id
    @Column(name = "customer_number")
    public String customerNumber;

    @Enumerated(EnumType.STRING)
    @Column(name = "party_type")
    public PartyType partyType;
    public String name;
    @Column(name = "id_type")
    public String idType;
    @Column(name = "id_number")
    public String idNumber;
    @Column(name = "birth_date")
    public LocalDate birthDate;
    public String gender;
    public String phone;
    public String address;
    public String occupation;
    @Column(name = "branch_code")
    public String branchCode;
    @Column(name = "attributes_as_of")
    public OffsetDateTime attributesAsOf;
    @Column(name = "id_valid")
    public boolean idValid;
    public int completeness;
    /** The data-quality issues of the surviving values, as a JSON array. */
    @Column(name = "quality_issues")
    @JdbcTypeCode(SqlTypes.JSON)
    public String qualityIssues;
    /** Where each surviving attribute came from, as a JSON object keyed by attribute. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String lineage;
    public String status;
    /** For a RETIRED record: the survivor it was merged into. */
    @Column(name = "merged_into")
    public String mergedInto;
    public long version;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public PartyAttributes attributes() {
        return new PartyAttributes(partyType, name, idType, idNumber, birthDate, gender, phone, address, occupation,
                branchCode);
    }

    public void setAttributes(PartyAttributes a) {
        partyType = a.type();
        name = a.name();
        idType = a.idType();
        idNumber = a.idNumber();
        birthDate = a.birthDate();
        gender = a.gender();
        phone = a.phone();
        address = a.address();
        occupation = a.occupation();
        branchCode = a.branchCode();
    }
}
