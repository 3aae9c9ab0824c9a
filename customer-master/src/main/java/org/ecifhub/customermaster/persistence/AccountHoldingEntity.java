package org.ecifhub.customermaster.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import org.ecifhub.customermaster.domain.CustomerEvent;
import org.ecifhub.customermaster.domain.ProductType;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

@Entity
@Table(name = "account_holding")
public class AccountHoldingEntity {

    @Embeddable
    public record Key(String source, @Column(name = "account_id") String accountId) implements Serializable {
    }

    @EmbeddedId
    public Key key;
    @Column(name = "customer_number")
    public String customerNumber;
    @Column(name = "source_customer_id")
    public String sourceCustomerId;
    @Enumerated(EnumType.STRING)
    @Column(name = "product_type")
    public ProductType productType;
    public String currency;
    public BigDecimal balance;
    public String status;
    @Column(name = "open_date")
    public LocalDate openDate;
    @Column(name = "interest_rate")
    public BigDecimal interestRate;
    @Column(name = "days_past_due")
    public Integer daysPastDue;
    @Column(name = "term_months")
    public Integer termMonths;
    @Column(name = "fee_income")
    public BigDecimal feeIncome;
    @Column(name = "as_of")
    public OffsetDateTime asOf;

    public CustomerEvent.Holding toHolding() {
        return new CustomerEvent.Holding(key.source(), key.accountId(), productType, currency, balance, status, openDate,
                interestRate, daysPastDue, termMonths, feeIncome, asOf);
    }
}
