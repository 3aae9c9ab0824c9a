package org.ecifhub.customermaster.domain.standard;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class GenderTest {

    @ParameterizedTest
    @CsvSource({
            "M, MALE", "m, MALE", "MALE, MALE", "Male, MALE", "男, MALE", "男性, MALE", "1, MALE", "Ｍ, MALE",
            "F, FEMALE", "f, FEMALE", "FEMALE, FEMALE", "女, FEMALE", "女性, FEMALE", "2, FEMALE", "' F ', FEMALE"
    })
    void feedCodesAreUnderstood(String code, Gender gender) {
        assertThat(Gender.parse(code)).contains(gender);
        assertThat(Gender.statesNothing(code)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "0", "9", "U", "unknown", "未知", "未说明", "不详"})
    void unknownIsNoStatement(String code) {
        assertThat(Gender.parse(code)).isEmpty();
        assertThat(Gender.statesNothing(code)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"X", "3", "男女", "boy"})
    void anythingElseIsNotUnderstood(String code) {
        assertThat(Gender.parse(code)).isEmpty();
        assertThat(Gender.statesNothing(code)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"MALE, M", "FEMALE, F"})
    void standardCodes(Gender gender, String code) {
        assertThat(gender.code()).isEqualTo(code);
    }
}
