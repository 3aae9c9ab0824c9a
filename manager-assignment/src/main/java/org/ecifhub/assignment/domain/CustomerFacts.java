package org.ecifhub.assignment.domain;

import java.math.BigDecimal;

/**
 * What the coverage policy needs to know of a customer.
 *
 * @param tier      PRIVILEGE, EXCELLENT, POTENTIAL or GENERAL; null while scoring has not tiered the customer
 * @param score     the contribution (综合贡献度, CNY) of the latest TierChanged; null if none yet
 * @param partyType PERSON or ORGANIZATION, from the golden record; null if unknown
 */
public record CustomerFacts(String customerNumber, String tier, String branchCode, BigDecimal score,
                            String partyType, BigDecimal deposits, BigDecimal loans) {

    public BigDecimal holdings() {
        return nz(deposits).add(nz(loans));
    }

    static BigDecimal nz(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }
}
