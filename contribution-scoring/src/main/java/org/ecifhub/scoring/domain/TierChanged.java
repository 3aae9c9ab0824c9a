package org.ecifhub.scoring.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * Published on {@code ecif.tier.v1}, keyed by customer number, whenever a customer's tier changes (including the
 * first tier a new customer gets, where {@code from} is null).
 */
public record TierChanged(String customerNumber, Tier from, Tier to, String reason, BigDecimal score,
                          String modelVersion, String branchCode, OffsetDateTime effective) {
}
