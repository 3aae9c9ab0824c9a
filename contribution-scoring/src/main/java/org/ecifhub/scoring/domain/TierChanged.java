package org.ecifhub.scoring.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Published on {@code ecif.tier.v1}, keyed by customer number, whenever a customer's tier changes (including the
 * first tier a new customer gets, where {@code from} is null).
 *
 * @param score        the annualised contribution (综合贡献度) in CNY
 * @param points       the score in points (added in v1, optional for consumers)
 * @param averageAssets the long-window average daily assets the tier rests on (added in v1)
 * @param scoreDate    the business date the score is as of (added in v1)
 */
public record TierChanged(String customerNumber, Tier from, Tier to, String reason, BigDecimal score,
                          String modelVersion, String branchCode, OffsetDateTime effective, BigDecimal points,
                          BigDecimal averageAssets, LocalDate scoreDate) {
}
