package org.ecifhub.customermaster.domain.standard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ecifhub.customermaster.domain.standard.IndependentChecks.organisationCheck;
import static org.ecifhub.customermaster.domain.standard.IndependentChecks.uscc;
import static org.ecifhub.customermaster.domain.standard.IndependentChecks.usccCheck;

class UsccsTest {

    /** A published valid code (a Fuzhou company): organisation code M000100Y4, check character 3. */
    static final String KNOWN_VALID = "91350100M000100Y43";

    static List<QualityFlag> flags(UsccCheck check) {
        return check.issues().stream().map(QualityIssue::flag).toList();
    }

    @Test
    void aValidCodeIsValidAndCarriesItsOrganisationCode() {
        UsccCheck code = Usccs.standardise(KNOWN_VALID);

        assertThat(code.valid()).isTrue();
        assertThat(code.standard()).isEqualTo(KNOWN_VALID);
        assertThat(code.organizationCode()).isEqualTo("M000100Y4");
        assertThat(code.issues()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "91350100m000100y43",                        // lower case
            "9135 0100 M000 100Y 43",                    // blanks
            "９１３５０１００Ｍ０００１００Ｙ４３",            // full width
            "\u300091350100M000100Y43\u3000"
    })
    void formattingIsCleanedAway(String raw) {
        UsccCheck code = Usccs.standardise(raw);

        assertThat(code.standard()).isEqualTo(KNOWN_VALID);
        assertThat(code.valid()).isTrue();
    }

    @Test
    void aWrongCheckCharacterIsKeptAndFlagged() {
        UsccCheck code = Usccs.standardise("91350100M000100Y44");

        assertThat(code.valid()).isFalse();
        assertThat(code.standard()).isEqualTo("91350100M000100Y44");
        assertThat(code.organizationCode()).isNull();
        assertThat(flags(code)).containsExactly(QualityFlag.USCC_CHECK_INVALID);
        assertThat(code.issues().get(0).detail()).contains("'4'", "'3'");
    }

    @Test
    void aWrongOrganisationCodeCheckIsFlaggedEvenWhenTheWholeCodeChecks() {
        // Position 17 (the organisation code's check) changed, the code's own check recomputed to match.
        String first17 = "91350100M000100Y" + "5";
        String code = first17 + usccCheck(first17);

        UsccCheck check = Usccs.standardise(code);

        assertThat(check.valid()).isFalse();
        assertThat(flags(check)).containsExactly(QualityFlag.USCC_ORGANIZATION_CODE_INVALID);
        assertThat(check.issues().get(0).detail()).contains("M000100Y5", "'4'");
    }

    @Test
    void aTypoInTheOrganisationCodeBreaksBothChecks() {
        UsccCheck code = Usccs.standardise("91350100M010100Y43");

        assertThat(code.valid()).isFalse();
        assertThat(flags(code)).containsExactlyInAnyOrder(
                QualityFlag.USCC_ORGANIZATION_CODE_INVALID, QualityFlag.USCC_CHECK_INVALID);
    }

    @ParameterizedTest
    @CsvSource({
            "91350100M000100Y4,    91350100M000100Y4",     // 17 characters
            "91350100M000100Y433,  91350100M000100Y433",   // 19
            "91350100O000100Y43,   91350100O000100Y43",    // O is not in the character set
            "91350100I000100Y43,   91350100I000100Y43",
            "91350100Z000100Y43,   91350100Z000100Y43",
            "91350100S000100Y43,   91350100S000100Y43",
            "91350100V000100Y43,   91350100V000100Y43",
            "9135-0100-M000100Y43, 9135-0100-M000100Y43"   // dashes are not part of the code: not removed
    })
    void malformedCodesAreKeptCleanedAndFlagged(String raw, String cleaned) {
        UsccCheck code = Usccs.standardise(raw);

        assertThat(code.valid()).isFalse();
        assertThat(code.standard()).isEqualTo(cleaned);
        assertThat(flags(code)).containsExactly(QualityFlag.USCC_MALFORMED);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\u3000"})
    void aMissingCodeIsFlaggedMissing(String raw) {
        UsccCheck code = Usccs.standardise(raw);

        assertThat(code.standard()).isNull();
        assertThat(flags(code)).containsExactly(QualityFlag.MISSING_ID);
    }

    @Test
    void codesBuiltByTheStandardsArithmeticAreValid() {
        Random random = new Random(42);
        for (int n = 0; n < 500; n++) {
            String body = String.format("%08d", random.nextInt(100_000_000));
            String code = uscc("92431381", body);
            UsccCheck check = Usccs.standardise(code);
            assertThat(check.valid()).as(code).isTrue();
            assertThat(check.organizationCode()).isEqualTo(code.substring(8, 17));
        }
    }

    @Test
    void checkCharAgreesWithTheIndependentComputationIncludingZero() {
        Random random = new Random(7);
        boolean sawZero = false;
        for (int n = 0; n < 2000; n++) {
            StringBuilder first17 = new StringBuilder();
            for (int i = 0; i < 17; i++) {
                first17.append(Usccs.CHARSET.charAt(random.nextInt(31)));
            }
            char expected = usccCheck(first17.toString());
            sawZero |= expected == '0';
            assertThat(Usccs.checkChar(first17)).as(first17.toString()).isEqualTo(expected);
        }
        assertThat(sawZero).as("the 31 -> 0 case was exercised").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y", "91350100M000100YI"})
    void checkCharRefusesWrongInput(String bad) {
        assertThatThrownBy(() -> Usccs.checkChar(bad)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void organisationCodeCheckAgreesWithTheIndependentComputationIncludingXAndZero() {
        Random random = new Random(11);
        boolean sawX = false;
        boolean sawZero = false;
        for (int n = 0; n < 2000; n++) {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                body.append(Character.toUpperCase(Character.forDigit(random.nextInt(36), 36)));
            }
            char expected = organisationCheck(body.toString());
            sawX |= expected == 'X';
            sawZero |= expected == '0';
            assertThat(OrganisationCodes.checkChar(body)).as(body.toString()).isEqualTo(expected);
            assertThat(OrganisationCodes.isValid(body.toString() + expected)).isTrue();
        }
        assertThat(sawX).as("10 -> X").isTrue();
        assertThat(sawZero).as("11 -> 0").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"M000100Y5", "M000100Y", "M000100Y44", "m000100y4", "M000-100Y"})
    void invalidOrganisationCodes(String code) {
        assertThat(OrganisationCodes.isValid(code)).isFalse();
        assertThat(OrganisationCodes.isValid(null)).isFalse();
    }

    @Test
    void organisationCodeExamples() {
        assertThat(OrganisationCodes.isValid("M000100Y4")).isTrue();
        assertThatThrownBy(() -> OrganisationCodes.checkChar("M000100")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OrganisationCodes.checkChar("M000100-")).isInstanceOf(IllegalArgumentException.class);
    }
}
