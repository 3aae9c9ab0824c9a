package org.ecifhub.customermaster.domain.matching;

import java.util.Optional;

/**
 * What no weight of evidence can override. Twins share birth date, address, household phone and often the
 * generation character of their given name: the probabilistic evidence for them is overwhelming, and wrong.
 * Only a checked id tells them apart, so two different valid ids of a checked type (resident id, USCC) are two
 * parties, full stop. An id type without a check character (passport, "other") is evidence, not proof: a typo
 * in it must not block a match, so it is left to the {@link MatchField#ID} comparator.
 */
public final class HardRules {

    private HardRules() {
    }

    /** The reason the two records can never be one party, or empty when the matcher may weigh them. */
    public static Optional<String> violation(MatchRecord a, MatchRecord b) {
        if (a.type() != b.type()) {
            return Optional.of("party types differ: " + a.type() + " and " + b.type());
        }
        if (differentVerifiedIds(a, b)) {
            return Optional.of("different valid " + a.idType() + " numbers " + mask(a.idNumber()) + " and "
                    + mask(b.idNumber()));
        }
        return Optional.empty();
    }

    /** Both carry a valid id of the same checked type, and the numbers differ. */
    public static boolean differentVerifiedIds(MatchRecord a, MatchRecord b) {
        return a.hasVerifiedId() && b.hasVerifiedId() && a.idType().equals(b.idType())
                && !a.idNumber().equals(b.idNumber());
    }

    /**
     * An id number with its middle hidden ("431381********123X"): enough for a steward to tell two ids apart in
     * an explanation without the explanation spreading whole id numbers.
     */
    static String mask(String id) {
        if (id.length() <= 10) {
            return id.charAt(0) + "*".repeat(id.length() - 1);
        }
        return id.substring(0, 6) + "*".repeat(id.length() - 10) + id.substring(id.length() - 4);
    }
}
