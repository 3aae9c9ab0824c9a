package org.ecifhub.customermaster.domain.standard;

/** What a phone number turned out to be. */
public enum PhoneType {
    /** A mainland mobile number: 11 digits, 1 then 3-9. */
    MOBILE,
    /** A mainland fixed line with its area code: 0, 2-3 more digits, then a 7-8 digit local number. */
    LANDLINE,
    /** Something else, kept as cleaned and flagged {@link QualityFlag#PHONE_INVALID}. */
    INVALID,
    /** No number at all ({@link QualityFlag#MISSING_PHONE}). */
    MISSING
}
