package org.ecifhub.customermaster.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What customer-master tells the rest of the bank, on topic {@code ecif.customer.v1} keyed by customer number.
 * The schemas are documented in {@code docs/events/ecif.customer.v1.schema.json}; names never change meaning.
 */
public sealed interface CustomerEvent
        permits CustomerEvent.CustomerCreated, CustomerEvent.CustomerUpdated, CustomerEvent.HoldingsChanged,
        CustomerEvent.RelationshipChanged, CustomerEvent.CustomersMerged, CustomerEvent.CustomerSplit {

    String customerNumber();

    /** The stable event type name carried in the envelope. */
    default String eventType() {
        return getClass().getSimpleName();
    }

    /** A new golden record: its attributes and the source record that created it. */
    record CustomerCreated(String customerNumber, PartyAttributes attributes, SourceReference source)
            implements CustomerEvent {
    }

    /** Attributes of a golden record changed; {@code changedAttributes} names them. */
    record CustomerUpdated(String customerNumber, PartyAttributes attributes, List<String> changedAttributes,
                           SourceReference source) implements CustomerEvent {
    }

    /**
     * The customer's holdings changed. Carries the whole current picture (every account of every source, and the
     * e-banking status), so a consumer replaces its state instead of adding deltas: replaying is harmless.
     */
    record HoldingsChanged(String customerNumber, String branchCode, List<Holding> accounts, Ebanking ebanking)
            implements CustomerEvent {
    }

    /**
     * A relationship of the customer began or ended ({@code ended} true). Published for the customer it starts
     * from; {@code toCustomerNumber} is null while the other party is not a customer yet.
     */
    record RelationshipChanged(String customerNumber, long relationshipId, RelationshipType type,
                               String toCustomerNumber, String toName, boolean ended, String origin)
            implements CustomerEvent {
    }

    /**
     * Two golden records were found to be one party: {@code retired} now redirects to {@code survivor}. Published
     * on both customers' keys ({@code customerNumber} says which), so each customer's stream tells the story.
     */
    record CustomersMerged(String customerNumber, String survivor, String retired, String operator, String reason)
            implements CustomerEvent {
    }

    /** A source customer was split out of {@code from} into the new customer {@code newCustomer}. */
    record CustomerSplit(String customerNumber, String from, String newCustomer, String source,
                         String sourceCustomerId, String operator, String reason) implements CustomerEvent {
    }

    record SourceReference(String source, String sourceCustomerId, OffsetDateTime asOf) {
    }

    record Holding(String source, String accountId, ProductType productType, String currency, BigDecimal balance,
                   String status, LocalDate openDate, BigDecimal interestRate, Integer daysPastDue, Integer termMonths,
                   BigDecimal feeIncome, OffsetDateTime asOf) {
    }

    record Ebanking(boolean mobileBanking, Integer loginsLast30d, Integer transactionsLast30d, OffsetDateTime asOf) {
    }
}
