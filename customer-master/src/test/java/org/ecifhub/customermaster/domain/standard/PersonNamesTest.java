package org.ecifhub.customermaster.domain.standard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PersonNamesTest {

    static final String UYGHUR = "阿不都·热合曼";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "张伟|张伟",
            "张 伟|张伟",
            "张\u3000伟|张伟",                 // ideographic space, as full-width input types it
            "张\u3000\u3000 伟|张伟",
            "  欧阳 娜娜  |欧阳娜娜",
            "欧 阳 娜 娜|欧阳娜娜",
            "张\u00A0伟|张伟",                 // no-break space
            "张\u200B伟|张伟",                 // zero-width space
            "张\t伟|张伟"
    })
    void chineseNamesLoseEveryBlank(String raw, String standard) {
        assertThat(PersonNames.standardise(raw)).isEqualTo(standard);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "阿不都·热合曼",        // U+00B7, the standard
            "阿不都•热合曼",        // U+2022 bullet
            "阿不都.热合曼",        // full stop
            "阿不都．热合曼",       // full-width full stop U+FF0E
            "阿不都・热合曼",       // katakana middle dot U+30FB
            "阿不都･热合曼",        // half-width katakana middle dot U+FF65
            "阿不都‧热合曼",        // hyphenation point U+2027
            "阿不都∙热合曼",        // bullet operator U+2219
            "阿不都⋅热合曼",        // dot operator U+22C5
            "阿不都\u0387热合曼",   // Greek ano teleia, canonically U+00B7
            "阿不都 · 热合曼",      // blanks around the dot
            "阿不都\u3000•\u3000热合曼",
            "阿不都··热合曼",       // doubled
            "阿不都·热合曼·",       // trailing
            "·阿不都·热合曼"        // leading
    })
    void everyMiddleDotVariantBecomesTheStandardOne(String raw) {
        assertThat(PersonNames.standardise(raw)).isEqualTo(UYGHUR);
    }

    @Test
    void theMatchKeyIgnoresTheMiddleDot() {
        assertThat(PersonNames.matchKey(UYGHUR)).isEqualTo("阿不都热合曼");
        assertThat(PersonNames.matchKey("阿不都热合曼")).isEqualTo(PersonNames.matchKey(UYGHUR));
        assertThat(PersonNames.matchKey("阿不都 • 热合曼")).isEqualTo(PersonNames.matchKey(UYGHUR));
        assertThat(PersonNames.matchKey("张　伟")).isEqualTo("张伟");
        // The display form keeps the dot: only the key drops it.
        assertThat(PersonNames.standardise("阿不都热合曼")).isEqualTo("阿不都热合曼");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "  Zhang   Wei |Zhang Wei|ZHANG WEI",
            "ＺＨＡＮＧ　Ｗｅｉ|ZHANG Wei|ZHANG WEI",     // full-width letters and ideographic space
            "J. Smith|J. Smith|J. SMITH",               // Latin names keep their dots
            "O'Brien|O'Brien|O'BRIEN"
    })
    void latinNamesKeepOneBlankBetweenWordsAndTheirCase(String raw, String standard, String key) {
        assertThat(PersonNames.standardise(raw)).isEqualTo(standard);
        assertThat(PersonNames.matchKey(raw)).isEqualTo(key);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "\u3000", "·", " . ", "-"})
    void withoutALetterThereIsNoName(String raw) {
        assertThat(PersonNames.standardise(raw)).isNull();
        assertThat(PersonNames.matchKey(raw)).isNull();
    }
}
