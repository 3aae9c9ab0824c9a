package org.ecifhub.customermaster.domain;

public enum ProductType {
    DEMAND_DEPOSIT,
    TIME_DEPOSIT,
    CORPORATE_DEPOSIT,
    LOAN,
    WEALTH
}
