package org.ecifhub.customermaster.domain.standard;

import org.ecifhub.customermaster.domain.PartyType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Standardises and validates all key attributes of one party as a source states them.
 *
 * <p>Id types: {@value #RESIDENT_ID} numbers are checked by {@link ResidentIds}, {@value #USCC} codes by
 * {@link Usccs}, whatever the party type. Any other id type (PASSPORT, OTHER, …) is only cleaned (NFKC, blanks
 * removed, upper case), never validated and never flagged. The birth date and gender checks (range, agreement
 * with the id, derivation from the id, missing) apply to persons only; an organisation's are passed through.
 */
public final class PartyStandardiser {

    public static final String RESIDENT_ID = "RESIDENT_ID";
    public static final String USCC = "USCC";

    private PartyStandardiser() {
    }

    /** {@link #standardise(RawParty, LocalDate)} as of today in China. */
    public static StandardParty standardise(RawParty raw) {
        return standardise(raw, LocalDate.now(ResidentIds.CHINA));
    }

    /** @param today the date after which a birth date is impossible */
    public static StandardParty standardise(RawParty raw, LocalDate today) {
        boolean person = raw.type() == PartyType.PERSON;
        List<QualityIssue> issues = new ArrayList<>();

        String name = person ? PersonNames.standardise(raw.name()) : OrganisationNames.standardise(raw.name());
        String nameKey = person ? PersonNames.matchKey(raw.name()) : OrganisationNames.matchKey(raw.name());
        if (name == null) {
            issues.add(QualityIssue.of(QualityIssue.NAME, QualityFlag.MISSING_NAME));
        }

        String idType = Texts.compact(raw.idType(), cp -> false);
        Id id = id(idType, raw.idNumber(), today);
        issues.addAll(id.issues());

        LocalDate birthDate = raw.birthDate();
        String gender = standardGender(raw.gender(), person, issues);
        if (person) {
            checkBirthDate(birthDate, today, issues);
            issues.addAll(ResidentIds.crossCheck(id.resident(), birthDate, gender));
            if (birthDate == null && id.birthDate() != null) {
                birthDate = id.birthDate();
                issues.add(QualityIssue.of(QualityIssue.BIRTH_DATE, QualityFlag.BIRTH_DATE_FROM_ID));
            }
            if (gender == null && id.gender() != null) {
                gender = id.gender().code();
                issues.add(QualityIssue.of(QualityIssue.GENDER, QualityFlag.GENDER_FROM_ID));
            }
            missing(birthDate, QualityIssue.BIRTH_DATE, QualityFlag.MISSING_BIRTH_DATE, issues);
            missing(gender, QualityIssue.GENDER, QualityFlag.MISSING_GENDER, issues);
        }

        PhoneCheck phone = Phones.standardise(raw.phone());
        issues.addAll(phone.issues());

        String address = Addresses.standardise(raw.address());
        missing(address, QualityIssue.ADDRESS, QualityFlag.MISSING_ADDRESS, issues);

        return new StandardParty(raw.type(), name, nameKey, idType, id.number(), id.valid(), birthDate, gender,
                phone.standard(), address, issues);
    }

    /** The id number in standard form, whatever its type; {@code resident} is set for resident ids only. */
    private record Id(String number, boolean valid, IdCheck resident, List<QualityIssue> issues) {

        LocalDate birthDate() {
            return resident == null ? null : resident.birthDate();
        }

        Gender gender() {
            return resident == null ? null : resident.gender();
        }
    }

    private static Id id(String idType, String rawNumber, LocalDate today) {
        if (RESIDENT_ID.equals(idType)) {
            IdCheck check = ResidentIds.standardise(rawNumber, today);
            return new Id(check.standard(), check.valid(), check, check.issues());
        }
        if (USCC.equals(idType)) {
            UsccCheck check = Usccs.standardise(rawNumber);
            return new Id(check.standard(), check.valid(), null, check.issues());
        }
        String number = Texts.compact(rawNumber, cp -> false);
        return number == null
                ? new Id(null, false, null, List.of(QualityIssue.of(QualityIssue.ID_NUMBER, QualityFlag.MISSING_ID)))
                : new Id(number, true, null, List.of());
    }

    /**
     * "M" or "F" for a code {@link Gender} understands; null for none or an explicit "unknown"; otherwise the code
     * as given (tidied), flagged for a person.
     */
    private static String standardGender(String raw, boolean person, List<QualityIssue> issues) {
        Optional<Gender> gender = Gender.parse(raw);
        if (gender.isPresent()) {
            return gender.get().code();
        }
        if (Gender.statesNothing(raw)) {
            return null;
        }
        String kept = Texts.normaliseText(raw);
        if (person) {
            issues.add(new QualityIssue(QualityIssue.GENDER, QualityFlag.GENDER_INVALID,
                    "'" + kept + "' is not a gender code (M/F, 男/女, 1/2, MALE/FEMALE)"));
        }
        return kept;
    }

    private static void checkBirthDate(LocalDate birthDate, LocalDate today, List<QualityIssue> issues) {
        if (birthDate == null) {
            return;
        }
        if (birthDate.isBefore(ResidentIds.EARLIEST_BIRTH_DATE) || birthDate.isAfter(today)) {
            issues.add(new QualityIssue(QualityIssue.BIRTH_DATE, QualityFlag.BIRTH_DATE_INVALID,
                    birthDate + " is " + (birthDate.isAfter(today) ? "in the future" : "before 1900")));
        }
    }

    private static void missing(Object value, String attribute, QualityFlag flag, List<QualityIssue> issues) {
        if (value == null) {
            issues.add(QualityIssue.of(attribute, flag));
        }
    }
}
