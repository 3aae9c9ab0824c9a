package org.ecifhub.customermaster.domain.standard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ecifhub.customermaster.domain.standard.IndependentChecks.residentCheck;
import static org.ecifhub.customermaster.domain.standard.IndependentChecks.residentId;

class ResidentIdsTest {

    /** A fixed "today" so that the future-date rule does not depend on when the test runs. */
    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    /** The GB 11643 example: a woman born 1949-12-31 in Beijing 朝阳区; its check character is X. */
    static final String KNOWN_VALID = "11010519491231002X";

    static IdCheck check(String raw) {
        return ResidentIds.standardise(raw, TODAY);
    }

    static List<QualityFlag> flags(IdCheck check) {
        return check.issues().stream().map(QualityIssue::flag).toList();
    }

    @Test
    void theStandardsExampleIsValidAndTellsBirthDateAndGender() {
        IdCheck id = check(KNOWN_VALID);

        assertThat(id.valid()).isTrue();
        assertThat(id.standard()).isEqualTo(KNOWN_VALID);
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(id.gender()).isEqualTo(Gender.FEMALE);
        assertThat(id.issues()).isEmpty();
        assertThat(id.upgraded()).isFalse();
    }

    @Test
    void checkCharAgreesWithTheIndependentComputationForEveryRemainder() {
        // Sequence numbers 000..999 cover all eleven check values, X included, many times over.
        for (int sequence = 0; sequence < 1000; sequence++) {
            String first17 = "43138119800101" + String.format("%03d", sequence);
            assertThat(ResidentIds.checkChar(first17)).as(first17).isEqualTo(residentCheck(first17));
        }
        assertThat(ResidentIds.checkChar(KNOWN_VALID.substring(0, 17))).isEqualTo('X');
    }

    @Test
    void anOddSeventeenthDigitMeansMale() {
        IdCheck id = check(residentId("431381", "19800101", "011"));

        assertThat(id.valid()).isTrue();
        assertThat(id.gender()).isEqualTo(Gender.MALE);
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1980, 1, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "11010519491231002x",                       // lower-case check character
            "１１０１０５１９４９１２３１００２Ｘ",          // full-width digits and X, as full-width input gives
            "１１０１０５１９４９１２３１００２ｘ",          // full-width lower-case x
            " 110105 19491231 002X ",                    // blanks
            "110105\u300019491231\u3000002X",           // ideographic spaces
            "110105-19491231-002X",                      // dashes
            "110105\u200B19491231002X"                   // a zero-width space pasted along
    })
    void formattingIsCleanedAway(String raw) {
        IdCheck id = check(raw);

        assertThat(id.standard()).isEqualTo(KNOWN_VALID);
        assertThat(id.valid()).isTrue();
        assertThat(id.issues()).isEmpty();
    }

    @Test
    void aWrongCheckCharacterIsKeptAsGivenAndFlagged() {
        IdCheck id = check("110105194912310021");

        assertThat(id.valid()).isFalse();
        assertThat(id.standard()).isEqualTo("110105194912310021");
        assertThat(flags(id)).containsExactly(QualityFlag.ID_CHECK_DIGIT_INVALID);
        assertThat(id.issues().get(0).attribute()).isEqualTo(QualityIssue.ID_NUMBER);
        assertThat(id.issues().get(0).detail()).contains("'1'", "'X'");
        // An invalid id tells nothing reliable about the person.
        assertThat(id.birthDate()).isNull();
        assertThat(id.gender()).isNull();
    }

    @Test
    void everyWrongCheckCharacterIsDetected() {
        String first17 = KNOWN_VALID.substring(0, 17);
        for (char c : "0123456789".toCharArray()) {
            assertThat(check(first17 + c).valid()).as("check character %s", c).isFalse();
        }
    }

    @Test
    void everySingleDigitTypoIsDetected() {
        // MOD 11-2 catches every single substitution: a clerk's one wrong key never yields another valid id.
        for (int position = 0; position < 17; position++) {
            for (char digit = '0'; digit <= '9'; digit++) {
                if (KNOWN_VALID.charAt(position) == digit) {
                    continue;
                }
                String typo = KNOWN_VALID.substring(0, position) + digit + KNOWN_VALID.substring(position + 1);
                assertThat(flags(check(typo))).as(typo).contains(QualityFlag.ID_CHECK_DIGIT_INVALID);
            }
        }
    }

    @Test
    void aFifteenDigitFirstGenerationNumberIsUpgraded() {
        IdCheck id = check("110105491231002");

        assertThat(id.standard()).isEqualTo(KNOWN_VALID);
        assertThat(id.valid()).isTrue();
        assertThat(id.upgraded()).isTrue();
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(id.gender()).isEqualTo(Gender.FEMALE);
        assertThat(flags(id)).containsExactly(QualityFlag.ID_FIRST_GENERATION_UPGRADED);
        assertThat(id.issues().get(0).invalidates()).isFalse();
        assertThat(id.issues().get(0).detail()).contains("110105491231002", KNOWN_VALID);
    }

    @Test
    void anUpgradedNumberEqualsTheSecondGenerationNumberOfTheSamePerson() {
        String id18 = residentId("431381", "19650815", "123");
        String id15 = id18.substring(0, 6) + id18.substring(8, 17);

        String fullWidthFirstDigit = (char) (id15.charAt(0) - '0' + '０') + id15.substring(1);
        assertThat(check(fullWidthFirstDigit).standard()).isEqualTo(id18);
        assertThat(check(id15).gender()).isEqualTo(Gender.MALE);
    }

    @ParameterizedTest
    @CsvSource({
            "110105490230002, 19490230",  // 30 February
            "110105491301002, 19491301",  // month 13
            "110105490000002, 19490000"   // day and month 0
    })
    void aFirstGenerationNumberWithAnImpossibleDateIsNotUpgraded(String id15, String digits) {
        IdCheck id = check(id15);

        assertThat(id.standard()).isEqualTo(id15);
        assertThat(id.valid()).isFalse();
        assertThat(flags(id)).containsExactly(QualityFlag.ID_BIRTH_DATE_INVALID);
        assertThat(id.issues().get(0).detail()).contains(digits);
    }

    @ParameterizedTest
    @CsvSource({
            "19800230, not a date",
            "19810229, not a date",       // 1981 is not a leap year
            "18991231, before 1900",
            "20261123, in the future",    // tomorrow
            "20301231, in the future"
    })
    void anImpossibleEmbeddedDateMakesAnOtherwiseWellFormedIdInvalid(String yyyyMMdd, String why) {
        String raw = residentId("431381", yyyyMMdd, "002");
        IdCheck id = check(raw);

        assertThat(id.valid()).isFalse();
        assertThat(id.standard()).isEqualTo(raw);
        assertThat(flags(id)).containsExactly(QualityFlag.ID_BIRTH_DATE_INVALID);
        assertThat(id.issues().get(0).detail()).contains(why);
        assertThat(id.birthDate()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"19000101", "19800229", "20261122"}) // first day allowed, a leap day, born today
    void boundaryDatesAreValid(String yyyyMMdd) {
        assertThat(check(residentId("431381", yyyyMMdd, "002")).valid()).isTrue();
    }

    @Test
    void aWrongCheckAndAnImpossibleDateAreBothReported() {
        String first17 = "43138119800230002";
        char wrong = residentCheck(first17) == '1' ? '2' : '1';

        assertThat(flags(check(first17 + wrong)))
                .containsExactlyInAnyOrder(QualityFlag.ID_CHECK_DIGIT_INVALID, QualityFlag.ID_BIRTH_DATE_INVALID);
    }

    @ParameterizedTest
    @CsvSource({
            "1101051949123100,      1101051949123100",      // 16 characters
            "11010519491231002XX,   11010519491231002XX",   // 19
            "11010519491231002Y,    11010519491231002Y",    // not a check character
            "1101051949123100X2,    1101051949123100X2",    // X not at the end
            "11010549123100X,       11010549123100X",       // 15 characters but not all digits
            "id: 110105,            ID:110105"
    })
    void malformedNumbersAreKeptCleanedAndFlagged(String raw, String cleaned) {
        IdCheck id = check(raw);

        assertThat(id.valid()).isFalse();
        assertThat(id.standard()).isEqualTo(cleaned);
        assertThat(flags(id)).containsExactly(QualityFlag.ID_MALFORMED);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\u3000", " - "})
    void aMissingNumberIsFlaggedMissing(String raw) {
        IdCheck id = check(raw);

        assertThat(id.standard()).isNull();
        assertThat(id.valid()).isFalse();
        assertThat(flags(id)).containsExactly(QualityFlag.MISSING_ID);
    }

    @Test
    void theOverloadWithoutADateUsesTodayInChina() {
        assertThat(ResidentIds.standardise(KNOWN_VALID).valid()).isTrue();
        String tomorrow = LocalDate.now(ResidentIds.CHINA).plusDays(1).toString().replace("-", "");
        assertThat(ResidentIds.standardise(residentId("431381", tomorrow, "002")).valid()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1101051949123100", "11010519491231002A", "1101051949123100X"})
    void checkCharRefusesAnythingButSeventeenDigits(String bad) {
        assertThatThrownBy(() -> ResidentIds.checkChar(bad)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"F", "f", "女", "2", "FEMALE", "Female", "女性", "Ｆ"})
    void statedValuesThatAgreeWithTheIdRaiseNothing(String gender) {
        IdCheck id = check(KNOWN_VALID);

        assertThat(ResidentIds.crossCheck(id, LocalDate.of(1949, 12, 31), gender)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"M", "m", "男", "1", "MALE", "male"})
    void aStatedGenderThatContradictsTheIdIsFlagged(String gender) {
        List<QualityIssue> issues = ResidentIds.crossCheck(check(KNOWN_VALID), null, gender);

        assertThat(issues).extracting(QualityIssue::flag).containsExactly(QualityFlag.GENDER_MISMATCH);
        assertThat(issues.get(0).attribute()).isEqualTo(QualityIssue.GENDER);
        assertThat(issues.get(0).invalidates()).isTrue();
    }

    @Test
    void aStatedBirthDateThatContradictsTheIdIsFlagged() {
        List<QualityIssue> issues = ResidentIds.crossCheck(check(KNOWN_VALID), LocalDate.of(1949, 1, 31), "F");

        assertThat(issues).extracting(QualityIssue::flag).containsExactly(QualityFlag.BIRTH_DATE_MISMATCH);
        assertThat(issues.get(0).attribute()).isEqualTo(QualityIssue.BIRTH_DATE);
        assertThat(issues.get(0).detail()).contains("1949-01-31", "1949-12-31");
    }

    @Test
    void bothContradictionsAreReported() {
        assertThat(ResidentIds.crossCheck(check(KNOWN_VALID), LocalDate.of(1950, 1, 1), "男"))
                .extracting(QualityIssue::flag)
                .containsExactly(QualityFlag.BIRTH_DATE_MISMATCH, QualityFlag.GENDER_MISMATCH);
    }

    @Test
    void nothingIsComparedWithAnInvalidIdOrWithUnknownStatements() {
        assertThat(ResidentIds.crossCheck(check("110105194912310021"), LocalDate.of(1970, 1, 1), "M")).isEmpty();
        assertThat(ResidentIds.crossCheck(check(KNOWN_VALID), null, null)).isEmpty();
        assertThat(ResidentIds.crossCheck(check(KNOWN_VALID), null, "未知")).isEmpty();
        assertThat(ResidentIds.crossCheck(check(KNOWN_VALID), null, "X")).isEmpty();
        assertThat(ResidentIds.crossCheck(null, LocalDate.of(1970, 1, 1), "M")).isEmpty();
    }
}
