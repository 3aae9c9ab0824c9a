package org.ecifhub.assignment.domain;

import java.time.OffsetDateTime;

/**
 * Published on {@code ecif.ownership.v1} when an ownership ends without a successor in that role: a secondary
 * no longer needed, or a customer retired by a merge ({@code mergedInto} names the survivor).
 */
public record OwnershipEnded(String customerNumber, Owner from, OwnerRole role, String reason,
                             OffsetDateTime effective, String mergedInto) {
}
