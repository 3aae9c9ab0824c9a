package org.ecifhub.customermaster.domain.matching;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ComparatorsTest {

    // ------------------------------------------------------------------ names

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource({
            "张伟, 张伟, EXACT",
            "张伟, 张玮, SOUNDS_ALIKE",        // homophone typo of the input method
            "李丽华, 李莉桦, SOUNDS_ALIKE",    // two homophones
            "曾红, 增红, SOUNDS_ALIKE",        // 曾 is read céng or zēng: either counts
            "刘强, 牛强, SIMILAR",             // l/n, merged by fuzzy pinyin (Hunan)
            "张伟, 章伟, SOUNDS_ALIKE",
            "李建国, 李建军, SIMILAR",         // one character apart: a relative as often as a typo
            "张伟, 张强, DIFFERENT",           // two-character names one apart: relatives, not typos
            "张伟, 王芳, DIFFERENT",
            "冷水江市鑫华建材有限公司, 冷水江鑫华建材有限公司, SIMILAR"
    })
    void chineseNames(String a, String b, String level) {
        assertThat(Comparators.name(a, b).level()).isEqualTo(level);
        assertThat(Comparators.name(b, a).level()).isEqualTo(level);
    }

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource({
            "张伟, ZHANG WEI, SOUNDS_ALIKE",
            "张伟, WEI ZHANG, SOUNDS_ALIKE",       // Western order
            "欧阳娜娜, NANA OUYANG, SOUNDS_ALIKE", // compound surname
            "张伟, LI NA, DIFFERENT"
    })
    void romanisedChineseNames(String han, String latin, String level) {
        assertThat(Comparators.name(han, latin).level()).isEqualTo(level);
        assertThat(Comparators.name(latin, han).level()).isEqualTo(level);
    }

    @Test
    void homophonesExplainThemselves() {
        assertThat(Comparators.name("张伟", "张玮").detail()).contains("zhangwei");
    }

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource({
            "JOHN SMITH, JOHN SMITH, EXACT",
            "JOHN SMITH, SMITH JOHN, SOUNDS_ALIKE",
            "STEPHEN SMITH, STEVEN SMYTH, SOUNDS_ALIKE",
            "JOHN SMITH, JOHN SMIHT, SIMILAR",
            "JOHN SMITH, MARY JONES, DIFFERENT"
    })
    void latinWholeNames(String a, String b, String level) {
        assertThat(Comparators.name(a, b).level()).isEqualTo(level);
    }

    @Test
    void aMissingNameIsMissingNotDifferent() {
        assertThat(Comparators.name(null, "张伟").isMissing()).isTrue();
    }

    @Test
    void swappedGivenNameAndSurnameAreComparedCrosswise() {
        MatchRecord a = Records.latin("a", "mikhayla", "hannagan", null, null, null);
        MatchRecord b = Records.latin("b", "hannagan", "mikhayla", null, null, null);

        List<Comparison> parts = Comparators.nameParts(a, b);

        assertThat(parts).extracting(Comparison::level).containsExactly("EXACT", "EXACT");
        assertThat(parts.get(0).detail()).contains("swapped");
    }

    @Test
    void aNameInTheWrongFieldStillCounts() {
        MatchRecord a = Records.latin("a", null, "waller", null, null, null);
        MatchRecord b = Records.latin("b", "waller", null, null, null, null);

        assertThat(Comparators.nameParts(a, b)).extracting(Comparison::level)
                .containsExactlyInAnyOrder("EXACT", MatchField.MISSING);
    }

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource({
            "mason, mason, EXACT",
            "mason, masno, ONE_EDIT",
            "haryley, harley, ONE_EDIT",
            "catherine, kathryn, PHONETIC",
            "mithcell, mitchdll, SIMILAR",
            "madison, kylie, DIFFERENT"
    })
    void latinNameParts(String a, String b, String level) {
        MatchRecord x = Records.latin("a", a, "smith", null, null, null);
        MatchRecord y = Records.latin("b", b, "smith", null, null, null);
        assertThat(Comparators.nameParts(x, y).get(0).level()).isEqualTo(level);
    }

    // ------------------------------------------------------------------ birth date

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource({
            "1980-03-07, 1980-03-07, EXACT",
            "1980-03-07, 1980-07-03, DAY_MONTH_SWAPPED",
            "1980-03-07, 1980-03-08, ONE_DIGIT",
            "1980-03-07, 1908-03-07, ONE_DIGIT",      // 1980 → 1908: two neighbouring digits swapped
            "1980-03-07, 1980-11-25, SAME_YEAR",       // e.g. the lunar-calendar birthday
            "1980-03-07, 1975-10-21, DIFFERENT"
    })
    void birthDates(String a, String b, String level) {
        assertThat(Comparators.birthDate(LocalDate.parse(a), LocalDate.parse(b)).level()).isEqualTo(level);
    }

    // ------------------------------------------------------------------ phone, gender

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource({
            "13812345678, 13812345678, EXACT",
            "07385221234, 5221234, LAST_8",            // the local number without its area code
            "073885221234, 85221234, LAST_8",
            "13812345678, 07385221234, MOBILE_VS_LANDLINE",
            "13812345678, 13912345678, DIFFERENT"
    })
    void phones(String a, String b, String level) {
        assertThat(Comparators.phone(a, b).level()).isEqualTo(level);
    }

    @Test
    void genders() {
        assertThat(Comparators.gender("M", "M").level()).isEqualTo("AGREE");
        assertThat(Comparators.gender("M", "F").level()).isEqualTo("DISAGREE");
        assertThat(Comparators.gender("M", null).isMissing()).isTrue();
        assertThat(Comparators.gender("X", "M").isMissing()).isTrue(); // a code nobody understood says nothing
    }

    // ------------------------------------------------------------------ address

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource({
            "冷水江市布溪街道人民路12号, 冷水江市布溪街道人民路12号, EXACT",
            "冷水江市布溪街道人民路12号, 冷水江市布溪街道人民路12号3栋, PARTIAL",       // more numbers: not the same
            "冷水江市渣渡镇南田村13组54号, 冷水江市渣渡镇南田村13组55号, PARTIAL",    // the neighbour
            "冷水江市渣渡镇南田村13组54号, 冷水江渣渡镇南田村13组54号, SIMILAR",
            "冷水江市布溪街道人民路12号3栋1单元101室, 冷水江市布西街道人民路12号3栋1单元101室, VERY_SIMILAR",
            "冷水江市渣渡镇南田村13组54号, 双峰县井字镇花山村2组24号, DIFFERENT",
            "20 rupp place brentwood vlge penshurst 2257 vic, 20 rupp place brentwoo dvlge penshurst 2257 vic, EXACT",
            "57 fincham crescent wilga thebarton 2642 nsw, 57 fincham cerscent wilga thebarton 2642 nsw, VERY_SIMILAR",
            "177 pridham street milton marsden 3165 nsw, 177 milton pridham street marsden 3165 nsw, VERY_SIMILAR"
    })
    void addresses(String a, String b, String level) {
        assertThat(Comparators.address(a, b).level()).isEqualTo(level);
    }

    // ------------------------------------------------------------------ ids

    @Test
    void sameIdOfAnUncheckedTypeIsExact() {
        MatchRecord a = Records.person("a").id("PASSPORT", "E12345678").build();
        MatchRecord b = Records.person("b").id("PASSPORT", "E12345678").build();
        assertThat(Comparators.id(a, b).level()).isEqualTo("EXACT");
    }

    @Test
    void aTypoInAnUncheckedIdIsOneEdit() {
        MatchRecord a = Records.person("a").id("PASSPORT", "E12345678").build();
        MatchRecord b = Records.person("b").id("PASSPORT", "E12345687").build();
        assertThat(Comparators.id(a, b).level()).isEqualTo("ONE_EDIT");
    }

    @Test
    void aResidentIdWithAWrongCheckCharacterWeighsLessThanAValidOne() {
        String valid = Records.residentId("43138119800101001");
        MatchRecord validA = Records.person("a").residentId(valid).build();
        MatchRecord validB = Records.person("b").residentId(valid).build();
        MatchRecord invalidA = Records.person("c").residentId(Records.withWrongCheck(valid)).build();
        MatchRecord invalidB = Records.person("d").residentId(Records.withWrongCheck(valid)).build();
        MatchModel model = MatchModel.defaults();

        Comparison bothValid = Comparators.id(validA, validB);
        Comparison bothInvalid = Comparators.id(invalidA, invalidB);
        Comparison oneTypo = Comparators.id(validA, invalidA);

        assertThat(bothValid.level()).isEqualTo("EXACT");
        assertThat(bothInvalid.level()).isEqualTo("EXACT_INVALID");
        assertThat(oneTypo.level()).isEqualTo("ONE_EDIT");
        assertThat(model.weight(MatchField.ID, bothInvalid.level()))
                .isLessThan(model.weight(MatchField.ID, bothValid.level()));
    }

    @Test
    void differentIdTypesAreNotCompared() {
        MatchRecord a = Records.person("a").id("PASSPORT", "E12345678").build();
        MatchRecord b = Records.person("b").residentId(Records.residentId("43138119800101001")).build();
        assertThat(Comparators.id(a, b).isMissing()).isTrue();
    }

    @Test
    void birthDateAndGenderAreNotComparedForOrganisations() {
        MatchRecord a = Records.organisation("a").name("冷水江市鑫华建材有限公司").build();
        MatchRecord b = Records.organisation("b").name("冷水江市鑫华建材有限公司").build();
        assertThat(Comparators.compareAll(a, b)).extracting(Comparison::field)
                .doesNotContain(MatchField.BIRTH_DATE, MatchField.GENDER);
    }
}
