package org.ecifhub.scoring.domain;

/** Value tiers, highest first: 尊享 PRIVILEGE, 卓越 EXCELLENT, 潜力 POTENTIAL, 一般 GENERAL. */
public enum Tier {
    PRIVILEGE,
    EXCELLENT,
    POTENTIAL,
    GENERAL;

    public boolean isAbove(Tier other) {
        return other == null || ordinal() < other.ordinal();
    }
}
