package org.ecifhub.customermaster.domain.standard;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resident identity card numbers (居民身份证号码, GB 11643-1999): 6-digit region, 8-digit birth date
 * ({@code yyyyMMdd}), 3-digit sequence whose last digit is odd for men, and an ISO 7064 MOD 11-2 check character
 * (0-9 or X). First-generation cards (issued until 2004) carry 15 digits: region, {@code yyMMdd}, sequence, no
 * check character; old deposit records still hold them.
 *
 * <p>The region code is not checked against the list of regions: codes of abolished regions stay valid on cards
 * issued there, and a list would need maintenance the check character already makes unnecessary.
 */
public final class ResidentIds {

    /** Chinese records live in Beijing time: "not in the future" means not after today in China. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARS = "10X98765432";
    /** Nobody alive holds a card with an earlier birth date; an earlier one is a keying error. */
    static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);

    private ResidentIds() {
    }

    /** {@link #standardise(String, LocalDate)} as of today in China. */
    public static IdCheck standardise(String raw) {
        return standardise(raw, LocalDate.now(CHINA));
    }

    /**
     * Cleans, checks and, for a 15-digit number, upgrades a resident id.
     *
     * @param today the date after which an embedded birth date is impossible
     */
    public static IdCheck standardise(String raw, LocalDate today) {
        // Clerks key ids as "430381 19800101 001x" or with dashes; none of that is part of the number.
        String id = Texts.compact(raw, Texts::isDash);
        if (id == null) {
            return new IdCheck(null, false, null, null, List.of(issue(QualityFlag.MISSING_ID, null)));
        }
        if (id.length() == 15 && Texts.allDigits(id, 0, 15)) {
            return firstGeneration(id, today);
        }
        if (id.length() == 18 && Texts.allDigits(id, 0, 17) && isCheckChar(id.charAt(17))) {
            return secondGeneration(id, today);
        }
        return new IdCheck(id, false, null, null, List.of(issue(QualityFlag.ID_MALFORMED,
                "'" + id + "' is neither 17 digits and a check character (0-9 or X) nor 15 digits")));
    }

    /** The check character (0-9 or X) of an 18-character id, given its first 17 digits. */
    public static char checkChar(CharSequence first17) {
        if (first17 == null || first17.length() != 17 || !Texts.allDigits(first17, 0, 17)) {
            throw new IllegalArgumentException("expected the first 17 digits of a resident id: " + first17);
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARS.charAt(sum % 11);
    }

    /**
     * Compares what a record states with what its valid resident id encodes. Nothing is compared when the id is
     * not valid (it encodes nothing reliable) or a stated value is missing or not understood.
     *
     * @param statedGender any code {@link Gender#parse} understands
     * @return {@link QualityFlag#BIRTH_DATE_MISMATCH} and/or {@link QualityFlag#GENDER_MISMATCH} issues, on the
     *         stated attributes
     */
    public static List<QualityIssue> crossCheck(IdCheck id, LocalDate statedBirth, String statedGender) {
        List<QualityIssue> issues = new ArrayList<>(2);
        if (id == null || !id.valid()) {
            return issues;
        }
        if (statedBirth != null && id.birthDate() != null && !statedBirth.equals(id.birthDate())) {
            issues.add(new QualityIssue(QualityIssue.BIRTH_DATE, QualityFlag.BIRTH_DATE_MISMATCH,
                    "stated " + statedBirth + ", identity number says " + id.birthDate()));
        }
        Optional<Gender> stated = Gender.parse(statedGender);
        if (stated.isPresent() && id.gender() != null && stated.get() != id.gender()) {
            issues.add(new QualityIssue(QualityIssue.GENDER, QualityFlag.GENDER_MISMATCH,
                    "stated " + stated.get().code() + ", identity number says " + id.gender().code()));
        }
        return issues;
    }

    /** First-generation cards were only issued to people born in the 1900s, so the century is always 19. */
    private static IdCheck firstGeneration(String id15, LocalDate today) {
        String first17 = id15.substring(0, 6) + "19" + id15.substring(6);
        Optional<QualityIssue> dateIssue = birthDateIssue(first17, today);
        if (dateIssue.isPresent()) {
            // Upgrading would dress a wrong number up as a checked one: keep the 15 digits as given.
            return new IdCheck(id15, false, null, null, List.of(dateIssue.get()));
        }
        String id18 = first17 + checkChar(first17);
        return new IdCheck(id18, true, birthDate(id18), gender(id18), List.of(new QualityIssue(
                QualityIssue.ID_NUMBER, QualityFlag.ID_FIRST_GENERATION_UPGRADED, id15 + " upgraded to " + id18)));
    }

    private static IdCheck secondGeneration(String id18, LocalDate today) {
        List<QualityIssue> issues = new ArrayList<>(2);
        char expected = checkChar(id18.subSequence(0, 17));
        if (id18.charAt(17) != expected) {
            issues.add(issue(QualityFlag.ID_CHECK_DIGIT_INVALID,
                    "check character is '" + id18.charAt(17) + "' but the first 17 digits give '" + expected + "'"));
        }
        birthDateIssue(id18, today).ifPresent(issues::add);
        boolean valid = issues.isEmpty();
        return new IdCheck(id18, valid, valid ? birthDate(id18) : null, valid ? gender(id18) : null, issues);
    }

    private static Optional<QualityIssue> birthDateIssue(String first17, LocalDate today) {
        String digits = first17.substring(6, 14);
        LocalDate date;
        try {
            date = birthDate(first17);
        } catch (DateTimeException e) {
            return Optional.of(issue(QualityFlag.ID_BIRTH_DATE_INVALID, digits + " is not a date"));
        }
        if (date.isBefore(EARLIEST_BIRTH_DATE)) {
            return Optional.of(issue(QualityFlag.ID_BIRTH_DATE_INVALID, date + " is before 1900"));
        }
        if (date.isAfter(today)) {
            return Optional.of(issue(QualityFlag.ID_BIRTH_DATE_INVALID, date + " is in the future"));
        }
        return Optional.empty();
    }

    /** @throws DateTimeException when digits 7-14 are not a date, e.g. 19800230 */
    private static LocalDate birthDate(String first17) {
        return LocalDate.of(Integer.parseInt(first17.substring(6, 10)), Integer.parseInt(first17.substring(10, 12)),
                Integer.parseInt(first17.substring(12, 14)));
    }

    private static Gender gender(String first17) {
        return (first17.charAt(16) - '0') % 2 == 1 ? Gender.MALE : Gender.FEMALE;
    }

    private static boolean isCheckChar(char c) {
        return c >= '0' && c <= '9' || c == 'X';
    }

    private static QualityIssue issue(QualityFlag flag, String detail) {
        return new QualityIssue(QualityIssue.ID_NUMBER, flag, detail);
    }
}
