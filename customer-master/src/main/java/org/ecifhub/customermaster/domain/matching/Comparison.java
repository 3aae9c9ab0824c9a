package org.ecifhub.customermaster.domain.matching;

import java.util.Objects;

/**
 * What one comparator found about a pair of records, before weighing.
 *
 * @param level one of {@code field.levels()} or {@link MatchField#MISSING}
 * @param detail what exactly was seen, for the people reviewing the decision ("same pinyin zhang wei",
 *               "given name and surname swapped", "Jaro-Winkler 0.93")
 */
public record Comparison(MatchField field, String level, String detail) {

    public Comparison {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(level, "level");
        if (!level.equals(MatchField.MISSING) && !field.levels().contains(level)) {
            throw new IllegalArgumentException(field + " has no level " + level);
        }
        detail = detail == null ? "" : detail;
    }

    static Comparison missing(MatchField field, String detail) {
        return new Comparison(field, MatchField.MISSING, detail);
    }

    public boolean isMissing() {
        return level.equals(MatchField.MISSING);
    }
}
