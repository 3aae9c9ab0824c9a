package org.ecifhub.gateway.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The data-quality flags a list query can select on, derived by the gateway from the golden record's attributes
 * as ecif.customer.v1 carries them (already in customer-master's standard form). The names are those of
 * customer-master's {@code QualityFlag}; only the flags that the attributes alone decide are derived here.
 */
public final class QualityFlags {

    public static final String MISSING_ID = "MISSING_ID";
    public static final String MISSING_PHONE = "MISSING_PHONE";
    public static final String MISSING_ADDRESS = "MISSING_ADDRESS";
    public static final String MISSING_BIRTH_DATE = "MISSING_BIRTH_DATE";
    public static final String MISSING_GENDER = "MISSING_GENDER";
    public static final String ID_CHECK_DIGIT_INVALID = "ID_CHECK_DIGIT_INVALID";

    private static final List<String> ALL = List.of(MISSING_ID, MISSING_PHONE, MISSING_ADDRESS, MISSING_BIRTH_DATE,
            MISSING_GENDER, ID_CHECK_DIGIT_INVALID);
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    private QualityFlags() {
    }

    public static boolean isKnown(String flag) {
        return ALL.contains(flag);
    }

    public static List<String> names() {
        return ALL;
    }

    /**
     * The flags of a party's attributes. Birth date and gender are only expected of a person; the check digit only
     * of an 18-character resident id.
     */
    public static List<String> of(boolean person, String idNumber, String phone, String address, String birthDate,
                                  String gender) {
        List<String> flags = new ArrayList<>();
        if (blank(idNumber)) {
            flags.add(MISSING_ID);
        } else if (person && idNumber.length() == 18 && idNumber.substring(0, 17).chars().allMatch(Character::isDigit)
                && idNumber.charAt(17) != checkCharacter(idNumber)) {
            flags.add(ID_CHECK_DIGIT_INVALID);
        }
        if (blank(phone)) {
            flags.add(MISSING_PHONE);
        }
        if (blank(address)) {
            flags.add(MISSING_ADDRESS);
        }
        if (person && blank(birthDate)) {
            flags.add(MISSING_BIRTH_DATE);
        }
        if (person && blank(gender)) {
            flags.add(MISSING_GENDER);
        }
        return flags;
    }

    /** GB 11643 (ISO 7064 MOD 11-2) check character of the first 17 digits. */
    private static char checkCharacter(String id) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
