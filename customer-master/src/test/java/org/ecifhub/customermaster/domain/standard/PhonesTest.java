package org.ecifhub.customermaster.domain.standard;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PhonesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "13812345678",
            "138 1234 5678",
            "138-1234-5678",
            "+86 138-1234-5678",
            "+8613812345678",
            "(+86) 13812345678",
            "008613812345678",
            "0086 138 1234 5678",
            "8613812345678",
            "１３８１２３４５６７８",                 // full width
            "＋８６ １３８－１２３４－５６７８",         // full-width plus, dashes and digits
            "\u3000138\u30001234\u30005678"
    })
    void mobileNumbersInAnyFormatBecomeElevenDigits(String raw) {
        PhoneCheck phone = Phones.standardise(raw);

        assertThat(phone.standard()).isEqualTo("13812345678");
        assertThat(phone.type()).isEqualTo(PhoneType.MOBILE);
        assertThat(phone.valid()).isTrue();
        assertThat(phone.extension()).isNull();
        assertThat(phone.issues()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"13012345678", "14512345678", "16612345678", "17712345678", "19912345678"})
    void everyMobilePrefixFrom13To19IsAccepted(String raw) {
        assertThat(Phones.standardise(raw).type()).isEqualTo(PhoneType.MOBILE);
    }

    @ParameterizedTest
    @CsvSource({
            "0738-5221234,         07385221234",
            "07385221234,          07385221234",
            "(0738)5221234,        07385221234",
            "（0738）5221234,       07385221234",
            "0738 522 1234,        07385221234",
            "+86 738 5221234,      07385221234",   // international format drops the trunk 0
            "+86 (0)738 5221234,   07385221234",
            "+86-0738-5221234,     07385221234",
            "0086 738 5221234,     07385221234",
            "86 738 5221234,       07385221234",
            "010-62345678,         01062345678",   // Beijing: 2-digit area code, 8-digit local number
            "+86 10 6234 5678,     01062345678",
            "021-5888 1234,        02158881234",
            "0755-86001234,        075586001234"   // 3-digit area code with an 8-digit local number
    })
    void landlinesKeepTheirAreaCode(String raw, String standard) {
        PhoneCheck phone = Phones.standardise(raw);

        assertThat(phone.standard()).isEqualTo(standard);
        assertThat(phone.type()).isEqualTo(PhoneType.LANDLINE);
        assertThat(phone.issues()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "0738-5221234-801",
            "0738-5221234转801",
            "0738-5221234 转 801",
            "0738-5221234分机801",
            "0738-5221234 ext. 801",
            "0738-5221234 EXT801",
            "07385221234x801",
            "0738 5221234 #801",
            "+86 738 5221234-801"
    })
    void anExtensionIsKeptOffTheStandardForm(String raw) {
        PhoneCheck phone = Phones.standardise(raw);

        assertThat(phone.standard()).isEqualTo("07385221234");
        assertThat(phone.type()).isEqualTo(PhoneType.LANDLINE);
        assertThat(phone.extension()).isEqualTo("801");
        assertThat(phone.issues()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "5221234,                      5221234",                 // no area code: not guessed
            "1381234567,                   1381234567",              // 10 digits
            "138123456789,                 138123456789",            // 12 digits
            "12345678901,                  12345678901",             // 12x is not a mobile range
            "013812345678,                 013812345678",            // a trunk 0 before a mobile
            "0738-0221234,                 07380221234",             // local numbers never start with 0
            "0738-52212,                   073852212",               // too short
            "86123456,                     86123456",                // 86 stays when the rest is no number
            "+1 415 555 0100,              +14155550100",            // not a mainland number
            "+86 5221234,                  +865221234",
            "13812345678-12,               1381234567812",           // mobiles have no extensions
            "13812345678/13912345678,      13812345678/13912345678",  // two numbers in one field
            "tel 13812345678,              tel13812345678",
            "无,                           无"
    })
    void anythingElseIsKeptCleanedAndFlagged(String raw, String cleaned) {
        PhoneCheck phone = Phones.standardise(raw);

        assertThat(phone.type()).isEqualTo(PhoneType.INVALID);
        assertThat(phone.valid()).isFalse();
        assertThat(phone.standard()).isEqualTo(cleaned);
        assertThat(phone.issues()).extracting(QualityIssue::flag).containsExactly(QualityFlag.PHONE_INVALID);
        assertThat(phone.issues().get(0).attribute()).isEqualTo(QualityIssue.PHONE);
        assertThat(phone.issues().get(0).invalidates()).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "\u3000"})
    void aMissingNumberIsFlaggedMissing(String raw) {
        PhoneCheck phone = Phones.standardise(raw);

        assertThat(phone.standard()).isNull();
        assertThat(phone.type()).isEqualTo(PhoneType.MISSING);
        assertThat(phone.valid()).isFalse();
        assertThat(phone.issues()).extracting(QualityIssue::flag).containsExactly(QualityFlag.MISSING_PHONE);
    }
}
