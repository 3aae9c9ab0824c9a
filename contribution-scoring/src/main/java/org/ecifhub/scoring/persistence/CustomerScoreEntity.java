package org.ecifhub.scoring.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.ecifhub.scoring.domain.Tier;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** One customer's current score, tier and tier state. */
@Entity
@Table(name = "customer_score")
public class CustomerScoreEntity {

    public static final String ACTIVE = "ACTIVE";
    public static final String RETIRED = "RETIRED";

    @Id
    @Column(name = "customer_number")
    public String customerNumber;
    @Column(name = "branch_code")
    public String branchCode;
    public String status = ACTIVE;
    @Column(name = "merged_into")
    public String mergedInto;
    /** The annualised contribution (综合贡献度) in CNY. */
    public BigDecimal score;
    public BigDecimal points = BigDecimal.ZERO;
    /** The tier in force: the override while one is active, the model tier otherwise. */
    @Enumerated(EnumType.STRING)
    public Tier tier;
    @Enumerated(EnumType.STRING)
    @Column(name = "rule_tier")
    public Tier ruleTier;
    @Column(name = "tier_reason")
    public String tierReason;
    @Enumerated(EnumType.STRING)
    @Column(name = "model_tier")
    public Tier modelTier;
    @Column(name = "below_since")
    public LocalDate belowSince;
    @Column(name = "tier_since")
    public LocalDate tierSince;
    @Column(name = "score_date")
    public LocalDate scoreDate;
    @Column(name = "model_version")
    public String modelVersion;
    @Column(name = "assets_short")
    public BigDecimal assetsShort;
    @Column(name = "assets_long")
    public BigDecimal assetsLong;
    @Column(name = "loans_long")
    public BigDecimal loansLong;
    @Column(name = "worst_days_past_due")
    public int worstDaysPastDue;
    @Column(name = "ebanking_signed_up")
    public Boolean ebankingSignedUp;
    @Column(name = "ebanking_logins")
    public Integer ebankingLogins;
    @Column(name = "ebanking_transactions")
    public Integer ebankingTransactions;
    @Enumerated(EnumType.STRING)
    @Column(name = "override_tier")
    public Tier overrideTier;
    @Column(name = "override_reason")
    public String overrideReason;
    @Column(name = "override_operator")
    public String overrideOperator;
    @Column(name = "override_expires")
    public LocalDate overrideExpires;
    @Column(name = "events_applied")
    public long eventsApplied;
    @Column(name = "last_event_version")
    public long lastEventVersion;
    /** The version of the last TierChanged published for this customer. */
    @Column(name = "tier_version")
    public long tierVersion;
    /** Set by a split: the next score re-derives the tier without the grace period. */
    @Column(name = "rederive_tier")
    public boolean rederiveTier;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public boolean isRetired() {
        return RETIRED.equals(status);
    }
}
