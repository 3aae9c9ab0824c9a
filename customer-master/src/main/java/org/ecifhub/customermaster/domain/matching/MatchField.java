package org.ecifhub.customermaster.domain.matching;

import java.util.List;

/**
 * The comparators of the probabilistic matcher and the agreement levels each can report, best first. A level is
 * a plain string so that a {@link MatchModel} can be written down as data; {@link MatchModel} insists on a weight
 * for every level listed here.
 *
 * <p>A comparator whose value is missing on either side reports {@link #MISSING}, which weighs 0 in every model:
 * absence of a value is no evidence either way.
 */
public enum MatchField {

    /**
     * The whole name, used unless both records keep given name and surname apart. EXACT: same match key.
     * SOUNDS_ALIKE: Chinese names read the same in pinyin (张伟/张玮); Latin names with the same words in another
     * order or the same Double Metaphone codes. SIMILAR: Chinese names differing in one character only, or
     * sounding alike under fuzzy pinyin (z/zh, l/n, an/ang…); long (organisation) names sharing most character
     * pairs; Latin names with Jaro–Winkler ≥ 0.90.
     */
    NAME("EXACT", "SOUNDS_ALIKE", "SIMILAR", "DIFFERENT"),

    /**
     * A Latin given name, when both records keep it apart from the surname; compared crosswise with the surname
     * when given name and surname were swapped. ONE_EDIT: one typing error; PHONETIC: same Double Metaphone code;
     * SIMILAR: Jaro–Winkler ≥ 0.85.
     */
    GIVEN_NAME("EXACT", "ONE_EDIT", "PHONETIC", "SIMILAR", "DIFFERENT"),

    /** A Latin surname kept apart; the levels of {@link #GIVEN_NAME}. */
    SURNAME("EXACT", "ONE_EDIT", "PHONETIC", "SIMILAR", "DIFFERENT"),

    /**
     * Birth date. DAY_MONTH_SWAPPED: 03-07 for 07-03; ONE_DIGIT: one digit of yyyyMMdd wrong or two neighbours
     * swapped; SAME_YEAR: only the year agrees.
     */
    BIRTH_DATE("EXACT", "DAY_MONTH_SWAPPED", "ONE_DIGIT", "SAME_YEAR", "DIFFERENT"),

    /** "M"/"F" only. */
    GENDER("AGREE", "DISAGREE"),

    /**
     * Phone, national number. LAST_8: the last 8 digits agree, or all 7 of a local number without its area code
     * (a landline written with and without it);
     * MOBILE_VS_LANDLINE: one is a mobile, the other a landline, which says little (people have both).
     */
    PHONE("EXACT", "LAST_8", "MOBILE_VS_LANDLINE", "DIFFERENT"),

    /**
     * Address: similarity ≥ 0.90, ≥ 0.75, ≥ 0.50 (character-bigram Dice, or word Dice forgiving one typo per
     * word); a Chinese address whose numbers (组, 号, 栋, 室) differ is at best PARTIAL: that is the neighbour.
     * See {@link Comparators#address}.
     */
    ADDRESS("EXACT", "VERY_SIMILAR", "SIMILAR", "PARTIAL", "DIFFERENT"),

    /**
     * Id numbers of the same type, when the hard rule did not already decide (it blocks two different valid
     * checked ids). EXACT: same number, both valid or of a type without a check; EXACT_INVALID: same number
     * flagged invalid; ONE_EDIT: one typing error apart; DIFFERENT: different numbers of a type without a check
     * (passport renewed, typo-ridden copy); DIFFERENT_INVALID: different, one of them a checked id known to be
     * wrong.
     */
    ID("EXACT", "EXACT_INVALID", "ONE_EDIT", "DIFFERENT", "DIFFERENT_INVALID");

    /** The level of a comparator whose value is missing on at least one side; always weighs 0. */
    public static final String MISSING = "MISSING";

    private final List<String> levels;

    MatchField(String... levels) {
        this.levels = List.of(levels);
    }

    /** The levels this comparator reports besides {@link #MISSING}, best first. */
    public List<String> levels() {
        return levels;
    }
}
