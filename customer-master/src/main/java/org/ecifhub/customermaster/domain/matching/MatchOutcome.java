package org.ecifhub.customermaster.domain.matching;

/** What the hub does with a pair of records. */
public enum MatchOutcome {
    /** Total weight at or above the model's {@code upper} threshold: merged automatically. */
    MATCH,
    /** Between {@code lower} (inclusive) and {@code upper}: a data steward decides. */
    POSSIBLE_MATCH,
    /** Below {@code lower}: a different party. */
    NON_MATCH,
    /** A {@link HardRules hard rule} forbids the match whatever the weight (e.g. two different valid ids). */
    BLOCKED_BY_RULE
}
