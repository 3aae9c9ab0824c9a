package org.ecifhub.assignment.domain;

import java.time.OffsetDateTime;

/** Published on {@code ecif.ownership.v1}, keyed by customer number. {@code from} is null for a first owner. */
public record OwnershipChanged(String customerNumber, Owner from, Owner to, OwnerRole role, String reason,
                               OffsetDateTime effective) {
}
