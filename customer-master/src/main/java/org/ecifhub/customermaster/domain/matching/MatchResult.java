package org.ecifhub.customermaster.domain.matching;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A matching decision with everything needed to explain it: each comparator's level and weight, the total, the
 * thresholds and model version it was judged by, and the hard rule that blocked it, if one did. Stored with a
 * merge or a stewardship task, it lets anyone see later why two records were (or were not) put together.
 *
 * @param leftId the first record's {@link MatchRecord#recordId()}
 * @param rightId the second record's
 * @param totalWeight the sum of the scores' weights (also computed for a blocked pair, to show what the rule
 *                    overrode)
 * @param reason why the outcome is not what the total alone says: the hard rule that blocked the pair
 *               (BLOCKED_BY_RULE), or why a total above {@code upper} still needs a steward (POSSIBLE_MATCH);
 *               null otherwise
 */
public record MatchResult(
        String leftId,
        String rightId,
        MatchOutcome outcome,
        double totalWeight,
        double upper,
        double lower,
        String modelVersion,
        List<FieldScore> scores,
        String reason) {

    public MatchResult {
        Objects.requireNonNull(outcome, "outcome");
        scores = List.copyOf(scores);
        if (outcome == MatchOutcome.BLOCKED_BY_RULE && reason == null) {
            throw new IllegalArgumentException("BLOCKED_BY_RULE needs the rule's reason");
        }
    }

    /** The score of one comparator, or null when it did not apply to the pair. */
    public FieldScore score(MatchField field) {
        return scores.stream().filter(s -> s.field() == field).findFirst().orElse(null);
    }

    /** A few lines for people: outcome, total against thresholds, then one line per comparator. */
    public String explain() {
        StringBuilder out = new StringBuilder();
        out.append(outcome);
        if (reason != null) {
            out.append(" (").append(reason).append(')');
        }
        out.append(String.format(Locale.ROOT, ": total %.2f, match at >= %.2f, review at >= %.2f, model %s%n",
                totalWeight, upper, lower, modelVersion));
        for (FieldScore s : scores) {
            out.append(String.format(Locale.ROOT, "  %-10s %-18s %+7.2f  %s%n", s.field(), s.level(), s.weight(),
                    s.detail()));
        }
        return out.toString();
    }
}
