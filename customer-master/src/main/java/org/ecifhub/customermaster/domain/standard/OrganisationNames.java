package org.ecifhub.customermaster.domain.standard;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Organisation names (企业名称).
 *
 * <p>Standard brackets: names containing Chinese characters use the full-width Chinese brackets "（" and "）",
 * as names are registered with the market regulator (e.g. "…（有限合伙）"); Latin-only names use ASCII "(" and ")".
 * Square and lenticular brackets ([ ] 【 】 〔 〕 〖 〗) are unified to the same round ones.
 */
public final class OrganisationNames {

    private static final String OPENING = "([【〔〖（";
    private static final String CLOSING = ")]】〕〗）";
    /**
     * A region in brackets in front of the name, "（冷水江）…" or "(娄底)…": registration practice lets firms put
     * it there or leave it out, so it does not tell two firms apart.
     */
    private static final Pattern LEADING_REGION = Pattern.compile("^（\\p{IsHan}{1,10}）");

    private OrganisationNames() {
    }

    /**
     * The display form: NFKC, blanks next to Chinese characters removed and other runs collapsed, brackets
     * unified (see the class comment).
     *
     * @return the standard name, or null when nothing is left
     */
    public static String standardise(String raw) {
        String name = Texts.normaliseText(raw);
        if (name == null) {
            return null;
        }
        boolean chinese = Texts.containsHan(name);
        char open = chinese ? '（' : '(';
        char close = chinese ? '）' : ')';
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            out.append(OPENING.indexOf(c) >= 0 ? open : CLOSING.indexOf(c) >= 0 ? close : c);
        }
        return out.toString();
    }

    /**
     * The form names are compared in: the standard form without a leading bracketed region, with "有限责任公司"
     * written "有限公司" (the same legal form, 有限责任公司, which firms name either way), without brackets
     * (keeping their content) and blanks, in upper case.
     *
     * @return the key, or null when the name is empty
     */
    public static String matchKey(String raw) {
        String name = standardise(raw);
        if (name == null) {
            return null;
        }
        String withoutRegion = LEADING_REGION.matcher(name).replaceFirst("");
        if (!withoutRegion.isEmpty()) {
            name = withoutRegion;
        }
        StringBuilder key = new StringBuilder(name.length());
        name.replace("有限责任公司", "有限公司").codePoints()
                .filter(cp -> cp != '（' && cp != '）' && cp != '(' && cp != ')' && cp != ' ')
                .map(Character::toUpperCase)
                .forEach(key::appendCodePoint);
        return key.isEmpty() ? null : key.toString();
    }
}
