package org.ecifhub.customermaster.domain.standard;

import org.ecifhub.customermaster.domain.PartyType;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A party's attributes in standard form, beside (not instead of) what the source sent.
 *
 * @param name the display form of the name ({@link PersonNames#standardise} or {@link OrganisationNames#standardise})
 * @param nameKey the name's match key ({@code matchKey} of the same class)
 * @param idType upper case, blanks removed ("RESIDENT_ID", "USCC", "PASSPORT", …)
 * @param idNumber the standard id number; an invalid one as given, only cleaned
 * @param idValid whether an id number is present and not flagged invalid. Only resident ids and credit codes are
 *                checked; any other id type present counts as valid (nothing is known against it)
 * @param birthDate the stated birth date, or the one the valid resident id encodes when none was stated
 * @param gender "M" or "F" (stated, or from the valid resident id when none was stated); a stated code that is not
 *               understood is kept as given and flagged
 * @param phone the national number, digits only
 * @param issues every finding, on the attribute it concerns
 */
public record StandardParty(
        PartyType type,
        String name,
        String nameKey,
        String idType,
        String idNumber,
        boolean idValid,
        LocalDate birthDate,
        String gender,
        String phone,
        String address,
        List<QualityIssue> issues) {

    /**
     * Completeness weights, each list summing to 100. The id decides matching by rule, so it weighs most; name and
     * phone are what the matcher and the bank's staff use next; a person's birth date and gender mostly confirm
     * the id (and come free with a valid one); an address is often stale in rural records.
     */
    private static final Map<String, Integer> PERSON_WEIGHTS = Map.of(
            QualityIssue.NAME, 20, QualityIssue.ID_NUMBER, 35, QualityIssue.BIRTH_DATE, 10,
            QualityIssue.GENDER, 5, QualityIssue.PHONE, 20, QualityIssue.ADDRESS, 10);
    private static final Map<String, Integer> ORGANIZATION_WEIGHTS = Map.of(
            QualityIssue.NAME, 25, QualityIssue.ID_NUMBER, 40, QualityIssue.PHONE, 20, QualityIssue.ADDRESS, 15);

    public StandardParty {
        issues = List.copyOf(issues);
    }

    /**
     * 0..100: the weighted share of the key attributes that are present and valid (not carrying an invalidating
     * flag). Person: id 35, name 20, phone 20, birth date 10, address 10, gender 5. Organisation: id 40, name 25,
     * phone 20, address 15.
     */
    public int completeness() {
        Map<String, Integer> weights = type == PartyType.ORGANIZATION ? ORGANIZATION_WEIGHTS : PERSON_WEIGHTS;
        return weights.entrySet().stream()
                .filter(w -> value(w.getKey()) != null && isValid(w.getKey()))
                .mapToInt(Map.Entry::getValue)
                .sum();
    }

    /** Whether {@code attribute} carries no invalidating flag (a missing attribute carries none either). */
    public boolean isValid(String attribute) {
        return issuesOf(attribute).stream().noneMatch(QualityIssue::invalidates);
    }

    public List<QualityIssue> issuesOf(String attribute) {
        return issues.stream().filter(i -> i.attribute().equals(attribute)).toList();
    }

    public boolean hasFlag(QualityFlag flag) {
        return issues.stream().anyMatch(i -> i.flag() == flag);
    }

    private Object value(String attribute) {
        return switch (attribute) {
            case QualityIssue.NAME -> name;
            case QualityIssue.ID_NUMBER -> idNumber;
            case QualityIssue.BIRTH_DATE -> birthDate;
            case QualityIssue.GENDER -> gender;
            case QualityIssue.PHONE -> phone;
            case QualityIssue.ADDRESS -> address;
            default -> throw new IllegalArgumentException("not a weighed attribute: " + attribute);
        };
    }
}
