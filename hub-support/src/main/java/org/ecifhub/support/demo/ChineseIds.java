package org.ecifhub.support.demo;

/**
 * Check characters and conversions of the Chinese identifiers the demo feeds carry.
 *
 * <ul>
 *   <li>Resident identity card number (居民身份证号码, GB 11643-1999): 6-digit region, 8-digit birth date,
 *       3-digit sequence (odd last digit = male), ISO 7064 MOD 11-2 check character.</li>
 *   <li>First-generation card number: the 15-digit form issued until 2004 (6-digit region, {@code yyMMdd},
 *       3-digit sequence, no check character). Old deposit records still carry it.</li>
 *   <li>Unified social credit code (统一社会信用代码, GB 32100-2015): registration authority, organisation
 *       category, 6-digit region, 9-character organisation code (GB 11714, itself with a check character) and a
 *       MOD 31 check character.</li>
 * </ul>
 *
 * <p>Public so that tests and benchmarks can check what the generator produced, and upgrade 15-digit numbers
 * the way the hub is expected to.
 */
public final class ChineseIds {

    private static final int[] RESIDENT_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String RESIDENT_CHECK_CHARS = "10X98765432";

    private static final int[] ORGANIZATION_CODE_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    /** The 31 characters of GB 32100: digits and upper-case letters without I, O, Z, S, V. */
    private static final String USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    /** Weight of position i is 3^i mod 31. */
    private static final int[] USCC_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private ChineseIds() {
    }

    /** The check character (0-9 or X) of an 18-digit resident id, given its first 17 digits. */
    public static char residentIdCheckChar(CharSequence first17) {
        requireDigits(first17, 17, "first 17 digits of a resident id");
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * RESIDENT_WEIGHTS[i];
        }
        return RESIDENT_CHECK_CHARS.charAt(sum % 11);
    }

    /** Whether {@code id} is 17 ASCII digits followed by the right check character (upper-case X only). */
    public static boolean isValidResidentId(String id) {
        return id != null && id.length() == 18 && allDigits(id, 17)
                && id.charAt(17) == residentIdCheckChar(id.subSequence(0, 17));
    }

    /** The 15-digit first-generation form of an 18-digit id of someone born in the 1900s. */
    public static String toFirstGeneration(String id18) {
        if (!isValidResidentId(id18) || !id18.startsWith("19", 6)) {
            throw new IllegalArgumentException("not a valid 18-digit id of someone born in the 1900s: " + id18);
        }
        return id18.substring(0, 6) + id18.substring(8, 17);
    }

    /**
     * The 18-digit form of a 15-digit first-generation id: first-generation cards were only issued to people
     * born in the 1900s, so the century is always "19"; the check character is computed.
     */
    public static String upgradeFirstGeneration(String id15) {
        requireDigits(id15, 15, "15-digit first-generation id");
        String first17 = id15.substring(0, 6) + "19" + id15.substring(6);
        return first17 + residentIdCheckChar(first17);
    }

    /** The check character of a GB 11714 organisation code, given its 8-character body (digits or A-Z). */
    public static char organizationCodeCheckChar(CharSequence body8) {
        if (body8 == null || body8.length() != 8) {
            throw new IllegalArgumentException("an organisation code body has 8 characters: " + body8);
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            int value = Character.digit(body8.charAt(i), 36);
            if (value < 0) {
                throw new IllegalArgumentException("not an organisation code character: " + body8);
            }
            sum += value * ORGANIZATION_CODE_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
    }

    /** The check character of a unified social credit code, given its first 17 characters. */
    public static char usccCheckChar(CharSequence first17) {
        if (first17 == null || first17.length() != 17) {
            throw new IllegalArgumentException("a USCC has 17 characters before its check character: " + first17);
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = USCC_CHARS.indexOf(first17.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("not a USCC character: '" + first17.charAt(i) + "' in " + first17);
            }
            sum += value * USCC_WEIGHTS[i];
        }
        return USCC_CHARS.charAt((31 - sum % 31) % 31);
    }

    /**
     * A unified social credit code whose embedded organisation code and whole code both carry correct check
     * characters.
     *
     * @param authority registration authority, e.g. '9' for market regulation (工商)
     * @param category organisation category, e.g. '1' company, '2' individual business, '3' farmers' cooperative
     * @param regionCode 6-digit administrative region
     * @param organizationBody the 8 digits of the organisation code before its check character
     */
    public static String uscc(char authority, char category, String regionCode, String organizationBody) {
        requireDigits(regionCode, 6, "region code");
        String first17 = "" + authority + category + regionCode + organizationBody
                + organizationCodeCheckChar(organizationBody);
        return first17 + usccCheckChar(first17);
    }

    /** Whether {@code code} is 18 USCC characters whose organisation code and own check characters are right. */
    public static boolean isValidUscc(String code) {
        if (code == null || code.length() != 18) {
            return false;
        }
        for (int i = 0; i < 18; i++) {
            if (USCC_CHARS.indexOf(code.charAt(i)) < 0) {
                return false;
            }
        }
        return code.charAt(16) == organizationCodeCheckChar(code.subSequence(8, 16))
                && code.charAt(17) == usccCheckChar(code.subSequence(0, 17));
    }

    private static void requireDigits(CharSequence s, int length, String what) {
        if (s == null || s.length() != length || !allDigits(s, length)) {
            throw new IllegalArgumentException("expected " + what + " (" + length + " ASCII digits): " + s);
        }
    }

    private static boolean allDigits(CharSequence s, int count) {
        for (int i = 0; i < count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
