package org.ecifhub.customermaster.domain.standard;

/**
 * Check characters computed the way the standards define them mathematically, not with the weight tables the
 * production code uses, so that a wrong table entry cannot hide in both.
 */
final class IndependentChecks {

    private IndependentChecks() {
    }

    /**
     * ISO 7064 MOD 11-2 (GB 11643): the digit at position i (1-based, of 18) weighs 2^(18-i) mod 11 and the check
     * value c makes the weighted sum plus c congruent to 1 mod 11; c = 10 is written X.
     */
    static char residentCheck(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * pow(2, 17 - i, 11);
        }
        int c = Math.floorMod(1 - sum, 11);
        return c == 10 ? 'X' : (char) ('0' + c);
    }

    /** GB 32100: position i (0-based) weighs 3^i mod 31; the check makes the weighted sum divisible by 31. */
    static char usccCheck(String first17) {
        String charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += charset.indexOf(first17.charAt(i)) * pow(3, i, 31);
        }
        return charset.charAt(Math.floorMod(-sum, 31));
    }

    /**
     * GB 11714: body position i (0-based, of 8) weighs 2^(8-i) mod 11; the check value makes the weighted sum
     * divisible by 11 (11 - sum mod 11, with 10 written X and 11 written 0).
     */
    static char organisationCheck(String body8) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += Character.digit(body8.charAt(i), 36) * pow(2, 8 - i, 11);
        }
        int c = Math.floorMod(-sum, 11);
        return c == 10 ? 'X' : (char) ('0' + c);
    }

    /** A resident id with the right check character. */
    static String residentId(String region, String yyyyMMdd, String sequence) {
        String first17 = region + yyyyMMdd + sequence;
        return first17 + residentCheck(first17);
    }

    /** A credit code whose organisation code and own check characters are right. */
    static String uscc(String authorityCategoryRegion, String organisationBody) {
        String first17 = authorityCategoryRegion + organisationBody + organisationCheck(organisationBody);
        return first17 + usccCheck(first17);
    }

    private static int pow(int base, int exponent, int modulus) {
        int result = 1;
        for (int i = 0; i < exponent; i++) {
            result = result * base % modulus;
        }
        return result;
    }
}
