package org.ecifhub.scoring.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.Transactional;
import org.ecifhub.scoring.config.ScoringConfig;
import org.ecifhub.scoring.domain.CustomerFacts;
import org.ecifhub.scoring.domain.ScoreCalculator;
import org.ecifhub.scoring.domain.Scorecard;
import org.ecifhub.scoring.domain.ScoringAlert;
import org.ecifhub.scoring.domain.ScoringModel;
import org.ecifhub.scoring.domain.Tier;
import org.ecifhub.scoring.domain.TierChanged;
import org.ecifhub.scoring.domain.TierHysteresis;
import org.ecifhub.scoring.domain.WatchRule;
import org.ecifhub.scoring.messaging.AlertEventPublisher;
import org.ecifhub.scoring.messaging.TierEventPublisher;
import org.ecifhub.scoring.persistence.CustomerScoreEntity;
import org.ecifhub.scoring.persistence.CustomerScoreRepository;
import org.ecifhub.scoring.persistence.ScoringAlertEntity;
import org.ecifhub.scoring.persistence.ScoringAlertRepository;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Scores customers with a model and settles the consequences in the caller's transaction: the stored score and
 * averages, the tier (hysteresis, overrides), the history row, TierChanged and watch alerts through the outbox.
 */
@ApplicationScoped
public class CustomerScorer {

    /** EVENT: hysteresis applies. ACTIVATION: a new model's tiers apply at once (what simulate showed). */
    public enum Mode { EVENT, ACTIVATION }

    private final CustomerScoreRepository scores;
    private final ScoringAlertRepository alerts;
    private final TierEventPublisher tierEvents;
    private final AlertEventPublisher alertEvents;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final ScoringConfig config;

    public CustomerScorer(CustomerScoreRepository scores, ScoringAlertRepository alerts, TierEventPublisher tierEvents,
                          AlertEventPublisher alertEvents, ObjectMapper mapper, Clock clock, ScoringConfig config) {
        this.scores = scores;
        this.alerts = alerts;
        this.tierEvents = tierEvents;
        this.alertEvents = alertEvents;
        this.mapper = mapper;
        this.clock = clock;
        this.config = config;
    }

    /** Computes the scorecards without changing anything (simulation, and the first step of rescoring). */
    public Map<String, Scorecard> scorecards(List<CustomerScoreEntity> customers, ScoringModel model) {
        return scorecards(customers, model, null);
    }

    /** @param held the customers' holdings with their history, read before; null to read them here */
    private Map<String, Scorecard> scorecards(List<CustomerScoreEntity> customers, ScoringModel model,
                                              Map<String, CustomerScoreRepository.Held> held) {
        Map<String, LocalDate> dates = new HashMap<>();
        Map<String, CustomerFacts.Ebanking> ebanking = new HashMap<>();
        for (CustomerScoreEntity s : customers) {
            dates.put(s.customerNumber, s.scoreDate == null ? today() : s.scoreDate);
            if (s.ebankingSignedUp != null) {
                ebanking.put(s.customerNumber, new CustomerFacts.Ebanking(s.ebankingSignedUp,
                        s.ebankingLogins == null ? 0 : s.ebankingLogins,
                        s.ebankingTransactions == null ? 0 : s.ebankingTransactions));
            }
        }
        Map<String, CustomerFacts> facts = held == null ? scores.facts(dates, ebanking, model.windows().longDays())
                : CustomerScoreRepository.facts(held, dates, ebanking);
        Map<String, Scorecard> out = new HashMap<>();
        facts.forEach((n, f) -> out.put(n, ScoreCalculator.score(f, model)));
        return out;
    }

    /** The tier an override keeps the customer at, or null when there is none in force today. */
    public Tier activeOverride(CustomerScoreEntity s) {
        return s.overrideTier != null && !s.overrideExpires.isBefore(today()) ? s.overrideTier : null;
    }

    /**
     * @param cause what made each customer be scored (its event type), shown in the reason; null for none
     * @return how many customers changed tier
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int rescore(List<CustomerScoreEntity> customers, ScoringModel model, Mode mode,
                       Function<CustomerScoreEntity, String> cause) {
        if (customers.isEmpty()) {
            return 0;
        }
        Settled settled = settle(customers, model, mode, cause, null);
        EntityManager em = scores.getEntityManager();
        em.flush();
        // Everything is written: the outbox and history statements that follow need no dirty check of the
        // batch before each of them (which would cost a pass over every entity per statement).
        FlushModeType mode0 = em.getFlushMode();
        em.setFlushMode(FlushModeType.COMMIT);
        try {
            consequences(customers, model, settled);
        } finally {
            em.setFlushMode(mode0);
        }
        return settled.changed();
    }

    /**
     * {@link #rescore} for customers read without the ORM (a model activation streaming through every customer, a
     * chunk of events): the same decisions, with the rows written by one set-based statement instead of entity
     * updates.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int rescoreRows(List<CustomerScoreEntity> rows, ScoringModel model, Mode mode,
                           Function<CustomerScoreEntity, String> cause) {
        return rescoreRows(rows, model, mode, cause, null);
    }

    /**
     * @param held the customers' holdings with their history from at least the longest window before each one's
     *             score date on ({@link CustomerScoreRepository#heldWithHistory}); null to read them here
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int rescoreRows(List<CustomerScoreEntity> rows, ScoringModel model, Mode mode,
                           Function<CustomerScoreEntity, String> cause, Map<String, CustomerScoreRepository.Held> held) {
        if (rows.isEmpty()) {
            return 0;
        }
        Settled settled = settle(rows, model, mode, cause, held);
        scores.updateRows(rows);
        consequences(rows, model, settled);
        return settled.changed();
    }

    /** The scorecards, the open alerts and the tier decisions of a batch, all in memory. */
    private record Settled(Map<String, Scorecard> cards, Map<String, List<ScoringAlertEntity>> open,
                           List<TierEventPublisher.Pending> publish, OffsetDateTime now, int changed) {
    }

    private Settled settle(List<CustomerScoreEntity> customers, ScoringModel model, Mode mode,
                           Function<CustomerScoreEntity, String> cause, Map<String, CustomerScoreRepository.Held> held) {
        Map<String, Scorecard> cards = scorecards(customers, model, held);
        Map<String, List<ScoringAlertEntity>> open = new HashMap<>();
        alerts.openOf(scores.withOpenAlerts(numbers(customers))).forEach(a -> open.computeIfAbsent(a.customerNumber, k -> new ArrayList<>())
                .add(a));
        OffsetDateTime now = OffsetDateTime.now(clock);
        // First every change in memory, then the writes together: the updates go out as one statement or JDBC
        // batch and the history as one statement, instead of a round trip per customer and table.
        List<TierEventPublisher.Pending> publish = new ArrayList<>();
        int changed = 0;
        for (CustomerScoreEntity s : customers) {
            if (settle(s, cards.get(s.customerNumber), model, mode, cause == null ? null : cause.apply(s), now,
                    publish)) {
                changed++;
            }
        }
        return new Settled(cards, open, publish, now, changed);
    }

    /** What follows from the decisions once the scores are written: history, TierChanged, watch alerts. */
    private void consequences(List<CustomerScoreEntity> customers, ScoringModel model, Settled settled) {
        scores.recordHistory(customers, settled.now());
        tierEvents.publishAll(settled.publish());
        for (CustomerScoreEntity s : customers) {
            watch(s, settled.cards().get(s.customerNumber), model, s.scoreDate, settled.now(),
                    settled.open().getOrDefault(s.customerNumber, List.of()));
        }
    }

    private boolean settle(CustomerScoreEntity s, Scorecard card, ScoringModel model, Mode mode, String cause,
                           OffsetDateTime now, List<TierEventPublisher.Pending> publish) {
        LocalDate date = card.asOf();
        s.scoreDate = date;
        s.score = card.contribution();
        s.points = card.points();
        s.ruleTier = card.ruleTier();
        s.tierReason = truncate(card.tierReason(), 300);
        s.modelVersion = model.version();
        s.assetsShort = card.averages().assetsShort();
        s.assetsLong = card.averages().assetsLong();
        s.loansLong = card.averages().loansLong();
        s.worstDaysPastDue = worstDaysPastDue(card);
        s.updatedAt = now;

        String reason;
        if (mode == Mode.ACTIVATION || s.rederiveTier) {
            reason = (mode == Mode.ACTIVATION ? "model " + model.version() + " activated: "
                    : "re-derived after a split: ") + card.tierReason();
            s.modelTier = card.ruleTier();
            s.belowSince = null;
            s.rederiveTier = false;
        } else {
            TierHysteresis.Decision d = TierHysteresis.next(new TierHysteresis.State(s.modelTier, s.belowSince),
                    card.ruleTier(), date, model.gracePeriodDays());
            s.modelTier = d.state().tier();
            s.belowSince = d.state().belowSince();
            reason = d.reason() + ": " + card.tierReason() + (cause == null ? "" : " (" + cause + ")");
        }
        if (s.overrideTier != null && s.overrideExpires.isBefore(today())) {
            scores.auditOverride(s.customerNumber, "EXPIRED", s.overrideTier, "expired on " + s.overrideExpires,
                    "system", s.overrideExpires, now);
            reason = "override " + s.overrideTier + " expired; " + reason;
            s.overrideTier = null;
            s.overrideReason = null;
            s.overrideOperator = null;
            s.overrideExpires = null;
        }
        Tier effective = s.overrideTier != null ? s.overrideTier : s.modelTier;
        boolean changed = effective != s.tier;
        if (changed) {
            TierChanged event = tierChange(s, effective, reason, date.atStartOfDay(config.businessZone())
                    .toOffsetDateTime());
            publish.add(new TierEventPublisher.Pending(event, s.tierVersion));
        }
        return changed;
    }

    /** Publishes the tier change and makes {@code to} the tier in force. */
    public void publishTier(CustomerScoreEntity s, Tier to, String reason, OffsetDateTime effective) {
        TierChanged event = tierChange(s, to, reason, effective);
        tierEvents.publish(event, s.tierVersion);
    }

    private TierChanged tierChange(CustomerScoreEntity s, Tier to, String reason, OffsetDateTime effective) {
        Tier from = s.tier;
        s.tier = to;
        s.tierSince = effective.atZoneSameInstant(config.businessZone()).toLocalDate();
        s.tierVersion = Math.max(s.tierVersion + 1, s.eventsApplied);
        return new TierChanged(s.customerNumber, from, to, truncate(reason, 500), s.score, s.modelVersion,
                s.branchCode, effective, s.points, s.assetsLong, s.scoreDate);
    }

    private void watch(CustomerScoreEntity s, Scorecard card, ScoringModel model, LocalDate date,
                       OffsetDateTime now, List<ScoringAlertEntity> open) {
        List<WatchRule.Condition> holding = WatchRule.conditions(s.tier, card, model, s.worstDaysPastDue);
        if (holding.isEmpty() && open.isEmpty()) {
            return;
        }
        Set<WatchRule.Kind> kinds = new HashSet<>();
        holding.forEach(c -> kinds.add(c.kind()));
        Set<WatchRule.Kind> openKinds = new HashSet<>();
        for (ScoringAlertEntity a : open) {
            openKinds.add(a.kind);
            if (!kinds.contains(a.kind)) {
                a.status = ScoringAlertEntity.RESOLVED;
                a.resolvedOn = date;
                alertEvents.resolved(view(a));
            }
        }
        for (WatchRule.Condition c : holding) {
            if (openKinds.contains(c.kind())) {
                continue;
            }
            ScoringAlertEntity a = new ScoringAlertEntity();
            a.customerNumber = s.customerNumber;
            a.branchCode = s.branchCode;
            a.kind = c.kind();
            a.tier = s.tier;
            a.detail = truncate(c.detail(), 500);
            a.status = ScoringAlertEntity.OPEN;
            a.raisedOn = date;
            a.raisedAt = now;
            alerts.persist(a);
            alerts.flush();
            alertEvents.raised(view(a));
        }
    }

    public static ScoringAlert view(ScoringAlertEntity a) {
        return new ScoringAlert(a.id, a.customerNumber, a.branchCode, a.kind, a.tier, a.detail, a.raisedOn,
                a.resolvedOn);
    }

    private static int worstDaysPastDue(Scorecard card) {
        Object v = card.component(ScoreCalculator.RISK).inputs().get("worstDaysPastDue");
        return v instanceof Number n ? n.intValue() : 0;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(config.businessZone()));
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static List<String> numbers(List<CustomerScoreEntity> list) {
        List<String> out = new ArrayList<>();
        list.forEach(s -> out.add(s.customerNumber));
        return out;
    }
}
