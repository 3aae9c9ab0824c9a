package org.ecifhub.customermaster.domain.matching;

import java.util.Arrays;

/**
 * String similarity measures used by the comparators. All work on UTF-16 chars, which is enough here: the names
 * and addresses compared are Latin or CJK characters of the Basic Multilingual Plane.
 */
final class Similarity {

    private Similarity() {
    }

    /**
     * Jaro–Winkler similarity in [0, 1] with the usual prefix scale 0.1 over at most 4 characters. Chosen for
     * names because it forgives a typo near the end more than one near the start, as people mistype names.
     */
    static double jaroWinkler(String a, String b) {
        double jaro = jaro(a, b);
        int prefix = 0;
        int max = Math.min(4, Math.min(a.length(), b.length()));
        while (prefix < max && a.charAt(prefix) == b.charAt(prefix)) {
            prefix++;
        }
        return jaro + prefix * 0.1 * (1 - jaro);
    }

    static double jaro(String a, String b) {
        int al = a.length();
        int bl = b.length();
        if (al == 0 && bl == 0) {
            return 1;
        }
        if (al == 0 || bl == 0) {
            return 0;
        }
        int range = Math.max(0, Math.max(al, bl) / 2 - 1);
        boolean[] aMatched = new boolean[al];
        boolean[] bMatched = new boolean[bl];
        int matches = 0;
        for (int i = 0; i < al; i++) {
            int from = Math.max(0, i - range);
            int to = Math.min(bl - 1, i + range);
            for (int j = from; j <= to; j++) {
                if (!bMatched[j] && a.charAt(i) == b.charAt(j)) {
                    aMatched[i] = true;
                    bMatched[j] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0;
        }
        int halfTranspositions = 0;
        int k = 0;
        for (int i = 0; i < al; i++) {
            if (aMatched[i]) {
                while (!bMatched[k]) {
                    k++;
                }
                if (a.charAt(i) != b.charAt(k)) {
                    halfTranspositions++;
                }
                k++;
            }
        }
        double m = matches;
        return (m / al + m / bl + (m - halfTranspositions / 2.0) / m) / 3;
    }

    /**
     * Whether {@code a} becomes {@code b} by at most one substitution, insertion, deletion or swap of two adjacent
     * characters: the typing errors a clerk makes in a number or a name (optimal string alignment distance ≤ 1).
     */
    static boolean withinOneEdit(String a, String b) {
        int al = a.length();
        int bl = b.length();
        if (Math.abs(al - bl) > 1) {
            return false;
        }
        int start = 0;
        while (start < al && start < bl && a.charAt(start) == b.charAt(start)) {
            start++;
        }
        if (start == al && start == bl) {
            return true;
        }
        if (al == bl) {
            // substitution at start, or swap of start and start + 1
            if (a.regionMatches(start + 1, b, start + 1, al - start - 1)) {
                return true;
            }
            return start + 1 < al && a.charAt(start) == b.charAt(start + 1) && a.charAt(start + 1) == b.charAt(start)
                    && a.regionMatches(start + 2, b, start + 2, al - start - 2);
        }
        // one insertion/deletion at start
        return al > bl
                ? a.regionMatches(start + 1, b, start, bl - start)
                : b.regionMatches(start + 1, a, start, al - start);
    }

    /**
     * Sørensen–Dice coefficient of the character bigrams of the two texts with blanks and punctuation removed.
     * Works the same on Chinese (character pairs) and Latin addresses, and, unlike a word-based measure, does
     * not collapse when a blank moves ("brentwoo dvlge") or two lines are swapped (only the bigrams across the
     * seam change).
     */
    static double bigramDice(String a, String b) {
        int[] x = bigrams(compactForm(a));
        int[] y = bigrams(compactForm(b));
        if (x.length == 0 || y.length == 0) {
            return x.length == y.length ? 1 : 0;
        }
        int common = 0;
        int i = 0;
        int j = 0;
        while (i < x.length && j < y.length) {
            if (x[i] == y[j]) {
                common++;
                i++;
                j++;
            } else if (x[i] < y[j]) {
                i++;
            } else {
                j++;
            }
        }
        return 2.0 * common / (x.length + y.length);
    }

    /**
     * Dice coefficient over words, where two words count as the same when equal or one typing error apart
     * (each word used once). Complements {@link #bigramDice}: a typo in every other word of an address lowers
     * the bigram overlap a lot but leaves every word recognisable.
     */
    static double fuzzyWordDice(String a, String b) {
        String[] x = words(a);
        String[] y = words(b);
        if (x.length == 0 || y.length == 0) {
            return x.length == y.length ? 1 : 0;
        }
        boolean[] used = new boolean[y.length];
        int same = 0;
        for (String word : x) {
            for (int j = 0; j < y.length; j++) {
                if (!used[j] && (word.equals(y[j]) || word.length() > 3 && withinOneEdit(word, y[j]))) {
                    used[j] = true;
                    same++;
                    break;
                }
            }
        }
        return 2.0 * same / (x.length + y.length);
    }

    private static String[] words(String s) {
        return Arrays.stream(s.toUpperCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> !w.isEmpty()).toArray(String[]::new);
    }

    /** Upper case, only letters and digits kept: the form texts are compared in when layout does not matter. */
    static String compactForm(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().filter(Character::isLetterOrDigit).map(Character::toUpperCase).forEach(out::appendCodePoint);
        return out.toString();
    }

    /** Sorted bigram codes; a one-character text counts as one "bigram" so that it can still be compared. */
    private static int[] bigrams(String s) {
        if (s.length() < 2) {
            return s.isEmpty() ? new int[0] : new int[] {s.charAt(0)};
        }
        int[] grams = new int[s.length() - 1];
        for (int i = 0; i < grams.length; i++) {
            grams[i] = s.charAt(i) << 16 | s.charAt(i + 1);
        }
        Arrays.sort(grams);
        return grams;
    }
}
