package org.ecifhub.customermaster.domain.standard;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Addresses. Sources disagree on how much of the administrative hierarchy they write: "湖南省娄底市冷水江市布溪街道…",
 * "娄底市冷水江市布溪街道…" and "冷水江市布溪街道…" are the same place. The county-level unit (县, 区, county-level
 * 市, 旗) identifies the place uniquely enough, so the standard form starts there.
 *
 * <p>Deliberately conservative: without a gazetteer the parser cannot know every name, so when in doubt it keeps
 * the text. Not removing a prefix only costs a weaker address match; removing a wrong one would lose information.
 * What is done:
 * <ol>
 *   <li>NFKC (full-width digits and letters to ASCII), invisible characters dropped, blanks next to Chinese
 *       characters removed and other runs collapsed to one.</li>
 *   <li>A leading province ("湖南省") and/or prefecture-level unit ("娄底市", "…自治州", "…地区", "…盟") is
 *       dropped when a county-level unit follows directly. A county-level unit is a short name (no characters
 *       such as 镇, 乡, 村, 街, 路, 号) ending in 县, 区, 市, 旗 or 自治县/自治旗, that is not a common word with the
 *       same ending (小区, 开发区, 工业园区, 超市, 市场, …). A province's short name ("湖南") is only dropped together
 *       with a prefecture: "河南蒙古族自治县" is a county, not 河南 province. Without a gazetteer "娄底市" (prefecture)
 *       and "冷水江市" (county-level) look alike, so "湖南省娄底市" becomes "娄底市"; harmless, as city names are
 *       unique nationwide. District (区) names are not (鼓楼区 exists in several cities), which is acceptable for
 *       a bank whose customers live in one prefecture.</li>
 *   <li>Chinese numerals directly before 组 (village group) or 号 (number) become digits when they form a simple
 *       number: "三组" → "3组", "十五号" → "15号", "二十号" → "20号", "一〇二号" → "102号". Larger or unusual
 *       numerals ("一百零五号") are left alone.</li>
 * </ol>
 */
public final class Addresses {

    /** The 34 provincial-level divisions by full name ("湖南省", "广西壮族自治区"). */
    private static final Pattern PROVINCE;
    /**
     * Their short names ("湖南", "广西"). Only dropped together with a prefecture: "河南蒙古族自治县" is a county,
     * not 河南 province, and "吉林市" is a prefecture city, not 吉林 province.
     */
    private static final Pattern PROVINCE_SHORT;

    static {
        List<String> full = List.of("""
                北京市 天津市 上海市 重庆市 河北省 山西省 辽宁省 吉林省 黑龙江省 江苏省 浙江省 安徽省 福建省 江西省 山东省
                河南省 湖北省 湖南省 广东省 海南省 四川省 贵州省 云南省 陕西省 甘肃省 青海省 台湾省 内蒙古自治区
                广西壮族自治区 西藏自治区 宁夏回族自治区 新疆维吾尔自治区 香港特别行政区 澳门特别行政区"""
                .strip().split("\\s+"));
        PROVINCE = alternatives(full.stream());
        PROVINCE_SHORT = alternatives(full.stream()
                .map(name -> name.replaceFirst("(省|市|特别行政区|(壮族|回族|维吾尔)?自治区)$", "")));
    }

    /** Characters that mark a lower-level unit or a street address and so never occur in these names. */
    private static final String NOT_IN_NAME = "省市县区旗镇乡村街路巷弄号组栋幢楼层室单元场";
    private static final String NAME = "[\\p{IsHan}&&[^" + NOT_IN_NAME + "]]";
    private static final Pattern PREFECTURE = Pattern.compile(NAME + "{2,10}?(?:自治州|地区|盟|市)");
    private static final Pattern COUNTY = Pattern.compile("(" + NAME + "{1,10}?)(自治县|自治旗|县|区|市|旗)");

    /** Longest name (before the suffix) a county-level unit of each suffix may have; autonomous ones are long. */
    private static final Map<String, Integer> MAX_COUNTY_NAME = Map.of(
            "县", 4, "区", 3, "市", 4, "旗", 6, "自治县", 10, "自治旗", 10);
    /** Words ending like a county-level unit but naming something else: 小区, 开发区, 超市, 门市 … */
    private static final Set<Character> NOT_COUNTY_BEFORE_QU = chars("小社园校厂矿景片新发业宅活税理范验假院务公聚能");
    private static final Set<Character> NOT_COUNTY_BEFORE_SHI = chars("超门夜菜集花鱼肉果股");
    /** Characters that make the suffix part of another word: 市场 (market), 市民 (citizen), 区域 (area). */
    private static final Set<Character> NOT_COUNTY_AFTER = chars("场民域");

    private static final Pattern CHINESE_NUMBER =
            Pattern.compile("(?<![百千万两〇零一二三四五六七八九十])([〇零一二三四五六七八九十]+)(?=[组号])");
    private static final String DIGIT_CHARS = "〇一二三四五六七八九";

    private Addresses() {
    }

    /**
     * The standard form described in the class comment.
     *
     * @return the standard address, or null when nothing is left
     */
    public static String standardise(String raw) {
        String address = Texts.normaliseText(raw);
        if (address == null) {
            return null;
        }
        return arabicNumbers(address.substring(countyStart(address)));
    }

    /** Where the county-level unit starts after a leading province and/or prefecture; 0 when none is found. */
    private static int countyStart(String address) {
        int province = lengthOf(PROVINCE, address);
        int afterProvince = province > 0 ? province : lengthOf(PROVINCE_SHORT, address);
        int county = countyAfterPrefecture(address, afterProvince);
        if (county < 0 && afterProvince > 0) {
            county = countyAfterPrefecture(address, 0); // "吉林市船营区": 吉林 was the city, not the province
        }
        if (county >= 0) {
            return county;
        }
        return province > 0 && isCountyAt(address, province) ? province : 0;
    }

    /** The end of a prefecture at {@code from} that a county-level unit follows; -1 when there is none. */
    private static int countyAfterPrefecture(String address, int from) {
        Matcher prefecture = PREFECTURE.matcher(address).region(from, address.length());
        return prefecture.lookingAt() && isCountyAt(address, prefecture.end()) ? prefecture.end() : -1;
    }

    /** The length of the match of {@code pattern} at the start of {@code text}, 0 when there is none. */
    private static int lengthOf(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.lookingAt() ? m.end() : 0;
    }

    private static boolean isCountyAt(String address, int from) {
        Matcher county = COUNTY.matcher(address).region(from, address.length());
        if (!county.lookingAt()) {
            return false;
        }
        String name = county.group(1);
        String suffix = county.group(2);
        char last = name.charAt(name.length() - 1);
        boolean tooLong = name.length() > MAX_COUNTY_NAME.get(suffix);
        boolean tooShort = name.length() < 2 && !suffix.equals("县"); // 道县, 沙县: only counties have 1-char names
        boolean commonWord = suffix.equals("区") && NOT_COUNTY_BEFORE_QU.contains(last)
                || suffix.equals("市") && NOT_COUNTY_BEFORE_SHI.contains(last)
                || county.end() < address.length() && NOT_COUNTY_AFTER.contains(address.charAt(county.end()));
        return !tooLong && !tooShort && !commonWord;
    }

    private static String arabicNumbers(String address) {
        return CHINESE_NUMBER.matcher(address).replaceAll(m -> {
            String value = chineseNumber(m.group(1));
            return value == null ? m.group(1) : value;
        });
    }

    /** "三" → "3", "十五" → "15", "二十" → "20", "二十五" → "25", "一〇二" → "102"; null when not that simple. */
    static String chineseNumber(String numeral) {
        String s = numeral.replace('零', '〇');
        int ten = s.indexOf('十');
        if (ten < 0) {
            StringBuilder digits = new StringBuilder(s.length());
            s.chars().forEach(c -> digits.append(DIGIT_CHARS.indexOf(c)));
            return digits.toString();
        }
        if (s.indexOf('十', ten + 1) >= 0 || ten > 1 || s.length() - ten > 2) {
            return null;
        }
        int tens = ten == 0 ? 1 : DIGIT_CHARS.indexOf(s.charAt(0));
        int units = ten == s.length() - 1 ? 0 : DIGIT_CHARS.indexOf(s.charAt(ten + 1));
        if (tens <= 0 || units < 0 || ten + 1 < s.length() && units == 0) {
            return null;
        }
        return Integer.toString(tens * 10 + units);
    }

    /** Longest first, so that "黑龙江省" is not cut after a shorter name. */
    private static Pattern alternatives(Stream<String> names) {
        return Pattern.compile(names.distinct().sorted(Comparator.comparingInt(String::length).reversed())
                .collect(Collectors.joining("|", "(?:", ")")));
    }

    private static Set<Character> chars(String s) {
        return s.chars().mapToObj(c -> (char) c).collect(Collectors.toUnmodifiableSet());
    }
}
