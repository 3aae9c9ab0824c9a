package org.ecifhub.customermaster.domain.standard;

import java.util.List;

/**
 * The result of standardising a phone number.
 *
 * @param standard digits only, without country code, extension, blanks, dashes or brackets: "13812345678",
 *                 "07385221234". For an invalid number: the input cleaned of blanks, dashes and brackets. Null
 *                 when missing
 * @param extension the extension (分机) of a landline, kept off the standard form; null when there is none
 * @param issues what was found
 */
public record PhoneCheck(String standard, PhoneType type, String extension, List<QualityIssue> issues) {

    public PhoneCheck {
        issues = List.copyOf(issues);
    }

    public boolean valid() {
        return type == PhoneType.MOBILE || type == PhoneType.LANDLINE;
    }
}
