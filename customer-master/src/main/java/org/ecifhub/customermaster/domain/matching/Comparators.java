package org.ecifhub.customermaster.domain.matching;

import org.apache.commons.codec.language.DoubleMetaphone;
import org.ecifhub.customermaster.domain.PartyType;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The comparators: each turns the two values of one attribute into an agreement level of {@link MatchField}.
 * They are deliberately coarse (a handful of levels, not a raw similarity): a level's weight is then a
 * likelihood ratio that can be estimated, read and argued about, which a continuous score cannot.
 */
public final class Comparators {

    /** Latin phonetic codes; the encoder is stateless once configured, so one instance serves all threads. */
    private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();
    private static final DateTimeFormatter DIGITS = DateTimeFormatter.BASIC_ISO_DATE;

    /** Jaro–Winkler from which two whole Latin names count as SIMILAR. */
    static final double NAME_SIMILAR = 0.90;
    /** Jaro–Winkler from which two Latin given names or surnames count as SIMILAR. */
    static final double NAME_PART_SIMILAR = 0.85;
    /** Bigram Dice from which two long (organisation) names in Chinese count as SIMILAR. */
    static final double LONG_NAME_SIMILAR = 0.80;
    /** Similarity (bigram or fuzzy-word Dice, the higher) from which two addresses count as VERY_SIMILAR, … */
    static final double ADDRESS_VERY_SIMILAR = 0.90;
    static final double ADDRESS_SIMILAR = 0.75;
    static final double ADDRESS_PARTIAL = 0.50;

    private Comparators() {
    }

    /**
     * Every comparator that applies to the pair: given name and surname separately when both records keep them
     * apart, the whole name otherwise; birth date and gender for persons only.
     */
    public static List<Comparison> compareAll(MatchRecord a, MatchRecord b) {
        List<Comparison> all = new ArrayList<>(8);
        if (a.hasNameParts() && b.hasNameParts()) {
            all.addAll(nameParts(a, b));
        } else {
            all.add(name(a.nameKey(), b.nameKey()));
        }
        if (a.type() == PartyType.PERSON && b.type() == PartyType.PERSON) {
            all.add(birthDate(a.birthDate(), b.birthDate()));
            all.add(gender(a.gender(), b.gender()));
        }
        all.add(phone(a.phone(), b.phone()));
        all.add(address(a.address(), b.address()));
        all.add(id(a, b));
        return all;
    }

    // ---------------------------------------------------------------- names

    /** Whole names, by their match keys. */
    public static Comparison name(String a, String b) {
        if (a == null || b == null) {
            return Comparison.missing(MatchField.NAME, absent("no name", a, b));
        }
        if (a.equals(b)) {
            return level(MatchField.NAME, "EXACT", "same name");
        }
        boolean hanA = Pinyin.containsHan(a);
        boolean hanB = Pinyin.containsHan(b);
        if (hanA != hanB) {
            return romanised(hanA ? a : b, hanA ? b : a);
        }
        return hanA ? chineseName(a, b) : latinName(a, b);
    }

    /**
     * A Chinese name against a Latin one: the same name when the Latin one is its pinyin ("ZHANG WEI" on a
     * card or passport, in Chinese or Western order: "WEI ZHANG"), otherwise different.
     */
    private static Comparison romanised(String han, String latin) {
        String letters = Similarity.compactForm(latin).toLowerCase(Locale.ROOT);
        boolean same = letters.equals(Pinyin.key(han));
        for (int surname = 1; surname <= 2 && !same && surname < han.length(); surname++) {
            same = letters.equals(Pinyin.key(han.substring(surname)) + Pinyin.key(han.substring(0, surname)));
        }
        return same
                ? level(MatchField.NAME, "SOUNDS_ALIKE", "the Latin name is the pinyin of the Chinese one")
                : level(MatchField.NAME, "DIFFERENT", "a Chinese and a Latin name that is not its pinyin");
    }

    private static Comparison chineseName(String a, String b) {
        if (a.length() == b.length()) {
            boolean alike = true;
            boolean fuzzy = true;
            for (int i = 0; i < a.length() && fuzzy; i++) {
                alike &= Pinyin.soundAlike(a.charAt(i), b.charAt(i));
                fuzzy &= Pinyin.soundAlikeFuzzy(a.charAt(i), b.charAt(i));
            }
            if (alike) {
                return level(MatchField.NAME, "SOUNDS_ALIKE", "same pinyin " + Pinyin.key(a) + "/" + Pinyin.key(b));
            }
            if (fuzzy) {
                return level(MatchField.NAME, "SIMILAR", "alike in fuzzy pinyin " + Pinyin.key(a) + "/"
                        + Pinyin.key(b));
            }
        }
        // Two-character names one character apart are mostly two relatives (张伟/张强), not a typo.
        if (Math.max(a.length(), b.length()) >= 3 && Similarity.withinOneEdit(a, b)) {
            return level(MatchField.NAME, "SIMILAR", "one character differs");
        }
        if (Math.min(a.length(), b.length()) >= 6) {
            double dice = Similarity.bigramDice(a, b);
            if (dice >= LONG_NAME_SIMILAR) {
                return level(MatchField.NAME, "SIMILAR", "character pairs shared " + round(dice));
            }
        }
        return level(MatchField.NAME, "DIFFERENT", "different names");
    }

    private static Comparison latinName(String a, String b) {
        String[] x = words(a);
        String[] y = words(b);
        if (Arrays.equals(sorted(x), sorted(y))) {
            return level(MatchField.NAME, "SOUNDS_ALIKE", "same words in another order");
        }
        if (x.length == y.length && Arrays.equals(sorted(metaphones(x)), sorted(metaphones(y)))) {
            return level(MatchField.NAME, "SOUNDS_ALIKE", "same Double Metaphone codes");
        }
        double jw = Math.max(Similarity.jaroWinkler(a, b),
                Similarity.jaroWinkler(String.join(" ", sorted(x)), String.join(" ", sorted(y))));
        if (jw >= NAME_SIMILAR) {
            return level(MatchField.NAME, "SIMILAR", "Jaro-Winkler " + round(jw));
        }
        return level(MatchField.NAME, "DIFFERENT", "Jaro-Winkler " + round(jw));
    }

    /**
     * Given name and surname, compared straight or crosswise, whichever alignment explains the pair better:
     * sources swap the two fields, and a record with only one of them may have it in the wrong field.
     */
    public static List<Comparison> nameParts(MatchRecord a, MatchRecord b) {
        String ga = latinPart(a.givenName());
        String sa = latinPart(a.surname());
        String gb = latinPart(b.givenName());
        String sb = latinPart(b.surname());
        double straight = partSimilarity(ga, gb) + partSimilarity(sa, sb);
        double crosswise = partSimilarity(ga, sb) + partSimilarity(sa, gb);
        boolean swapped = crosswise > straight
                && (isCloseMatch(ga, sb) || isCloseMatch(sa, gb));
        if (swapped) {
            String note = "; given name and surname swapped";
            return List.of(namePart(MatchField.GIVEN_NAME, ga, sb, note), namePart(MatchField.SURNAME, sa, gb, note));
        }
        return List.of(namePart(MatchField.GIVEN_NAME, ga, gb, ""), namePart(MatchField.SURNAME, sa, sb, ""));
    }

    private static Comparison namePart(MatchField field, String a, String b, String note) {
        if (a == null || b == null) {
            return Comparison.missing(field, absent("none", a, b) + note);
        }
        if (a.equals(b)) {
            return level(field, "EXACT", "same" + note);
        }
        if (Similarity.withinOneEdit(a, b)) {
            return level(field, "ONE_EDIT", "one typing error" + note);
        }
        if (samePhonetic(a, b)) {
            return level(field, "PHONETIC", "same Double Metaphone code " + METAPHONE.doubleMetaphone(a) + note);
        }
        double jw = Similarity.jaroWinkler(a, b);
        return level(field, jw >= NAME_PART_SIMILAR ? "SIMILAR" : "DIFFERENT", "Jaro-Winkler " + round(jw) + note);
    }

    private static double partSimilarity(String a, String b) {
        return a == null || b == null ? 0 : Similarity.jaroWinkler(a, b);
    }

    private static boolean isCloseMatch(String a, String b) {
        return a != null && b != null && (a.equals(b) || Similarity.withinOneEdit(a, b));
    }

    private static boolean samePhonetic(String a, String b) {
        String pa = METAPHONE.doubleMetaphone(a);
        String pb = METAPHONE.doubleMetaphone(b);
        if (pa == null || pb == null || pa.isEmpty()) {
            return false;
        }
        String aa = METAPHONE.doubleMetaphone(a, true);
        String ab = METAPHONE.doubleMetaphone(b, true);
        return pa.equals(pb) || pa.equals(ab) || aa.equals(pb) || aa.equals(ab);
    }

    /** Upper-case letters only ("O'Brien" → "OBRIEN"), or null when none are left. */
    static String latinPart(String part) {
        if (part == null) {
            return null;
        }
        String letters = Similarity.compactForm(part);
        return letters.isEmpty() ? null : letters;
    }

    private static String[] words(String name) {
        return Arrays.stream(name.toUpperCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isEmpty()).toArray(String[]::new);
    }

    private static String[] metaphones(String[] words) {
        return Arrays.stream(words).map(METAPHONE::doubleMetaphone).map(Objects::toString).toArray(String[]::new);
    }

    private static String[] sorted(String[] words) {
        String[] copy = words.clone();
        Arrays.sort(copy);
        return copy;
    }

    /** The primary Double Metaphone code of a Latin word, or null when it has none. */
    static String metaphone(String word) {
        String letters = latinPart(word);
        if (letters == null) {
            return null;
        }
        String code = METAPHONE.doubleMetaphone(letters);
        return code == null || code.isEmpty() ? null : code;
    }

    // ---------------------------------------------------------------- other attributes

    public static Comparison birthDate(LocalDate a, LocalDate b) {
        if (a == null || b == null) {
            return Comparison.missing(MatchField.BIRTH_DATE, absent("no birth date", a, b));
        }
        if (a.equals(b)) {
            return level(MatchField.BIRTH_DATE, "EXACT", "same date");
        }
        if (a.getYear() == b.getYear() && a.getMonthValue() == b.getDayOfMonth()
                && a.getDayOfMonth() == b.getMonthValue()) {
            return level(MatchField.BIRTH_DATE, "DAY_MONTH_SWAPPED", "day and month swapped");
        }
        if (Similarity.withinOneEdit(a.format(DIGITS), b.format(DIGITS))) {
            return level(MatchField.BIRTH_DATE, "ONE_DIGIT", a.format(DIGITS) + "/" + b.format(DIGITS));
        }
        if (a.getYear() == b.getYear()) {
            return level(MatchField.BIRTH_DATE, "SAME_YEAR", "same year " + a.getYear());
        }
        return level(MatchField.BIRTH_DATE, "DIFFERENT", "different dates");
    }

    public static Comparison gender(String a, String b) {
        if (!isGenderCode(a) || !isGenderCode(b)) {
            return Comparison.missing(MatchField.GENDER, "gender not known on both sides");
        }
        return a.equals(b)
                ? level(MatchField.GENDER, "AGREE", a)
                : level(MatchField.GENDER, "DISAGREE", a + "/" + b);
    }

    private static boolean isGenderCode(String g) {
        return "M".equals(g) || "F".equals(g);
    }

    public static Comparison phone(String a, String b) {
        if (a == null || b == null) {
            return Comparison.missing(MatchField.PHONE, absent("no phone", a, b));
        }
        if (a.equals(b)) {
            return level(MatchField.PHONE, "EXACT", "same number");
        }
        // A landline with and without its area code, or under two area codes; two mobiles that share their
        // last 8 digits are two subscribers.
        int tail = Math.min(8, Math.min(a.length(), b.length()));
        boolean mobiles = isMobile(a) && isMobile(b);
        if (tail >= 7 && !mobiles && a.regionMatches(a.length() - tail, b, b.length() - tail, tail)) {
            return level(MatchField.PHONE, "LAST_8", "last " + tail + " digits agree");
        }
        if (isMobile(a) && isLandline(b) || isLandline(a) && isMobile(b)) {
            return level(MatchField.PHONE, "MOBILE_VS_LANDLINE", "a mobile and a landline");
        }
        return level(MatchField.PHONE, "DIFFERENT", "different numbers");
    }

    static boolean isMobile(String phone) {
        return phone.length() == 11 && phone.charAt(0) == '1';
    }

    static boolean isLandline(String phone) {
        return phone.length() >= 10 && phone.charAt(0) == '0';
    }

    /**
     * Addresses by character-bigram Dice similarity of their compact forms (letters and digits only): the same
     * measure suits Chinese addresses ("…人民路12号") and Latin ones with moved blanks or swapped lines. For
     * Latin addresses the word-level Dice with one typo allowed per word counts too, when higher. A Chinese
     * address whose numbers (village group, house, building, room) differ is at best PARTIAL: the rest of it is
     * shared by the whole village or street, so a high similarity would only say "neighbour".
     */
    public static Comparison address(String a, String b) {
        if (a == null || b == null) {
            return Comparison.missing(MatchField.ADDRESS, absent("no address", a, b));
        }
        String x = Similarity.compactForm(a);
        String y = Similarity.compactForm(b);
        if (x.equals(y)) {
            return level(MatchField.ADDRESS, "EXACT", "same address");
        }
        boolean chinese = Pinyin.containsHan(x) || Pinyin.containsHan(y);
        double dice = chinese
                ? Similarity.bigramDice(x, y) // written without blanks: no words to compare
                : Math.max(Similarity.bigramDice(x, y), Similarity.fuzzyWordDice(a, b));
        String detail = "character pairs shared " + round(dice);
        if (chinese && !numbers(x).equals(numbers(y))) {
            // 东塘村3组15号 and 东塘村3组16号 are neighbours: the text is the village's, the numbers are the house's.
            return level(MatchField.ADDRESS, dice >= ADDRESS_PARTIAL ? "PARTIAL" : "DIFFERENT",
                    detail + ", numbers differ");
        }
        if (dice >= ADDRESS_VERY_SIMILAR) {
            return level(MatchField.ADDRESS, "VERY_SIMILAR", detail);
        }
        if (dice >= ADDRESS_SIMILAR) {
            return level(MatchField.ADDRESS, "SIMILAR", detail);
        }
        return level(MatchField.ADDRESS, dice >= ADDRESS_PARTIAL ? "PARTIAL" : "DIFFERENT", detail);
    }

    /** The runs of digits in a text, in order ("3组15号" → [3, 15]). */
    private static List<String> numbers(String text) {
        List<String> runs = new ArrayList<>(4);
        int i = 0;
        while (i < text.length()) {
            if (Character.isDigit(text.charAt(i))) {
                int start = i;
                while (i < text.length() && Character.isDigit(text.charAt(i))) {
                    i++;
                }
                runs.add(text.substring(start, i));
            } else {
                i++;
            }
        }
        return runs;
    }

    /**
     * Id numbers of the same type. Two different valid checked ids never get here as evidence: the hard rule
     * blocks the pair first (see {@link HardRules}).
     */
    public static Comparison id(MatchRecord a, MatchRecord b) {
        if (a.idNumber() == null || b.idNumber() == null) {
            return Comparison.missing(MatchField.ID, absent("no id number", a.idNumber(), b.idNumber()));
        }
        if (!Objects.equals(a.idType(), b.idType())) {
            return Comparison.missing(MatchField.ID, "different id types " + a.idType() + "/" + b.idType());
        }
        boolean bothValid = a.idValid() && b.idValid();
        if (a.idNumber().equals(b.idNumber())) {
            return bothValid
                    ? level(MatchField.ID, "EXACT", "same " + a.idType())
                    : level(MatchField.ID, "EXACT_INVALID", "same " + a.idType() + ", flagged invalid");
        }
        if (Similarity.withinOneEdit(a.idNumber(), b.idNumber())) {
            return level(MatchField.ID, "ONE_EDIT", a.idType() + " one typing error apart");
        }
        if (a.hasCheckedIdType() && !bothValid) {
            return level(MatchField.ID, "DIFFERENT_INVALID", "different " + a.idType() + ", one flagged invalid");
        }
        return level(MatchField.ID, "DIFFERENT", "different " + a.idType());
    }

    // ---------------------------------------------------------------- helpers

    private static Comparison level(MatchField field, String level, String detail) {
        return new Comparison(field, level, detail);
    }

    private static String absent(String what, Object a, Object b) {
        return what + (a == null && b == null ? " on either record" : a == null ? " on the first record"
                : " on the second record");
    }

    private static String round(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }
}
