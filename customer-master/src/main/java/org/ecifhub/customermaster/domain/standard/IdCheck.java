package org.ecifhub.customermaster.domain.standard;

import java.time.LocalDate;
import java.util.List;

/**
 * The result of standardising a resident id.
 *
 * @param standard the 18-character standard form when valid (upgraded from 15 digits if need be); otherwise the
 *                 number as given, only cleaned (NFKC, blanks and dashes removed, upper case); null when missing
 * @param valid whether {@code standard} passed every check
 * @param birthDate the birth date the id encodes; null unless the id is valid (an invalid id tells nothing)
 * @param gender the gender the id encodes (17th digit odd = male); null unless the id is valid
 * @param issues what was found, including the informational {@link QualityFlag#ID_FIRST_GENERATION_UPGRADED}
 */
public record IdCheck(String standard, boolean valid, LocalDate birthDate, Gender gender, List<QualityIssue> issues) {

    public IdCheck {
        issues = List.copyOf(issues);
    }

    /** Whether a 15-digit first-generation number was upgraded to its 18-digit form. */
    public boolean upgraded() {
        return issues.stream().anyMatch(i -> i.flag() == QualityFlag.ID_FIRST_GENERATION_UPGRADED);
    }
}
