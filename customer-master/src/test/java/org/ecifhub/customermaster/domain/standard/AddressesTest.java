package org.ecifhub.customermaster.domain.standard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class AddressesTest {

    static final String STANDARD = "冷水江市布溪街道人民路12号";

    @ParameterizedTest
    @ValueSource(strings = {
            "湖南省娄底市冷水江市布溪街道人民路12号",
            "娄底市冷水江市布溪街道人民路12号",
            "冷水江市布溪街道人民路12号",
            "湖南省冷水江市布溪街道人民路12号",
            "湖南娄底市冷水江市布溪街道人民路12号",
            "湖南省 娄底市 冷水江市 布溪街道 人民路 12 号",
            "湖南省\u3000娄底市冷水江市布溪街道人民路１２号",
            "湖南省娄底市冷水江市布溪街道人民路十二号"
    })
    void provinceAndCityBeforeTheCountyLevelUnitAreDropped(String raw) {
        assertThat(Addresses.standardise(raw)).isEqualTo(STANDARD);
    }

    @ParameterizedTest
    @CsvSource({
            "湖南省娄底市娄星区乐坪街道育才路8号,        娄星区乐坪街道育才路8号",
            "娄底市新化县上梅街道新华路3号,             新化县上梅街道新华路3号",
            "湖南省娄底市双峰县荷叶镇,                 双峰县荷叶镇",
            "湖南省娄底市涟源市龙塘镇石塘村3组12号,      涟源市龙塘镇石塘村3组12号",
            "湖南省娄底市冷水江市,                     冷水江市",
            "湖南省娄底市,                            娄底市",             // city names are unique: 湖南省 adds nothing
            "北京市朝阳区建国路88号,                   朝阳区建国路88号",
            "吉林市船营区致和街1号,                    船营区致和街1号",
            "吉林省吉林市船营区致和街1号,               船营区致和街1号",
            "湘西土家族苗族自治州吉首市人民路1号,         吉首市人民路1号",
            "湖南省永州市道县濂溪街道,                  道县濂溪街道"
    })
    void otherCountyLevelUnits(String raw, String standard) {
        assertThat(Addresses.standardise(raw)).isEqualTo(standard);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "娄底市人民路3号",
            "冷水江市锡矿山街道新区路5号",
            "冷水江市阳光小区3栋",             // 小区 is a housing estate, not a district
            "冷水江市经济开发区",
            "冷水江市工业园区2号",
            "冷水江市华联超市旁",              // 超市 is a supermarket
            "冷水江市农贸市场",                // 市场 is a market
            "冷水江市渣渡镇石塘村3组",
            "新化县上梅街道",
            "河南蒙古族自治县优干宁镇",          // a county, not 河南 province
            "湖南路8号"
    })
    void whenInDoubtNothingIsDropped(String raw) {
        assertThat(Addresses.standardise(raw)).isEqualTo(raw);
    }

    @ParameterizedTest
    @CsvSource({
            "冷水江市渣渡镇石塘村三组十五号,  冷水江市渣渡镇石塘村3组15号",
            "石塘村一组二十号,              石塘村1组20号",
            "石塘村十组二十五号,            石塘村10组25号",
            "石塘村十一组九十九号,          石塘村11组99号",
            "石塘村第三组,                  石塘村第3组",
            "人民路一〇二号,                人民路102号",
            "人民路一零二号,                人民路102号",
            "五一路十号,                    五一路10号",       // 五一 names the road: not before 组 or 号
            "十里村八组,                    十里村8组",
            "人民路一百零五号,              人民路一百零五号",  // beyond simple numbers: left alone
            "人民路三十十号,                人民路三十十号",
            "人民路两号,                    人民路两号"
    })
    void simpleChineseNumeralsBeforeGroupAndNumberBecomeDigits(String raw, String standard) {
        assertThat(Addresses.standardise(raw)).isEqualTo(standard);
    }

    @Test
    void chineseNumberConversion() {
        assertThat(Addresses.chineseNumber("三")).isEqualTo("3");
        assertThat(Addresses.chineseNumber("十")).isEqualTo("10");
        assertThat(Addresses.chineseNumber("一十五")).isEqualTo("15");
        assertThat(Addresses.chineseNumber("九十")).isEqualTo("90");
        assertThat(Addresses.chineseNumber("十〇")).isNull();
        assertThat(Addresses.chineseNumber("〇十")).isNull();
        assertThat(Addresses.chineseNumber("一二十")).isNull();
    }

    @Test
    void blanksBetweenLatinWordsSurviveOnce() {
        assertThat(Addresses.standardise("  Room  5,  Block A  冷水江市  ")).isEqualTo("Room 5, Block A冷水江市");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "\u3000"})
    void nothingLeftIsNull(String raw) {
        assertThat(Addresses.standardise(raw)).isNull();
    }
}
