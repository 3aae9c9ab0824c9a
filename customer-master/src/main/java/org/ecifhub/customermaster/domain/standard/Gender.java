package org.ecifhub.customermaster.domain.standard;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A person's gender as resident ids encode it. The standard code stored on the golden record is "M" or "F". */
public enum Gender {
    MALE("M"),
    FEMALE("F");

    /** Codes the feeds use: M/F, MALE/FEMALE, 男/女 (also 男性/女性), and GB/T 2261.1 numbers 1/2. */
    private static final Map<String, Gender> CODES = Map.of(
            "M", MALE, "MALE", MALE, "男", MALE, "男性", MALE, "1", MALE,
            "F", FEMALE, "FEMALE", FEMALE, "女", FEMALE, "女性", FEMALE, "2", FEMALE);

    /** Ways of saying "not known": GB/T 2261.1 codes 0 (未知) and 9 (未说明), and their words. */
    private static final Set<String> UNKNOWN = Set.of("0", "9", "U", "UNKNOWN", "未知", "未说明", "不详");

    private final String code;

    Gender(String code) {
        this.code = code;
    }

    /** "M" or "F". */
    public String code() {
        return code;
    }

    /** The gender a stated code means; empty when the code is missing, unknown or not understood. */
    public static Optional<Gender> parse(String raw) {
        String key = key(raw);
        return key == null ? Optional.empty() : Optional.ofNullable(CODES.get(key));
    }

    /** Whether {@code raw} says nothing: missing, blank, or an explicit "unknown" code. */
    static boolean statesNothing(String raw) {
        String key = key(raw);
        return key == null || UNKNOWN.contains(key);
    }

    private static String key(String raw) {
        String text = Texts.normaliseText(raw);
        return text == null ? null : text.replace(" ", "").toUpperCase(Locale.ROOT);
    }
}
