package org.ecifhub.customermaster.domain.standard;

import java.util.List;

/**
 * The result of standardising a unified social credit code.
 *
 * @param standard the code cleaned (NFKC, blanks removed, upper case), valid or not; null when missing
 * @param valid whether both the code's and its organisation code's check characters are right
 * @param organizationCode the embedded 9-character organisation code (positions 9-17); null unless valid
 * @param issues what was found
 */
public record UsccCheck(String standard, boolean valid, String organizationCode, List<QualityIssue> issues) {

    public UsccCheck {
        issues = List.copyOf(issues);
    }
}
