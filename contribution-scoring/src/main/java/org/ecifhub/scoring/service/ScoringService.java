package org.ecifhub.scoring.service;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.ecifhub.commons.events.EventEnvelope;
import org.ecifhub.commons.inbox.ProcessedEvents;
import org.ecifhub.scoring.config.ScoringConfig;
import org.ecifhub.scoring.domain.Tier;
import org.ecifhub.scoring.domain.TierChanged;
import org.ecifhub.scoring.domain.TierPolicy;
import org.ecifhub.scoring.messaging.TierEventPublisher;
import org.ecifhub.scoring.persistence.CustomerScoreEntity;
import org.ecifhub.scoring.persistence.CustomerScoreRepository;

import java.math.BigDecimal;
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
    private final TierEventPublisher tierEvents;
    private final TierPolicy policy;
    private final String modelVersion;

    public ScoringService(CustomerScoreRepository scores, ProcessedEvents inbox, TierEventPublisher tierEvents,
                          ScoringConfig config) {
        this.scores = scores;
        this.inbox = inbox;
        this.tierEvents = tierEvents;
        this.policy = new TierPolicy(config.thresholds().privilege(), config.thresholds().excellent(),
                config.thresholds().potential());
        this.modelVersion = config.modelVersion();
    }

    /** Applies one event; a redelivered event (same id) changes nothing. */
    @Transactional
    public void apply(EventEnvelope event) {
        if (!inbox.firstDelivery(event.eventId(), CUSTOMER_TOPIC)) {
            return;
        }
        String customerNumber = event.subject();
        CustomerScoreEntity score = scores.findById(customerNumber);
        Tier before = null;
        if (score == null) {
            score = new CustomerScoreEntity();
            score.customerNumber = customerNumber;
            score.score = BigDecimal.ZERO;
            score.tier = Tier.GENERAL;
            score.updatedAt = OffsetDateTime.now();
            scores.persist(score);
        } else {
            before = score.tier;
        }
        JsonNode data = event.data();
        CustomerScoreEntity current = score;
        switch (event.eventType()) {
            case "CustomerCreated", "CustomerUpdated" ->
                    text(data.path("attributes").path("branchCode")).ifPresent(b -> current.branchCode = b);
            case "HoldingsChanged" -> {
                text(data.path("branchCode")).ifPresent(b -> current.branchCode = b);
                scores.replaceBalances(customerNumber, balances(data.path("accounts")));
            }
            default -> {
                // An event type this version does not know: recorded as seen, nothing to change.
            }
        }
        score.score = scores.totalBalance(customerNumber);
        score.eventsApplied++;
        score.lastEventVersion = Math.max(score.lastEventVersion, event.version());
        score.updatedAt = OffsetDateTime.now();
        Tier after = policy.tierOf(score.score);
        score.tier = after;
        if (before != after) {
            String reason = before == null ? "first tier of a new customer"
                    : "score " + score.score.toPlainString() + " crossed a threshold";
            tierEvents.publish(new TierChanged(customerNumber, before, after, reason, score.score, modelVersion,
                    score.branchCode, score.updatedAt), score.eventsApplied);
        }
    }

    private static List<CustomerScoreRepository.Balance> balances(JsonNode accounts) {
        List<CustomerScoreRepository.Balance> out = new ArrayList<>();
        for (JsonNode a : accounts) {
            BigDecimal balance = a.path("balance").isNumber() ? a.path("balance").decimalValue() : BigDecimal.ZERO;
            OffsetDateTime asOf = text(a.path("asOf")).map(OffsetDateTime::parse).orElse(null);
            out.add(new CustomerScoreRepository.Balance(a.path("source").asText(), a.path("accountId").asText(),
                    a.path("productType").asText(), balance, asOf));
        }
        return out;
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }
}
