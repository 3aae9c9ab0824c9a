package org.ecifhub.customermaster.domain.standard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class OrganisationNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "（冷水江）鑫华商贸有限公司",
            "(冷水江)鑫华商贸有限公司",
            "( 冷水江 ) 鑫华商贸有限公司",
            "【冷水江】鑫华商贸有限公司",
            "〔冷水江〕鑫华商贸有限公司",
            "[冷水江]鑫华商贸有限公司",
            "（冷水江) 鑫华 商贸 有限公司"
    })
    void chineseNamesUseFullWidthBracketsAndNoBlanks(String raw) {
        assertThat(OrganisationNames.standardise(raw)).isEqualTo("（冷水江）鑫华商贸有限公司");
    }

    @Test
    void latinNamesUseAsciiBracketsAndOneBlankBetweenWords() {
        assertThat(OrganisationNames.standardise("ABC  Trading （China）  Ltd"))
                .isEqualTo("ABC Trading (China) Ltd");
        assertThat(OrganisationNames.matchKey("ABC Trading (China) Ltd")).isEqualTo("ABCTRADINGCHINALTD");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "鑫华商贸有限公司",
            "（冷水江）鑫华商贸有限公司",
            "(冷水江)鑫华商贸有限公司",
            "(娄底)鑫华商贸有限公司",
            "（娄底市）鑫华商贸有限责任公司",
            "鑫华商贸有限责任公司",
            "鑫华 商贸 有限 公司"
    })
    void aLeadingRegionInBracketsAndTheLongLegalFormDoNotChangeTheKey(String raw) {
        assertThat(OrganisationNames.matchKey(raw)).isEqualTo("鑫华商贸有限公司");
    }

    @Test
    void theDisplayFormKeepsRegionAndLegalFormAsGiven() {
        assertThat(OrganisationNames.standardise("(冷水江)鑫华建材有限责任公司")).isEqualTo("（冷水江）鑫华建材有限责任公司");
    }

    @Test
    void otherDifferencesStillTellFirmsApart() {
        // A region that is part of the name, not in brackets in front of it, is kept.
        assertThat(OrganisationNames.matchKey("冷水江市鑫华商贸有限公司")).isEqualTo("冷水江市鑫华商贸有限公司");
        // A joint-stock company (股份有限公司) is another legal form.
        assertThat(OrganisationNames.matchKey("鑫华商贸股份有限公司")).isNotEqualTo(OrganisationNames.matchKey("鑫华商贸有限公司"));
        assertThat(OrganisationNames.matchKey("鑫华商贸有限公司冷水江分公司"))
                .isNotEqualTo(OrganisationNames.matchKey("鑫华商贸有限公司"));
    }

    @ParameterizedTest
    @CsvSource({
            "娄底鑫华投资合伙企业（有限合伙）, 娄底鑫华投资合伙企业有限合伙",
            "娄底鑫华投资合伙企业(有限合伙),   娄底鑫华投资合伙企业有限合伙",
            "（冷水江）,                      冷水江"                       // nothing but a region: kept
    })
    void bracketsAreDroppedFromTheKeyButNotTheirContent(String raw, String key) {
        assertThat(OrganisationNames.matchKey(raw)).isEqualTo(key);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "\u3000"})
    void nothingLeftIsNull(String raw) {
        assertThat(OrganisationNames.standardise(raw)).isNull();
        assertThat(OrganisationNames.matchKey(raw)).isNull();
    }
}
