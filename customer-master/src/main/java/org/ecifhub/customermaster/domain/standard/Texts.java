package org.ecifhub.customermaster.domain.standard;

import java.text.Normalizer;
import java.util.function.IntPredicate;

/** Text clean-up shared by the standardisers. */
final class Texts {

    private Texts() {
    }

    /**
     * Unicode NFKC: full-width ASCII (digits, letters, brackets, ideographic space U+3000) becomes plain ASCII, as
     * Chinese input methods in full-width mode produce it.
     */
    static String nfkc(String s) {
        return s == null ? null : Normalizer.normalize(s, Normalizer.Form.NFKC);
    }

    static boolean isBlank(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    /** Zero-width spaces, byte-order marks and control characters pasted in from other systems. */
    static boolean isInvisible(int cp) {
        int type = Character.getType(cp);
        return (type == Character.FORMAT || type == Character.CONTROL) && !isBlank(cp);
    }

    static boolean isHan(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }

    static boolean containsHan(String s) {
        return s != null && s.codePoints().anyMatch(Texts::isHan);
    }

    static boolean isDash(int cp) {
        return Character.getType(cp) == Character.DASH_PUNCTUATION;
    }

    /**
     * NFKC, invisible characters dropped, and blanks tidied: a run of blanks next to a Chinese character is
     * removed (Chinese is written without spaces, so such a blank is noise: "张　伟", "冷水江市 布溪街道"), any other
     * run becomes one space ("Zhang  Wei" keeps a space). Leading and trailing blanks go.
     *
     * @return the tidied text, or null when nothing is left
     */
    static String normaliseText(String raw) {
        if (raw == null) {
            return null;
        }
        int[] cps = nfkc(raw).codePoints().filter(cp -> !isInvisible(cp)).toArray();
        StringBuilder out = new StringBuilder(cps.length);
        int i = 0;
        while (i < cps.length) {
            if (!isBlank(cps[i])) {
                out.appendCodePoint(cps[i++]);
                continue;
            }
            int end = i;
            while (end < cps.length && isBlank(cps[end])) {
                end++;
            }
            boolean inside = i > 0 && end < cps.length;
            if (inside && !isHan(cps[i - 1]) && !isHan(cps[end])) {
                out.append(' ');
            }
            i = end;
        }
        return out.isEmpty() ? null : out.toString();
    }

    /**
     * NFKC, then every blank, invisible character and character matching {@code drop} removed, and upper case:
     * the compact form of codes and numbers.
     *
     * @return the compact text, or null when nothing is left
     */
    static String compact(String raw, IntPredicate drop) {
        if (raw == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(raw.length());
        nfkc(raw).codePoints()
                .filter(cp -> !isBlank(cp) && !isInvisible(cp) && !drop.test(cp))
                .map(Character::toUpperCase)
                .forEach(out::appendCodePoint);
        return out.isEmpty() ? null : out.toString();
    }

    static boolean allDigits(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
