package org.ecifhub.customermaster.domain;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One customer as a source system (core deposits, loans, e-banking, ...) describes it: the canonical feed record.
 * Only {@code source}, {@code sourceCustomerId}, {@code party.type} and {@code party.name} are required.
 */
public record FeedRecord(
        String source,
        String sourceCustomerId,
        OffsetDateTime asOf,
        String branchCode,
        PartyData party,
        List<AccountData> accounts,
        EbankingData ebanking) {

    public FeedRecord {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }
}
