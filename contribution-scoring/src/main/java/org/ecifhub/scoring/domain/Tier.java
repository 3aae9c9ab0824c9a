package org.ecifhub.scoring.domain;

/** Value tiers, highest first: 尊享 PRIVILEGE, 卓越 EXCELLENT, 潜力 POTENTIAL, 一般 GENERAL. */
public enum Tier {
    PRIVILEGE,
    EXCELLENT,
    POTENTIAL,
    GENERAL
}
