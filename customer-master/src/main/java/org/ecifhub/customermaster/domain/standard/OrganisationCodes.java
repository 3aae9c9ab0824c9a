package org.ecifhub.customermaster.domain.standard;

/**
 * Organisation codes (组织机构代码, GB 11714-1997): an 8-character body of digits or letters (A-Z worth 10-35)
 * and a MOD 11 check character (0-9 or X). Since 2015 the code lives on inside the unified social credit code.
 */
public final class OrganisationCodes {

    private static final int[] WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

    private OrganisationCodes() {
    }

    /** The check character of an organisation code, given its 8-character body (digits or upper-case A-Z). */
    public static char checkChar(CharSequence body8) {
        if (body8 == null || body8.length() != 8) {
            throw new IllegalArgumentException("an organisation code body has 8 characters: " + body8);
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            int value = value(body8.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("not an organisation code character: '" + body8.charAt(i) + "'");
            }
            sum += value * WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
    }

    /** Whether {@code code9} is an 8-character body (digits, upper-case A-Z) followed by its check character. */
    public static boolean isValid(CharSequence code9) {
        if (code9 == null || code9.length() != 9) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            if (value(code9.charAt(i)) < 0) {
                return false;
            }
        }
        return code9.charAt(8) == checkChar(code9.subSequence(0, 8));
    }

    /** 0-9 for digits, 10-35 for A-Z; -1 otherwise (lower case included: callers upper-case first). */
    private static int value(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return c >= 'A' && c <= 'Z' ? c - 'A' + 10 : -1;
    }
}
