package org.ecifhub.scoring.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything the score of one customer rests on, as of one business date.
 *
 * @param asOf     the business date scored ("today" for this customer: the date of the latest balance known)
 * @param accounts the accounts the customer holds now, each with its balance history
 * @param ebanking the e-banking status; null when no source reported one
 */
public record CustomerFacts(LocalDate asOf, List<Account> accounts, Ebanking ebanking) {

    /**
     * @param key          source and account id, e.g. {@code DEPOSIT/A001}
     * @param history      daily snapshots in ascending date order
     * @param interestRate annual rate as a fraction (loans), null when unknown
     * @param daysPastDue  0 when current
     * @param feeIncome    fee income (中间业务收入) the account earned over the last 12 months, CNY
     * @param openDate     null when unknown
     */
    public record Account(String key, ProductType productType, List<BalancePoint> history, BigDecimal interestRate,
                          int daysPastDue, BigDecimal feeIncome, LocalDate openDate) {
    }

    public record Ebanking(boolean signedUp, int loginsLast30d, int transactionsLast30d) {
    }

    /** The first day any of the customer's accounts had a known balance; {@code asOf} when there is none. */
    public LocalDate firstKnown() {
        LocalDate first = asOf;
        for (Account a : accounts) {
            if (!a.history().isEmpty() && a.history().get(0).date().isBefore(first)) {
                first = a.history().get(0).date();
            }
        }
        return first;
    }
}
