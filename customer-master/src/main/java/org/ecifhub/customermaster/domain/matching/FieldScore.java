package org.ecifhub.customermaster.domain.matching;

/**
 * One comparator's contribution to a decision.
 *
 * @param level the agreement level, or {@link MatchField#MISSING}
 * @param weight the level's log2 likelihood ratio in the model used (0 for a missing value)
 * @param detail what the comparator saw
 */
public record FieldScore(MatchField field, String level, double weight, String detail) {
}
