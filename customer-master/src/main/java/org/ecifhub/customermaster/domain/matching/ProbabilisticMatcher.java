package org.ecifhub.customermaster.domain.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares two records: hard rules first, then the Fellegi–Sunter sum of the comparators' weights under a
 * {@link MatchModel}. Stateless and thread-safe; comparing is symmetric.
 */
public final class ProbabilisticMatcher {

    private final MatchModel model;

    public ProbabilisticMatcher(MatchModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /** A matcher with {@link MatchModel#defaults()}. */
    public static ProbabilisticMatcher withDefaultModel() {
        return new ProbabilisticMatcher(MatchModel.defaults());
    }

    public MatchModel model() {
        return model;
    }

    public MatchResult match(MatchRecord a, MatchRecord b) {
        List<Comparison> comparisons = Comparators.compareAll(a, b);
        List<FieldScore> scores = new ArrayList<>(comparisons.size());
        double total = 0;
        for (Comparison c : comparisons) {
            double weight = model.weight(c.field(), c.level());
            scores.add(new FieldScore(c.field(), c.level(), weight, c.detail()));
            total += weight;
        }
        Optional<String> rule = HardRules.violation(a, b);
        if (rule.isPresent()) {
            return new MatchResult(a.recordId(), b.recordId(), MatchOutcome.BLOCKED_BY_RULE, total, model.upper(),
                    model.lower(), model.version(), scores, rule.get());
        }
        MatchOutcome outcome = outcome(total);
        String reason = null;
        if (outcome == MatchOutcome.MATCH && !namesSupport(comparisons)) {
            outcome = MatchOutcome.POSSIBLE_MATCH;
            reason = NAME_GUARD;
        }
        return new MatchResult(a.recordId(), b.recordId(), outcome, total, model.upper(), model.lower(),
                model.version(), scores, reason);
    }

    /**
     * Why a pair above {@code upper} may still go to a steward. Birth date, address and phone are shared by
     * twins and households, and those agreements are not independent (one household, one address, one phone):
     * their weights add up to far more evidence than they are. What sets two relatives apart without an id is
     * the name, so an automatic merge needs the names to be the same or to sound the same (Chinese input
     * methods produce homophones, not other characters), or for Latin names kept in two fields, at least one of
     * them close.
     */
    static final String NAME_GUARD = "names do not agree closely enough to merge without a steward";

    static boolean namesSupport(List<Comparison> comparisons) {
        boolean parts = false;
        boolean partAgrees = false;
        for (Comparison c : comparisons) {
            if (c.field() == MatchField.ID && (c.level().equals("EXACT") || c.level().equals("EXACT_INVALID"))) {
                return true; // a personal number, not a household attribute: it tells relatives apart
            }
        }
        for (Comparison c : comparisons) {
            switch (c.field()) {
                case NAME -> {
                    return c.level().equals("EXACT") || c.level().equals("SOUNDS_ALIKE");
                }
                case GIVEN_NAME, SURNAME -> {
                    parts = true;
                    partAgrees |= !c.isMissing() && !c.level().equals("DIFFERENT");
                }
                default -> {
                }
            }
        }
        return parts && partAgrees;
    }

    /** The decision a total weight gets when no hard rule applies. */
    public MatchOutcome outcome(double totalWeight) {
        if (totalWeight >= model.upper()) {
            return MatchOutcome.MATCH;
        }
        return totalWeight >= model.lower() ? MatchOutcome.POSSIBLE_MATCH : MatchOutcome.NON_MATCH;
    }
}
