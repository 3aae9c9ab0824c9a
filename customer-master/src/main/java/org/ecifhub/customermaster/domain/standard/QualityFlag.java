package org.ecifhub.customermaster.domain.standard;

/**
 * A data-quality finding about one attribute. {@link #invalidates()} tells whether the value it is attached to
 * must be treated as unreliable (kept, but weighing less in matching and not counted as complete).
 */
public enum QualityFlag {

    /** The resident id is neither 18 characters (17 digits and 0-9/X) nor 15 digits. */
    ID_MALFORMED(Kind.INVALID, "identity number is not in a valid format"),
    /** The 18th character of a resident id does not match the GB 11643 (ISO 7064 MOD 11-2) check. */
    ID_CHECK_DIGIT_INVALID(Kind.INVALID, "identity number check character is wrong"),
    /** The birth date embedded in a resident id is not a real date, is before 1900 or is in the future. */
    ID_BIRTH_DATE_INVALID(Kind.INVALID, "birth date embedded in the identity number is impossible"),
    /** A 15-digit first-generation id was upgraded to 18 digits, which the standard fully determines. */
    ID_FIRST_GENERATION_UPGRADED(Kind.INFO, "15-digit first-generation identity number upgraded to 18 digits"),

    /** The unified social credit code is not 18 characters of the GB 32100 character set. */
    USCC_MALFORMED(Kind.INVALID, "unified social credit code is not in a valid format"),
    /** The 18th character of a unified social credit code does not match the GB 32100 MOD 31 check. */
    USCC_CHECK_INVALID(Kind.INVALID, "unified social credit code check character is wrong"),
    /** The organisation code embedded in positions 9-17 fails its own GB 11714 check. */
    USCC_ORGANIZATION_CODE_INVALID(Kind.INVALID, "organisation code inside the credit code fails its check"),

    /** The stated birth date is before 1900 or in the future. */
    BIRTH_DATE_INVALID(Kind.INVALID, "stated birth date is impossible"),
    /** The stated birth date differs from the one in the (valid) resident id. */
    BIRTH_DATE_MISMATCH(Kind.INVALID, "stated birth date differs from the identity number's"),
    /** The birth date was missing and was read from the valid resident id. */
    BIRTH_DATE_FROM_ID(Kind.INFO, "birth date taken from the identity number"),
    /** The stated gender is not a code this hub understands. */
    GENDER_INVALID(Kind.INVALID, "stated gender is not a known code"),
    /** The stated gender differs from the one in the (valid) resident id. */
    GENDER_MISMATCH(Kind.INVALID, "stated gender differs from the identity number's"),
    /** The gender was missing (or stated as unknown) and was read from the valid resident id. */
    GENDER_FROM_ID(Kind.INFO, "gender taken from the identity number"),

    /** The phone is neither a mainland mobile number nor a landline with its area code. */
    PHONE_INVALID(Kind.INVALID, "phone number is not a valid mainland mobile or landline number"),

    MISSING_NAME(Kind.MISSING, "name is missing"),
    MISSING_ID(Kind.MISSING, "identity number is missing"),
    MISSING_BIRTH_DATE(Kind.MISSING, "birth date is missing"),
    MISSING_GENDER(Kind.MISSING, "gender is missing"),
    MISSING_PHONE(Kind.MISSING, "phone number is missing"),
    MISSING_ADDRESS(Kind.MISSING, "address is missing");

    /** What a flag says about its value. */
    public enum Kind {
        /** The value is present but wrong or inconsistent. */
        INVALID,
        /** There is no value. */
        MISSING,
        /** Information about how the standard form was obtained; the value is fine. */
        INFO
    }

    private final Kind kind;
    private final String description;

    QualityFlag(Kind kind, String description) {
        this.kind = kind;
        this.description = description;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the value carrying this flag is unreliable. Missing values are not invalid: there is no value. */
    public boolean invalidates() {
        return kind == Kind.INVALID;
    }

    /** A short English explanation for people reading a data-quality report. */
    public String description() {
        return description;
    }
}
