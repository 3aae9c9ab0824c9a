package org.ecifhub.customermaster.domain.standard;

import java.util.Locale;

/**
 * Person names. Chinese names are written without blanks, so every blank in them is noise (including the
 * ideographic space U+3000 that full-width input produces). Names of ethnic minorities (e.g. Uyghur
 * "阿不都·热合曼") separate their parts with a middle dot, typed as any of half a dozen look-alike characters;
 * the standard one is U+00B7 (·), as on resident identity cards.
 */
public final class PersonNames {

    /** The standard middle dot, U+00B7. */
    public static final char MIDDLE_DOT = '\u00B7';

    /**
     * Look-alikes of the middle dot after NFKC (which already turns U+0387 into U+00B7, half-width katakana
     * U+FF65 into U+30FB, and full-width U+FF0E, U+2024 and U+FE52 into '.'): full stop, bullet U+2022, hyphenation
     * point U+2027, bullet operator U+2219, dot operator U+22C5, katakana middle dot U+30FB, word separator middle
     * dot U+2E31.
     */
    private static final String DOT_VARIANTS = ".\u2022\u2027\u2219\u22C5\u30FB\u2E31" + MIDDLE_DOT;

    private PersonNames() {
    }

    /**
     * The display form: NFKC, trimmed; a name with Chinese characters loses all blanks next to them and has its
     * middle dots unified (repeated dots become one, a leading or trailing dot goes). A Latin name keeps its case,
     * its dots (as in "J. Smith") and one blank between words.
     *
     * @return the standard name, or null when nothing is left or no letter is left (".", "·" are not names)
     */
    public static String standardise(String raw) {
        String name = Texts.normaliseText(raw);
        if (name == null || name.codePoints().noneMatch(Character::isLetter)) {
            return null;
        }
        if (!Texts.containsHan(name)) {
            return name;
        }
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> {
            boolean dot = DOT_VARIANTS.indexOf(cp) >= 0;
            boolean afterDot = !out.isEmpty() && out.charAt(out.length() - 1) == MIDDLE_DOT;
            if (!dot) {
                out.appendCodePoint(cp);
            } else if (!out.isEmpty() && !afterDot) {
                out.append(MIDDLE_DOT);
            }
        });
        if (!out.isEmpty() && out.charAt(out.length() - 1) == MIDDLE_DOT) {
            out.setLength(out.length() - 1);
        }
        return out.isEmpty() ? null : out.toString();
    }

    /**
     * The form names are compared in: the standard form without middle dots (sources disagree on whether to write
     * it: "阿不都·热合曼" and "阿不都热合曼" are the same name), in upper case (for Latin names).
     *
     * @return the key, or null when there is no name
     */
    public static String matchKey(String raw) {
        String name = standardise(raw);
        if (name == null) {
            return null;
        }
        return name.replace(String.valueOf(MIDDLE_DOT), "").toUpperCase(Locale.ROOT);
    }
}
