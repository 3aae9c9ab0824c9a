package org.ecifhub.scoring.service;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.ecifhub.commons.events.EventEnvelope;
import org.ecifhub.commons.inbox.ProcessedEvents;
import com.fasterxml.jackson.databind.node.NullNode;
import org.ecifhub.scoring.domain.ScoringModel;
import org.ecifhub.scoring.config.ScoringConfig;
import org.ecifhub.scoring.persistence.CustomerScoreEntity;
import org.ecifhub.scoring.persistence.CustomerScoreRepository;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Keeps each customer's score and tier current from customer events, exactly once in effect. */
@ApplicationScoped
public class ScoringService {

    static final String CUSTOMER_TOPIC = "ecif.customer.v1";

    private final CustomerScoreRepository scores;
    private final ModelCatalog models;
    private final CustomerScorer scorer;
    private final ScoringConfig config;
    private final Clock clock;
    private final ProcessedEvents inbox;

    public ScoringService(CustomerScoreRepository scores, ModelCatalog models,
                          CustomerScorer scorer, ScoringConfig config, Clock clock, ProcessedEvents inbox) {
        this.inbox = inbox;
        this.scores = scores;
        this.models = models;
        this.scorer = scorer;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Applies the events of a poll (or part of one) in one transaction; events already applied (same id, here or
     * earlier in the list) change nothing. Each customer's events are applied in their order. If any event fails,
     * nothing of the list is applied: the caller then applies them one by one to isolate the poison.
     */
    @Transactional
    public void applyAll(List<EventEnvelope> events) {
        Set<UUID> fresh = inbox.firstDeliveries(events.stream().map(EventEnvelope::eventId).toList(), CUSTOMER_TOPIC);
        List<EventEnvelope> todo = new ArrayList<>();
        for (EventEnvelope e : events) {
            // remove(): a duplicate later in the same list is skipped like a redelivery
            if (fresh.remove(e.eventId())) {
                todo.add(e);
            }
        }
        if (todo.isEmpty()) {
            return;
        }
        List<List<EventEnvelope>> rounds = rounds(todo);
        if (rounds == null) {
            lockAll(todo.stream().map(EventEnvelope::subject).toList());
            for (EventEnvelope e : todo) {
                applyOne(e);
            }
            return;
        }
        // Rows read and written with plain JDBC: no entity per customer to track, one statement per table and round.
        Map<String, CustomerScoreEntity> locked = scores.lockOrCreateRows(
                todo.stream().map(EventEnvelope::subject).toList(), OffsetDateTime.now(clock));
        ScoringModel model = models.active();
        for (List<EventEnvelope> round : rounds) {
            applyRound(round, locked, model);
        }
    }

    /**
     * Splits the events into rounds that can be applied set-based: round k holds the k-th event of each customer, so
     * a customer's events keep their order. Null when they must be applied one after the other: an identity change
     * (it touches a second customer), or an account listed for two customers within one round.
     */
    private static List<List<EventEnvelope>> rounds(List<EventEnvelope> events) {
        Map<String, Integer> seen = new HashMap<>();
        List<List<EventEnvelope>> rounds = new ArrayList<>();
        List<Map<String, String>> claimed = new ArrayList<>();
        for (EventEnvelope e : events) {
            if ("CustomersMerged".equals(e.eventType()) || "CustomerSplit".equals(e.eventType())) {
                return null;
            }
            int k = seen.merge(e.subject(), 1, Integer::sum) - 1;
            if (k == rounds.size()) {
                rounds.add(new ArrayList<>());
                claimed.add(new HashMap<>());
            }
            if ("HoldingsChanged".equals(e.eventType()) && e.data() != null) {
                for (JsonNode a : e.data().path("accounts")) {
                    String key = a.path("source").asText() + "/" + a.path("accountId").asText();
                    String holder = claimed.get(k).putIfAbsent(key, e.subject());
                    if (holder != null && !holder.equals(e.subject())) {
                        return null;
                    }
                }
            }
            rounds.get(k).add(e);
        }
        return rounds;
    }

    /** Customers in number order (the order every writer locks in, so two never wait on each other in a cycle). */
    private Map<String, CustomerScoreEntity> lockAll(Collection<String> customerNumbers) {
        Set<String> numbers = new TreeSet<>(customerNumbers);
        Map<String, CustomerScoreEntity> out = new HashMap<>();
        scores.find("customerNumber in ?1 order by customerNumber", numbers)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list().forEach(s -> out.put(s.customerNumber, s));
        for (String n : numbers) {
            out.computeIfAbsent(n, this::create);
        }
        return out;
    }

    /** One event of each of several customers: the holdings and the scores are written set-based. */
    private void applyRound(List<EventEnvelope> round, Map<String, CustomerScoreEntity> locked, ScoringModel model) {
        Map<String, List<CustomerScoreRepository.Holding>> holdings = new LinkedHashMap<>();
        Map<String, LocalDate> eventDates = new HashMap<>();
        Map<String, String> causes = new HashMap<>();
        for (EventEnvelope event : round) {
            CustomerScoreEntity subject = locked.get(event.subject());
            record(subject, event);
            JsonNode data = data(event);
            eventDates.put(subject.customerNumber, eventDate(event));
            causes.put(subject.customerNumber, event.eventType());
            switch (event.eventType()) {
                case "CustomerCreated", "CustomerUpdated" -> branch(subject, data.path("attributes"));
                case "HoldingsChanged" -> {
                    branch(subject, data);
                    if (!subject.isRetired()) {
                        holdings.put(subject.customerNumber, holdings(data.path("accounts"), event));
                        ebanking(subject, data.path("ebanking"));
                    }
                }
                default -> {
                    // RelationshipChanged and types this version does not know: re-scored as the customer stands.
                }
            }
        }
        if (!holdings.isEmpty()) {
            scores.replaceHoldings(holdings);
        }
        List<String> numbers = round.stream().map(EventEnvelope::subject).toList();
        // One read of the holdings with their balance history gives both each customer's business date and its
        // facts: from the longest window before the earliest date any of them can be scored as of.
        LocalDate earliest = earliestScoreDate(numbers, locked, holdings, eventDates);
        Map<String, CustomerScoreRepository.Held> held = scores.heldWithHistory(numbers,
                earliest == null ? null : earliest.minusDays(model.windows().longDays() - 1L));
        List<CustomerScoreEntity> toScore = new ArrayList<>();
        List<CustomerScoreEntity> retired = new ArrayList<>();
        for (String n : numbers) {
            CustomerScoreEntity s = locked.get(n);
            if (s.isRetired()) {
                s.updatedAt = OffsetDateTime.now(clock);
                retired.add(s);
                continue;
            }
            // Business time comes from the balances: the latest balance date of what the customer holds.
            LocalDate latest = held.containsKey(n) ? held.get(n).latest() : null;
            if (holdings.containsKey(n) && latest != null) {
                s.scoreDate = latest;
            } else if (holdings.containsKey(n) || s.scoreDate == null) {
                s.scoreDate = later(later(s.scoreDate, latest), eventDates.get(n));
            }
            toScore.add(s);
        }
        scorer.rescoreRows(toScore, model, CustomerScorer.Mode.EVENT, s -> causes.get(s.customerNumber), held);
        scores.updateRows(retired);
    }

    /**
     * A day on or before which every one of these customers will be scored as of (see {@link #applyRound}), or null
     * when one of them has no such day yet.
     */
    private static LocalDate earliestScoreDate(List<String> numbers, Map<String, CustomerScoreEntity> locked,
                                               Map<String, List<CustomerScoreRepository.Holding>> holdings,
                                               Map<String, LocalDate> eventDates) {
        LocalDate earliest = LocalDate.MAX;
        for (String n : numbers) {
            CustomerScoreEntity s = locked.get(n);
            LocalDate bound;
            if (s.isRetired()) {
                continue;
            } else if (holdings.containsKey(n) && !holdings.get(n).isEmpty()) {
                // the snapshots just written: the latest balance date is on or after each of them
                bound = holdings.get(n).stream().map(CustomerScoreRepository.Holding::asOfDate)
                        .max(LocalDate::compareTo).orElseThrow();
            } else if (holdings.containsKey(n)) {
                bound = later(s.scoreDate, eventDates.get(n));
            } else {
                bound = s.scoreDate != null ? s.scoreDate : eventDates.get(n);
            }
            if (bound == null) {
                return null;
            }
            earliest = bound.isBefore(earliest) ? bound : earliest;
        }
        return earliest;
    }

    /** One event on its own, for lists that cannot be applied set-based (identity changes). */
    private void applyOne(EventEnvelope event) {
        String customerNumber = event.subject();
        CustomerScoreEntity subject = lockOrCreate(customerNumber);
        record(subject, event);
        LocalDate eventDate = eventDate(event);
        JsonNode data = data(event);
        CustomerScoreEntity toScore = subject;
        String cause = event.eventType();
        switch (event.eventType()) {
            case "CustomerCreated", "CustomerUpdated" -> branch(subject, data.path("attributes"));
            case "HoldingsChanged" -> {
                branch(subject, data);
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
        String why = cause;
        scorer.rescore(List.of(toScore), models.active(), CustomerScorer.Mode.EVENT, s -> why);
    }

    private CustomerScoreEntity lockOrCreate(String customerNumber) {
        CustomerScoreEntity score = scores.findById(customerNumber, LockModeType.PESSIMISTIC_WRITE);
        return score != null ? score : create(customerNumber);
    }

    private CustomerScoreEntity create(String customerNumber) {
        CustomerScoreEntity score = new CustomerScoreEntity();
        score.customerNumber = customerNumber;
        score.score = BigDecimal.ZERO;
        score.updatedAt = OffsetDateTime.now(clock);
        scores.persist(score);
        return score;
    }

    /** Every applied event is counted once: with the inbox this proves no event was applied twice. */
    private static void record(CustomerScoreEntity subject, EventEnvelope event) {
        subject.eventsApplied++;
        subject.lastEventVersion = Math.max(subject.lastEventVersion, event.version());
    }

    private LocalDate eventDate(EventEnvelope event) {
        return event.occurredAt() == null ? null
                : event.occurredAt().atZoneSameInstant(config.businessZone()).toLocalDate();
    }

    private static JsonNode data(EventEnvelope event) {
        return event.data() == null ? NullNode.getInstance() : event.data();
    }

    private static void branch(CustomerScoreEntity subject, JsonNode node) {
        text(node.path("branchCode")).ifPresent(b -> subject.branchCode = b);
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
