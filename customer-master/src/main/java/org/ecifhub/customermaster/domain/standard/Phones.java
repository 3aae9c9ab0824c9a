package org.ecifhub.customermaster.domain.standard;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mainland China phone numbers. Mobile: 11 digits starting 13-19. Landline: trunk prefix 0, area code (10 and 2x
 * are two digits with 8-digit local numbers; the rest are three digits with 7- or 8-digit local numbers), local
 * numbers never starting with 0 or 1. The standard form is the national number, digits only.
 *
 * <p>A number without its area code is invalid: supplying one would be a guess. Numbers of other countries are
 * invalid too: this hub serves mainland customers and does not validate foreign numbering plans.
 */
public final class Phones {

    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern LANDLINE = Pattern.compile("0(?:10|2\\d)[2-9]\\d{7}|0[3-9]\\d{2}[2-9]\\d{6,7}");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    /** "0738-5221234转801", "… 分机 801", "… ext. 801", "… x801", "… #801". */
    private static final Pattern WORDED_EXTENSION =
            Pattern.compile("(?i)(.*\\d)\\s*(?:转|分机|ext\\.?|x|#)\\s*(\\d{1,6})");
    private static final Pattern TRAILING_GROUP = Pattern.compile("(.*\\d)\\s*\\p{Pd}\\s*(\\d{1,6})");

    private Phones() {
    }

    /** Cleans and classifies a phone number; an invalid one is kept as cleaned, never corrected. */
    public static PhoneCheck standardise(String raw) {
        String text = Texts.normaliseText(raw);
        if (text == null) {
            return new PhoneCheck(null, PhoneType.MISSING, null,
                    List.of(QualityIssue.of(QualityIssue.PHONE, QualityFlag.MISSING_PHONE)));
        }
        Optional<PhoneCheck> whole = national(clean(text)).map(number -> number.check(null));
        if (whole.isPresent()) {
            return whole.get();
        }
        // Only a landline has an extension, and only when what is left is a landline is the tail one.
        for (Pattern extension : List.of(WORDED_EXTENSION, TRAILING_GROUP)) {
            Matcher m = extension.matcher(text);
            if (m.matches()) {
                Optional<PhoneCheck> landline = national(clean(m.group(1)))
                        .filter(number -> number.type() == PhoneType.LANDLINE)
                        .map(number -> number.check(m.group(2)));
                if (landline.isPresent()) {
                    return landline.get();
                }
            }
        }
        String cleaned = clean(text);
        return new PhoneCheck(cleaned, PhoneType.INVALID, null, List.of(new QualityIssue(QualityIssue.PHONE,
                QualityFlag.PHONE_INVALID, "'" + cleaned + "' is neither a mobile number nor a landline with area code")));
    }

    private record Number(String digits, PhoneType type) {

        PhoneCheck check(String extension) {
            return new PhoneCheck(digits, type, extension, List.of());
        }
    }

    /** Blanks, dashes and brackets are formatting: "+86 (0738) 522-1234". */
    private static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints()
                .filter(cp -> !Texts.isBlank(cp) && !Texts.isDash(cp) && cp != '(' && cp != ')')
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    /** The national number {@code cleaned} stands for, with or without +86, 0086 or 86 in front. */
    private static Optional<Number> national(String cleaned) {
        if (cleaned.startsWith("+")) {
            return cleaned.startsWith("+86") ? international(cleaned.substring(3)) : Optional.empty();
        }
        if (!DIGITS.matcher(cleaned).matches()) {
            return Optional.empty();
        }
        Optional<Number> asGiven = classify(cleaned);
        if (asGiven.isPresent()) {
            return asGiven;
        }
        // "86" alone is only taken for a country code when what follows is a whole number: never a guess.
        if (cleaned.startsWith("0086")) {
            return international(cleaned.substring(4));
        }
        return cleaned.startsWith("86") ? international(cleaned.substring(2)) : Optional.empty();
    }

    /**
     * What follows a country code. In international format a landline drops its trunk 0 ("+86 738 5221234",
     * "+86 10 62345678"), so it gets it back; some people write it anyway ("+86 0738 5221234").
     */
    private static Optional<Number> international(String rest) {
        if (!DIGITS.matcher(rest).matches()) {
            return Optional.empty();
        }
        Optional<Number> number = classify(rest);
        if (number.isEmpty() && rest.charAt(0) != '0') {
            number = classify("0" + rest).filter(n -> n.type() == PhoneType.LANDLINE);
        }
        return number;
    }

    private static Optional<Number> classify(String digits) {
        if (MOBILE.matcher(digits).matches()) {
            return Optional.of(new Number(digits, PhoneType.MOBILE));
        }
        if (LANDLINE.matcher(digits).matches()) {
            return Optional.of(new Number(digits, PhoneType.LANDLINE));
        }
        return Optional.empty();
    }
}
