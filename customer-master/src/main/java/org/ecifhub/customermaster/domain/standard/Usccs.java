package org.ecifhub.customermaster.domain.standard;

import java.util.ArrayList;
import java.util.List;

/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015): registration authority, organisation category,
 * 6-digit region, the 9-character organisation code (GB 11714, see {@link OrganisationCodes}) and a MOD 31 check
 * character, all from a 31-character set without I, O, Z, S and V (too easily confused with 1, 0, 2, 5 and U).
 */
public final class Usccs {

    /** The GB 32100 character set; a character's value is its index. */
    public static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    /** Weight of position i is 3^i mod 31. */
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private Usccs() {
    }

    /** Cleans and checks a unified social credit code; an invalid one is kept as cleaned, never corrected. */
    public static UsccCheck standardise(String raw) {
        String code = Texts.compact(raw, cp -> false);
        if (code == null) {
            return new UsccCheck(null, false, null, List.of(QualityIssue.of(QualityIssue.ID_NUMBER,
                    QualityFlag.MISSING_ID)));
        }
        String malformation = malformation(code);
        if (malformation != null) {
            return new UsccCheck(code, false, null, List.of(issue(QualityFlag.USCC_MALFORMED, malformation)));
        }
        List<QualityIssue> issues = new ArrayList<>(2);
        String organizationCode = code.substring(8, 17);
        if (!OrganisationCodes.isValid(organizationCode)) {
            issues.add(issue(QualityFlag.USCC_ORGANIZATION_CODE_INVALID, "organisation code " + organizationCode
                    + " should end in '" + OrganisationCodes.checkChar(organizationCode.substring(0, 8)) + "'"));
        }
        char expected = checkChar(code.subSequence(0, 17));
        if (code.charAt(17) != expected) {
            issues.add(issue(QualityFlag.USCC_CHECK_INVALID,
                    "check character is '" + code.charAt(17) + "' but the first 17 characters give '" + expected + "'"));
        }
        boolean valid = issues.isEmpty();
        return new UsccCheck(code, valid, valid ? organizationCode : null, issues);
    }

    /** The check character of a unified social credit code, given its first 17 characters. */
    public static char checkChar(CharSequence first17) {
        if (first17 == null || first17.length() != 17) {
            throw new IllegalArgumentException("a credit code has 17 characters before its check: " + first17);
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = CHARSET.indexOf(first17.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("not a credit code character: '" + first17.charAt(i) + "'");
            }
            sum += value * WEIGHTS[i];
        }
        return CHARSET.charAt((31 - sum % 31) % 31);
    }

    /** Why {@code code} cannot be checked at all, or null when it has the right shape. */
    private static String malformation(String code) {
        if (code.length() != 18) {
            return "'" + code + "' has " + code.length() + " characters, not 18";
        }
        for (int i = 0; i < code.length(); i++) {
            if (CHARSET.indexOf(code.charAt(i)) < 0) {
                return "'" + code + "' contains '" + code.charAt(i) + "', which credit codes never use";
            }
        }
        return null;
    }

    private static QualityIssue issue(QualityFlag flag, String detail) {
        return new QualityIssue(QualityIssue.ID_NUMBER, flag, detail);
    }
}
