package org.ecifhub.scoring.service;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.ecifhub.commons.events.EventEnvelope;
import org.ecifhub.commons.inbox.ProcessedEvents;
import org.ecifhub.scoring.config.ScoringConfig;
import org.ecifhub.scoring.persistence.CustomerScoreEntity;
import org.ecifhub.scoring.persistence.CustomerScoreRepository;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Keeps each customer's score and tier current from customer events, exactly once in effect. */
@ApplicationScoped
public class ScoringService {

    static final String CUSTOMER_TOPIC = "ecif.customer.v1";

    private final CustomerScoreRepository scores;
    private final ProcessedEvents inbox;
    private final ModelCatalog models;
    private final CustomerScorer scorer;
    private final ScoringConfig config;
    private final Clock clock;

    public ScoringService(CustomerScoreRepository scores, ProcessedEvents inbox, ModelCatalog models,
                          CustomerScorer scorer, ScoringConfig config, Clock clock) {
        this.scores = scores;
        this.inbox = inbox;
        this.models = models;
        this.scorer = scorer;
        this.config = config;
        this.clock = clock;
    }

    /** Applies one event; a redelivered event (same id) changes nothing. */
    @Transactional
    public void apply(EventEnvelope event) {
        if (!inbox.firstDelivery(event.eventId(), CUSTOMER_TOPIC)) {
            return;
        }
        String customerNumber = event.subject();
        CustomerScoreEntity subject = lockOrCreate(customerNumber);
        subject.eventsApplied++;
        subject.lastEventVersion = Math.max(subject.lastEventVersion, event.version());
        LocalDate eventDate = event.occurredAt() == null ? null
                : event.occurredAt().atZoneSameInstant(config.businessZone()).toLocalDate();
        JsonNode data = event.data() == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : event.data();
        CustomerScoreEntity toScore = subject;
        String cause = event.eventType();
        switch (event.eventType()) {
            case "CustomerCreated", "CustomerUpdated" ->
                    text(data.path("attributes").path("branchCode")).ifPresent(b -> subject.branchCode = b);
            case "HoldingsChanged" -> {
                text(data.path("branchCode")).ifPresent(b -> subject.branchCode = b);
                if (!subject.isRetired()) {
                    List<CustomerScoreRepository.Holding> holdings = holdings(data.path("accounts"), event);
                    scores.replaceHoldings(customerNumber, holdings);
                    ebanking(subject, data.path("ebanking"));
                    // Business time comes from the balances: the latest balance date of what the customer holds.
                    LocalDate latest = scores.latestBalanceDate(customerNumber);
                    subject.scoreDate = latest != null ? latest : later(subject.scoreDate, eventDate);
                }
            }
            case "CustomersMerged" -> {
                String survivorNumber = text(data.path("survivor")).orElse(null);
                String retiredNumber = text(data.path("retired")).orElse(null);
                if (survivorNumber == null || retiredNumber == null || survivorNumber.equals(retiredNumber)) {
                    throw new IllegalArgumentException("CustomersMerged needs two different customer numbers");
                }
                CustomerScoreEntity survivor = survivorNumber.equals(customerNumber) ? subject
                        : lockOrCreate(survivorNumber);
                CustomerScoreEntity retired = retiredNumber.equals(customerNumber) ? subject
                        : lockOrCreate(retiredNumber);
                scores.moveHoldings(retiredNumber, survivorNumber);
                retired.status = CustomerScoreEntity.RETIRED;
                retired.mergedInto = survivorNumber;
                retired.updatedAt = OffsetDateTime.now(clock);
                survivor.scoreDate = later(later(survivor.scoreDate, retired.scoreDate),
                        scores.latestBalanceDate(survivorNumber));
                if (survivor.branchCode == null) {
                    survivor.branchCode = retired.branchCode;
                }
                toScore = survivor;
                cause = "merged with " + retiredNumber;
            }
            case "CustomerSplit" -> {
                // The accounts move with the two customers' HoldingsChanged, which follow on each key. The balances
                // that went were never this party's: its next score re-derives the tier without a grace period.
                subject.rederiveTier = true;
                subject.belowSince = null;
                subject.updatedAt = OffsetDateTime.now(clock);
                return;
            }
            default -> {
                // RelationshipChanged and
                // types this version does not know: recorded as seen, the customer is re-scored as it stands.
            }
        }
        if (toScore.isRetired()) {
            subject.updatedAt = OffsetDateTime.now(clock);
            return;
        }
        if (toScore.scoreDate == null) {
            toScore.scoreDate = later(scores.latestBalanceDate(toScore.customerNumber), eventDate);
        }
        scorer.rescore(List.of(toScore), models.active(), CustomerScorer.Mode.EVENT, cause);
    }

    private CustomerScoreEntity lockOrCreate(String customerNumber) {
        CustomerScoreEntity score = scores.findById(customerNumber, LockModeType.PESSIMISTIC_WRITE);
        if (score == null) {
            score = new CustomerScoreEntity();
            score.customerNumber = customerNumber;
            score.score = BigDecimal.ZERO;
            score.updatedAt = OffsetDateTime.now(clock);
            scores.persist(score);
        }
        return score;
    }

    private List<CustomerScoreRepository.Holding> holdings(JsonNode accounts, EventEnvelope event) {
        List<CustomerScoreRepository.Holding> out = new ArrayList<>();
        for (JsonNode a : accounts) {
            String source = text(a.path("source")).orElseThrow(() -> new IllegalArgumentException("account without source"));
            String accountId = text(a.path("accountId"))
                    .orElseThrow(() -> new IllegalArgumentException("account without accountId"));
            BigDecimal balance = a.path("balance").isNumber() ? a.path("balance").decimalValue() : BigDecimal.ZERO;
            OffsetDateTime asOf = text(a.path("asOf")).map(OffsetDateTime::parse).orElse(event.occurredAt());
            if (asOf == null) {
                asOf = OffsetDateTime.now(clock);
            }
            LocalDate openDate = text(a.path("openDate")).map(LocalDate::parse).orElse(null);
            BigDecimal rate = a.path("interestRate").isNumber() ? a.path("interestRate").decimalValue() : null;
            BigDecimal fee = a.path("feeIncome").isNumber() ? a.path("feeIncome").decimalValue() : null;
            out.add(new CustomerScoreRepository.Holding(source, accountId, text(a.path("productType")).orElse("OTHER"),
                    text(a.path("currency")).orElse(null), balance, text(a.path("status")).orElse(null), openDate,
                    rate, Math.max(0, a.path("daysPastDue").asInt(0)), fee, asOf,
                    asOf.atZoneSameInstant(config.businessZone()).toLocalDate()));
        }
        return out;
    }

    private static void ebanking(CustomerScoreEntity s, JsonNode e) {
        if (e == null || !e.isObject()) {
            return;
        }
        s.ebankingSignedUp = e.path("mobileBanking").asBoolean(false);
        s.ebankingLogins = e.path("loginsLast30d").isNumber() ? e.path("loginsLast30d").asInt() : 0;
        s.ebankingTransactions = e.path("transactionsLast30d").isNumber() ? e.path("transactionsLast30d").asInt() : 0;
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static Optional<String> text(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }
}
