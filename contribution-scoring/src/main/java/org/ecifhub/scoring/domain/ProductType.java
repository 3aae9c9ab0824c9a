package org.ecifhub.scoring.domain;

/** Product categories as customer-master reports them; {@link #OTHER} for a type this version does not know. */
public enum ProductType {
    DEMAND_DEPOSIT,
    TIME_DEPOSIT,
    CORPORATE_DEPOSIT,
    LOAN,
    WEALTH,
    OTHER;

    public static ProductType parse(String name) {
        if (name == null) {
            return OTHER;
        }
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            return OTHER;
        }
    }

    /** Deposits and wealth products: the customer's assets under management (AUM). */
    public boolean isAsset() {
        return this == DEMAND_DEPOSIT || this == TIME_DEPOSIT || this == CORPORATE_DEPOSIT || this == WEALTH;
    }
}
