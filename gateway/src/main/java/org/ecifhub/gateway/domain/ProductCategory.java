package org.ecifhub.gateway.domain;

import java.util.Arrays;
import java.util.List;

/**
 * What a customer can hold, for list queries: each account product type of customer-master's holdings, DEPOSIT for
 * any kind of deposit, and the e-banking channels as the e-banking system reports them.
 */
public enum ProductCategory {
    DEMAND_DEPOSIT, TIME_DEPOSIT, CORPORATE_DEPOSIT, LOAN, WEALTH,
    /** Any of the three deposit types. */
    DEPOSIT,
    /** Enrolled in e-banking: the e-banking system has reported a status for the customer. */
    EBANKING,
    /** Uses mobile banking (手机银行), as the e-banking system reports it. */
    MOBILE_BANKING;

    public static boolean isKnown(String name) {
        return Arrays.stream(values()).anyMatch(c -> c.name().equals(name));
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }

    /** Whether an account of {@code productType} is a deposit. */
    public static boolean isDeposit(String productType) {
        return DEMAND_DEPOSIT.name().equals(productType) || TIME_DEPOSIT.name().equals(productType)
                || CORPORATE_DEPOSIT.name().equals(productType);
    }
}
