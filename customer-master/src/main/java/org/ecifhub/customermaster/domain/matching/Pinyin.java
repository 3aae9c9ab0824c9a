package org.ecifhub.customermaster.domain.matching;

import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pronunciation of Chinese characters, for names that sound the same but are written differently. When a name
 * is keyed in again from what the customer says, the clerk's input method offers every character with that
 * sound, and 伟/玮, 丽/莉 get mixed up; the pinyin, not the character, is what both clerks heard.
 *
 * <p>Tones are ignored (input methods ignore them too). Polyphonic characters (曾 céng/zēng, 单 dān/shàn) have
 * several readings; two characters "sound alike" when they share any reading, as the clerk could have typed
 * either. {@link #key} uses the first reading only, which is stable per character and therefore good enough
 * for a blocking key.
 */
final class Pinyin {

    private static final HanyuPinyinOutputFormat FORMAT = new HanyuPinyinOutputFormat();

    static {
        FORMAT.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
        FORMAT.setVCharType(HanyuPinyinVCharType.WITH_V);
        FORMAT.setCaseType(HanyuPinyinCaseType.LOWERCASE);
    }

    /** pinyin4j parses its table on every call; names repeat the same few thousand characters. */
    private static final Map<Character, List<String>> READINGS = new ConcurrentHashMap<>();

    private Pinyin() {
    }

    /** Toneless readings of a Chinese character, most common first; empty for anything else. */
    static List<String> readings(char c) {
        if (!isHan(c)) {
            return List.of();
        }
        return READINGS.computeIfAbsent(c, Pinyin::lookUp);
    }

    private static List<String> lookUp(char c) {
        try {
            String[] all = PinyinHelper.toHanyuPinyinStringArray(c, FORMAT);
            if (all == null) {
                return List.of();
            }
            Set<String> distinct = new LinkedHashSet<>(List.of(all)); // 华 has three tones, one toneless reading
            return List.copyOf(distinct);
        } catch (BadHanyuPinyinOutputFormatCombination e) {
            throw new IllegalStateException("pinyin output format rejected: " + e.getMessage(), e);
        }
    }

    static boolean isHan(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }

    static boolean containsHan(String s) {
        return s != null && s.codePoints().anyMatch(Pinyin::isHan);
    }

    /**
     * The text in pinyin, first reading of each character, syllables separated by nothing ("张伟" → "zhangwei");
     * letters and digits are kept in lower case, a character without a known reading is kept as it is.
     */
    static String key(String text) {
        StringBuilder out = new StringBuilder(text.length() * 4);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            List<String> readings = readings(c);
            if (!readings.isEmpty()) {
                out.append(readings.get(0));
            } else if (Character.isLetterOrDigit(c)) {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }

    /** The first letter of each character's first reading ("张伟" → "zw"); other letters and digits as they are. */
    static String initials(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            List<String> readings = readings(c);
            if (!readings.isEmpty()) {
                out.append(readings.get(0).charAt(0));
            } else if (Character.isLetterOrDigit(c)) {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** Whether two characters are the same, or Chinese characters sharing a reading. */
    static boolean soundAlike(char a, char b) {
        if (a == b) {
            return true;
        }
        List<String> x = readings(a);
        List<String> y = readings(b);
        for (String reading : x) {
            if (y.contains(reading)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether two characters sound alike to a speaker who does not separate the pairs the "fuzzy pinyin" (模糊音)
     * option of input methods merges: z/zh, c/ch, s/sh, l/n, f/h (common in Hunan dialects) and the finals
     * an/ang, en/eng, in/ing. Weaker evidence than {@link #soundAlike}: it also pairs different surnames (刘/牛).
     */
    static boolean soundAlikeFuzzy(char a, char b) {
        if (soundAlike(a, b)) {
            return true;
        }
        List<String> x = readings(a);
        List<String> y = readings(b);
        for (String r : x) {
            String fr = fuzzy(r);
            for (String s : y) {
                if (fr.equals(fuzzy(s))) {
                    return true;
                }
            }
        }
        return false;
    }

    static String fuzzy(String reading) {
        String r = reading;
        if (r.startsWith("zh") || r.startsWith("ch") || r.startsWith("sh")) {
            r = r.charAt(0) + r.substring(2);
        } else if (r.startsWith("n")) {
            r = "l" + r.substring(1);
        } else if (r.startsWith("h")) {
            r = "f" + r.substring(1);
        }
        if (r.endsWith("ang") || r.endsWith("eng") || r.endsWith("ing")) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }
}
