package org.ecifhub.gateway.domain;

import java.util.Locale;
import java.util.Optional;

/** The roles a caller's token may carry (in its {@code groups} claim). */
public enum Role {
    /** Another bank system: feeds, imports, organisation data. */
    SYSTEM,
    HEAD_OFFICE,
    BRANCH_MANAGER,
    CUSTOMER_MANAGER,
    TELLER,
    /** Data steward: the stewardship queue, merges and splits. */
    STEWARD,
    /** Operations: imports and change streams. */
    OPS,
    /** Reads the audit log of unmasked reads. */
    AUDITOR;

    public static Optional<Role> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
