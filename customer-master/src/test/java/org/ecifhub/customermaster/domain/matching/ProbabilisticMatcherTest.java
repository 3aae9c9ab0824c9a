package org.ecifhub.customermaster.domain.matching;

import org.ecifhub.customermaster.domain.PartyType;
import org.ecifhub.customermaster.domain.standard.PartyStandardiser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ProbabilisticMatcherTest {

    private final ProbabilisticMatcher matcher = ProbabilisticMatcher.withDefaultModel();

    /** Twin brothers: registered together (same region and birth date, consecutive sequence codes). */
    private static final String TWIN_A = Records.residentId("43138119800101001");
    private static final String TWIN_B = Records.residentId("43138119800101003");

    private static Records.Builder household(String recordId) {
        return Records.person(recordId).born("1980-01-01").gender("M").phone("13812345678")
                .address("湖南省娄底市冷水江市布溪街道人民路12号");
    }

    // ------------------------------------------------------------------ hard rule

    @Test
    void twinsWithDifferentValidIdsAreBlockedEvenWhenEverythingElseIsEqual() {
        MatchRecord a = household("deposit/1").name("张伟").residentId(TWIN_A).build();
        MatchRecord b = household("deposit/2").name("张伟").residentId(TWIN_B).build();

        MatchResult result = matcher.match(a, b);

        assertThat(result.outcome()).isEqualTo(MatchOutcome.BLOCKED_BY_RULE);
        assertThat(result.reason()).contains("different valid RESIDENT_ID");
        // The evidence was overwhelming, and the explanation shows what the rule overrode.
        assertThat(result.totalWeight()).isGreaterThan(result.upper());
        assertThat(matcher.match(b, a).outcome()).isEqualTo(MatchOutcome.BLOCKED_BY_RULE);
    }

    @Test
    void theRuleDoesNotPrintWholeIdNumbers() {
        MatchRecord a = household("deposit/1").name("张伟").residentId(TWIN_A).build();
        MatchRecord b = household("deposit/2").name("张伟").residentId(TWIN_B).build();

        String explanation = matcher.match(a, b).explain();

        assertThat(explanation).doesNotContain(TWIN_A).doesNotContain(TWIN_B).contains("431381");
    }

    @Test
    void differentValidUsccsAreTwoOrganisations() {
        MatchRecord a = firm("a", "91431381MA4L0XXQ1B");
        MatchRecord b = firm("b", "92431381MA4L0YYY2C");

        assertThat(matcher.match(a, b).outcome()).isEqualTo(MatchOutcome.BLOCKED_BY_RULE);
        assertThat(matcher.match(a, b).reason()).contains("different valid USCC");
        assertThat(matcher.match(a, firm("c", "91431381MA4L0XXQ1B")).outcome()).isEqualTo(MatchOutcome.MATCH);
    }

    /** A firm with a credit code already found valid by the standardiser. */
    private static MatchRecord firm(String recordId, String uscc) {
        return new MatchRecord(recordId, PartyType.ORGANIZATION, "冷水江市鑫华建材有限公司", "冷水江市鑫华建材有限公司",
                null, null, PartyStandardiser.USCC, uscc, true, null, null, "07385221234", "冷水江市布溪街道人民路12号",
                null);
    }

    @Test
    void anIdWithAWrongCheckCharacterDoesNotBlock() {
        MatchRecord valid = household("deposit/1").name("张伟").residentId(TWIN_A).build();
        MatchRecord typo = household("loan/1").name("张伟").residentId(Records.withWrongCheck(TWIN_B)).build();

        MatchResult result = matcher.match(valid, typo);

        assertThat(typo.idValid()).isFalse();
        assertThat(result.outcome()).isNotEqualTo(MatchOutcome.BLOCKED_BY_RULE);
        assertThat(result.score(MatchField.ID).level()).isEqualTo("DIFFERENT_INVALID");
    }

    @Test
    void aTypoInAnIdWithoutCheckDigitDoesNotBlockAMatch() {
        MatchRecord a = household("a").name("张伟").id("PASSPORT", "E12345678").build();
        MatchRecord b = household("b").name("张伟").id("PASSPORT", "E12345687").build();

        MatchResult result = matcher.match(a, b);

        assertThat(result.outcome()).isEqualTo(MatchOutcome.MATCH);
        assertThat(result.score(MatchField.ID).level()).isEqualTo("ONE_EDIT");
    }

    @Test
    void aPersonIsNeverAnOrganisation() {
        MatchRecord person = Records.person("a").name("鑫华").phone("07385221234").build();
        MatchRecord firm = Records.organisation("b").name("鑫华").phone("07385221234").build();
        assertThat(matcher.match(person, firm).outcome()).isEqualTo(MatchOutcome.BLOCKED_BY_RULE);
    }

    // ------------------------------------------------------------------ e-banking records: name and phone

    @Test
    void anEbankingRecordWithNameAndPhoneMatchesItsDepositRecord() {
        MatchRecord deposit = household("deposit/1").name("张伟").residentId(TWIN_A).build();
        MatchRecord ebank = Records.person("ebank/1").name("张 伟").phone("+86 138-1234-5678").build();

        assertThat(matcher.match(deposit, ebank).outcome()).isEqualTo(MatchOutcome.MATCH);
    }

    @Test
    void aHomophoneTypoScoresAlmostAsHighAsTheSameName() {
        MatchRecord deposit = household("deposit/1").name("张伟").residentId(TWIN_A).build();
        MatchRecord exact = Records.person("ebank/1").name("张伟").phone("13812345678").build();
        MatchRecord homophone = Records.person("ebank/2").name("张玮").phone("13812345678").build();

        MatchResult same = matcher.match(deposit, exact);
        MatchResult alike = matcher.match(deposit, homophone);

        assertThat(alike.outcome()).isEqualTo(MatchOutcome.MATCH);
        assertThat(alike.score(MatchField.NAME).level()).isEqualTo("SOUNDS_ALIKE");
        assertThat(same.totalWeight() - alike.totalWeight()).isBetween(0.0, 3.0);
    }

    @Test
    void aRelativeSharingPhoneAndAddressIsNotMergedAutomatically() {
        // The brother's e-banking record without an id: household phone and address, another given name.
        MatchRecord deposit = household("deposit/1").name("李建国").residentId(TWIN_A).build();
        MatchRecord brother = Records.person("ebank/9").name("李建军").phone("13812345678")
                .address("冷水江市布溪街道人民路12号").gender("M").build();

        MatchResult result = matcher.match(deposit, brother);

        assertThat(result.totalWeight()).isGreaterThanOrEqualTo(result.upper());
        assertThat(result.outcome()).isEqualTo(MatchOutcome.POSSIBLE_MATCH);
        assertThat(result.reason()).isEqualTo(ProbabilisticMatcher.NAME_GUARD);
    }

    // ------------------------------------------------------------------ thresholds

    @Test
    void thresholdsDecideTheOutcome() {
        MatchRecord a = household("a").name("张伟").build();
        MatchRecord b = household("b").name("张伟").build();
        double total = matcher.match(a, b).totalWeight();
        MatchModel model = MatchModel.defaults();

        assertThat(new ProbabilisticMatcher(model.withThresholds(total, total - 5)).match(a, b).outcome())
                .as("at upper").isEqualTo(MatchOutcome.MATCH);
        assertThat(new ProbabilisticMatcher(model.withThresholds(total + 1, total)).match(a, b).outcome())
                .as("at lower").isEqualTo(MatchOutcome.POSSIBLE_MATCH);
        assertThat(new ProbabilisticMatcher(model.withThresholds(total + 2, total + 1)).match(a, b).outcome())
                .as("below lower").isEqualTo(MatchOutcome.NON_MATCH);
    }

    @Test
    void outcomeFollowsTheTotal() {
        ProbabilisticMatcher m = new ProbabilisticMatcher(MatchModel.defaults().withThresholds(20, 10));
        assertThat(m.outcome(20)).isEqualTo(MatchOutcome.MATCH);
        assertThat(m.outcome(19.99)).isEqualTo(MatchOutcome.POSSIBLE_MATCH);
        assertThat(m.outcome(10)).isEqualTo(MatchOutcome.POSSIBLE_MATCH);
        assertThat(m.outcome(9.99)).isEqualTo(MatchOutcome.NON_MATCH);
    }

    // ------------------------------------------------------------------ explanation

    @Test
    void everyDecisionIsExplained() {
        MatchRecord a = household("deposit/1").name("张伟").residentId(TWIN_A).build();
        MatchRecord b = Records.person("ebank/1").name("张玮").phone("13812345678").build();

        MatchResult result = matcher.match(a, b);

        assertThat(result.leftId()).isEqualTo("deposit/1");
        assertThat(result.rightId()).isEqualTo("ebank/1");
        assertThat(result.modelVersion()).isEqualTo(MatchModel.defaults().version());
        assertThat(result.upper()).isEqualTo(MatchModel.defaults().upper());
        assertThat(result.lower()).isEqualTo(MatchModel.defaults().lower());
        assertThat(result.scores()).extracting(FieldScore::field).containsExactly(MatchField.NAME,
                MatchField.BIRTH_DATE, MatchField.GENDER, MatchField.PHONE, MatchField.ADDRESS, MatchField.ID);
        assertThat(result.totalWeight())
                .isCloseTo(result.scores().stream().mapToDouble(FieldScore::weight).sum(), within(1e-9));
        assertThat(result.score(MatchField.PHONE).level()).isEqualTo("EXACT");
        assertThat(result.score(MatchField.PHONE).weight())
                .isEqualTo(MatchModel.defaults().weight(MatchField.PHONE, "EXACT"));
        // Missing on one side: listed, weighing nothing.
        assertThat(result.score(MatchField.BIRTH_DATE).level()).isEqualTo(MatchField.MISSING);
        assertThat(result.score(MatchField.BIRTH_DATE).weight()).isZero();
        assertThat(result.explain())
                .contains("MATCH", "NAME", "SOUNDS_ALIKE", "zhangwei", "PHONE", "EXACT", result.modelVersion());
    }

    @Test
    void comparingIsSymmetric() {
        MatchRecord a = household("a").name("李建国").build();
        MatchRecord b = Records.person("b").name("李建军").phone("13812345678").born("1980-10-01").build();
        assertThat(matcher.match(a, b).totalWeight()).isEqualTo(matcher.match(b, a).totalWeight());
    }
}
