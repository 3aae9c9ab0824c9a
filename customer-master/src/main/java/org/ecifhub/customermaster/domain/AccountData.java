package org.ecifhub.customermaster.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One account of the customer in the source system, with its balance as of the record's {@code asOf}. */
public record AccountData(
        String accountId,
        ProductType productType,
        String currency,
        BigDecimal balance,
        String status,
        LocalDate openDate,
        BigDecimal interestRate,
        Integer daysPastDue,
        Integer termMonths,
        BigDecimal feeIncome) {

    /** This account as held: under which source and account id, as of the record's date. */
    public CustomerEvent.Holding asHolding(String source, String heldAccountId, java.time.OffsetDateTime asOf) {
        return new CustomerEvent.Holding(source, heldAccountId, productType, currency, balance, status, openDate,
                interestRate, daysPastDue, termMonths, feeIncome, asOf);
    }
}
