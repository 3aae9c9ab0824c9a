package org.ecifhub.customermaster.domain.matching;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BlockingKeysTest {

    private static final String ID = Records.residentId("43138119800101001");

    @Test
    void aChinesePersonGetsAHandfulOfKeys() {
        MatchRecord r = Records.person("r").name("张伟").residentId(ID).born("1980-01-01")
                .phone("+86 138-1234-5678").address("湖南省娄底市冷水江市渣渡镇南田村13组54号").build();

        assertThat(BlockingKeys.of(r)).containsExactlyInAnyOrder(
                "ID:RESIDENT_ID:" + ID,
                "IX1:RESIDENT_ID:*" + ID.substring(6),
                "IX2:RESIDENT_ID:" + ID.substring(0, 6) + "*" + ID.substring(12),
                "IX3:RESIDENT_ID:" + ID.substring(0, 12) + "*",
                "PH:2345678",
                "BD:19800101",
                "NY:zw:1980",
                "NA:zhang:冷水江市渣渡镇南田村13组");
    }

    @Test
    void homophoneNamesShareTheirNameKey() {
        MatchRecord a = Records.person("a").name("张伟").born("1980-01-01").build();
        MatchRecord b = Records.person("b").name("张玮").born("1980-05-05").build();
        assertThat(shared(a, b)).containsExactly("NY:zw:1980");
    }

    @Test
    void anEbankingRecordIsFoundByItsPhone() {
        MatchRecord deposit = Records.person("d").name("张伟").residentId(ID).phone("13812345678").build();
        MatchRecord ebank = Records.person("e").name("张玮").phone("138 1234 5678").build();
        assertThat(shared(deposit, ebank)).containsExactly("PH:2345678");
    }

    @Test
    void aLandlineWithoutAreaCodeSharesThePhoneKey() {
        MatchRecord a = Records.person("a").name("张伟").phone("0738-5221234").build();
        // The standardiser keeps a number without area code as it is (flagged invalid).
        MatchRecord b = Records.person("b").name("张伟").phone("5221234").build();
        assertThat(b.phone()).isEqualTo("5221234");
        assertThat(shared(a, b)).containsExactly("PH:5221234");
    }

    @Test
    void anIdWithOneMistypedDigitStillSharesAKey() {
        for (int position = 0; position < 18; position++) {
            char c = ID.charAt(position);
            char other = c == '9' ? '0' : c == 'X' ? '1' : (char) (c + 1);
            String typo = ID.substring(0, position) + other + ID.substring(position + 1);
            MatchRecord valid = Records.person("a").name("张伟").residentId(ID).build();
            MatchRecord mistyped = Records.person("b").name("李四").residentId(typo).build();
            assertThat(shared(valid, mistyped)).as("typo at " + position).anyMatch(k -> k.startsWith("IX"));
        }
    }

    @Test
    void swappedLatinNamesShareTheirPhoneticPair() {
        MatchRecord a = Records.latin("a", "mikhayla", "hannagan", null, null, null);
        MatchRecord b = Records.latin("b", "hannagan", "mikhayla", null, null, null);
        assertThat(shared(a, b)).anyMatch(k -> k.startsWith("NN:"));
    }

    @Test
    void latinNamesWithTyposShareAPhoneticKey() {
        MatchRecord a = Records.latin("a", "harley", "mccarthy", "1908-04-19", null, "6089216");
        MatchRecord b = Records.latin("b", "haryley", "mccarthy", "1980-04-19", null, "6089216");
        assertThat(shared(a, b)).contains("ID:OTHER:6089216", "NN:HRL:MKR0");
    }

    @Test
    void organisationsAreKeyedByIdPhoneAndNameSound() {
        MatchRecord firm = Records.organisation("f").name("冷水江市鑫华建材有限公司").phone("0738-5221234").build();
        assertThat(BlockingKeys.of(firm)).containsExactlyInAnyOrder("PH:5221234",
                "ON:" + Pinyin.key("冷水江市鑫华建材有限公司"));
    }

    @Test
    void aRecordWithNothingHasNoKeys() {
        assertThat(BlockingKeys.of(Records.person("x").build())).isEmpty();
    }

    private static Set<String> shared(MatchRecord a, MatchRecord b) {
        Set<String> keys = new HashSet<>(BlockingKeys.of(a));
        keys.retainAll(BlockingKeys.of(b));
        return keys;
    }
}
