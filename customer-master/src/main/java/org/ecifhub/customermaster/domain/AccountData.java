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
}
