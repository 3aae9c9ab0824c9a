package org.ecifhub.customermaster.domain.standard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QualityFlagTest {

    @ParameterizedTest
    @EnumSource(value = QualityFlag.class, names = {"ID_FIRST_GENERATION_UPGRADED", "BIRTH_DATE_FROM_ID",
            "GENDER_FROM_ID"})
    void informationalFlagsDoNotInvalidate(QualityFlag flag) {
        assertThat(flag.kind()).isEqualTo(QualityFlag.Kind.INFO);
        assertThat(flag.invalidates()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = QualityFlag.class, names = "MISSING_.*", mode = EnumSource.Mode.MATCH_ALL)
    void missingValuesAreNotInvalidValues(QualityFlag flag) {
        assertThat(flag.kind()).isEqualTo(QualityFlag.Kind.MISSING);
        assertThat(flag.invalidates()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = QualityFlag.class, names = {"ID_MALFORMED", "ID_CHECK_DIGIT_INVALID", "ID_BIRTH_DATE_INVALID",
            "USCC_MALFORMED", "USCC_CHECK_INVALID", "USCC_ORGANIZATION_CODE_INVALID", "BIRTH_DATE_INVALID",
            "BIRTH_DATE_MISMATCH", "GENDER_INVALID", "GENDER_MISMATCH", "PHONE_INVALID"})
    void findingsAboutWrongValuesInvalidate(QualityFlag flag) {
        assertThat(flag.kind()).isEqualTo(QualityFlag.Kind.INVALID);
        assertThat(flag.invalidates()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(QualityFlag.class)
    void everyFlagExplainsItself(QualityFlag flag) {
        assertThat(flag.description()).isNotBlank();
        assertThat(QualityIssue.of(QualityIssue.PHONE, flag).detail()).isEqualTo(flag.description());
    }

    @Test
    void anIssueDelegatesToItsFlagAndCanBeMovedToAnotherAttribute() {
        QualityIssue issue = new QualityIssue(QualityIssue.ID_NUMBER, QualityFlag.ID_CHECK_DIGIT_INVALID, "x");

        assertThat(issue.invalidates()).isTrue();
        assertThat(issue.withAttribute("legalRepresentative.idNumber"))
                .isEqualTo(new QualityIssue("legalRepresentative.idNumber", QualityFlag.ID_CHECK_DIGIT_INVALID, "x"));
        assertThat(new QualityIssue(QualityIssue.PHONE, QualityFlag.PHONE_INVALID, null).detail())
                .isEqualTo(QualityFlag.PHONE_INVALID.description());
        assertThatThrownBy(() -> new QualityIssue(null, QualityFlag.PHONE_INVALID, "x"))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new QualityIssue(QualityIssue.PHONE, null, "x"))
                .isInstanceOf(NullPointerException.class);
    }
}
