package org.ecifhub.customermaster.domain.standard;

import org.ecifhub.customermaster.domain.LegalRepresentative;
import org.ecifhub.customermaster.domain.PartyData;
import org.ecifhub.customermaster.domain.PartyType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ecifhub.customermaster.domain.standard.IndependentChecks.residentId;
import static org.ecifhub.customermaster.domain.standard.IndependentChecks.uscc;

class PartyStandardiserTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    static final LocalDate BORN = LocalDate.of(1980, 1, 1);
    /** A man born 1980-01-01 in 冷水江. */
    static final String ID = residentId("431381", "19800101", "011");
    static final String COMPANY_CODE = uscc("91431381", "12345678");

    static RawParty person(String name, String idNumber, LocalDate birthDate, String gender, String phone,
                           String address) {
        return new RawParty(PartyType.PERSON, name, "RESIDENT_ID", idNumber, birthDate, gender, phone, address);
    }

    static RawParty cleanPerson() {
        return person("张伟", ID, BORN, "M", "13812345678", "湖南省娄底市冷水江市布溪街道人民路12号");
    }

    static StandardParty standardise(RawParty raw) {
        return PartyStandardiser.standardise(raw, TODAY);
    }

    @Test
    void aCleanPersonIsCompleteAndRaisesNothing() {
        StandardParty party = standardise(cleanPerson());

        assertThat(party.issues()).isEmpty();
        assertThat(party.completeness()).isEqualTo(100);
        assertThat(party.idValid()).isTrue();
        assertThat(party.type()).isEqualTo(PartyType.PERSON);
        assertThat(party.name()).isEqualTo("张伟");
        assertThat(party.nameKey()).isEqualTo("张伟");
        assertThat(party.idType()).isEqualTo("RESIDENT_ID");
        assertThat(party.idNumber()).isEqualTo(ID);
        assertThat(party.birthDate()).isEqualTo(BORN);
        assertThat(party.gender()).isEqualTo("M");
        assertThat(party.phone()).isEqualTo("13812345678");
        assertThat(party.address()).isEqualTo("冷水江市布溪街道人民路12号");
    }

    @Test
    void noisyDataEntryEndsUpInTheSameStandardForm() {
        String keyed = ID.replace('1', '１');
        StandardParty party = standardise(new RawParty(PartyType.PERSON, "张\u3000伟", " resident_id ", keyed, BORN,
                "男", "+86 138-1234-5678", "娄底市冷水江市 布溪街道人民路１２号"));

        assertThat(party).isEqualTo(standardise(cleanPerson()));
    }

    @Test
    void aFirstGenerationIdIsUpgradedAndFillsInBirthDateAndGender() {
        String id15 = ID.substring(0, 6) + ID.substring(8, 17);
        StandardParty party = standardise(person("张伟", id15, null, null, "13812345678", "冷水江市"));

        assertThat(party.idNumber()).isEqualTo(ID);
        assertThat(party.idValid()).isTrue();
        assertThat(party.birthDate()).isEqualTo(BORN);
        assertThat(party.gender()).isEqualTo("M");
        assertThat(party.issues()).extracting(QualityIssue::flag).containsExactly(
                QualityFlag.ID_FIRST_GENERATION_UPGRADED, QualityFlag.BIRTH_DATE_FROM_ID, QualityFlag.GENDER_FROM_ID);
        assertThat(party.issues()).noneMatch(QualityIssue::invalidates);
        assertThat(party.completeness()).isEqualTo(100);
    }

    @Test
    void aWrongCheckDigitKeepsTheNumberAndDerivesNothing() {
        String wrong = ID.substring(0, 17) + (ID.charAt(17) == '0' ? '1' : '0');
        StandardParty party = standardise(person("张伟", wrong, null, null, "13812345678", "冷水江市"));

        assertThat(party.idNumber()).isEqualTo(wrong);
        assertThat(party.idValid()).isFalse();
        assertThat(party.isValid(QualityIssue.ID_NUMBER)).isFalse();
        assertThat(party.birthDate()).isNull();
        assertThat(party.gender()).isNull();
        assertThat(party.issues()).extracting(QualityIssue::flag).containsExactly(
                QualityFlag.ID_CHECK_DIGIT_INVALID, QualityFlag.MISSING_BIRTH_DATE, QualityFlag.MISSING_GENDER);
        assertThat(party.completeness()).isEqualTo(20 + 20 + 10); // name, phone, address
    }

    @Test
    void aStatedBirthDateThatContradictsTheIdIsKeptAndFlagged() {
        StandardParty party = standardise(person("张伟", ID, LocalDate.of(1980, 10, 1), "M", "13812345678", "冷水江市"));

        assertThat(party.birthDate()).isEqualTo(LocalDate.of(1980, 10, 1));
        assertThat(party.idValid()).isTrue();
        assertThat(party.issues()).extracting(QualityIssue::flag).containsExactly(QualityFlag.BIRTH_DATE_MISMATCH);
        assertThat(party.isValid(QualityIssue.BIRTH_DATE)).isFalse();
        assertThat(party.completeness()).isEqualTo(90);
    }

    @Test
    void aStatedGenderThatContradictsTheIdIsKeptAndFlagged() {
        StandardParty party = standardise(person("张伟", ID, BORN, "女", "13812345678", "冷水江市"));

        assertThat(party.gender()).isEqualTo("F");
        assertThat(party.issuesOf(QualityIssue.GENDER)).extracting(QualityIssue::flag)
                .containsExactly(QualityFlag.GENDER_MISMATCH);
        assertThat(party.completeness()).isEqualTo(95);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9", "0", "未知", "U", " "})
    void anExplicitlyUnknownGenderIsTakenFromTheId(String gender) {
        StandardParty party = standardise(person("张伟", ID, BORN, gender, "13812345678", "冷水江市"));

        assertThat(party.gender()).isEqualTo("M");
        assertThat(party.issues()).extracting(QualityIssue::flag).containsExactly(QualityFlag.GENDER_FROM_ID);
    }

    @Test
    void anUnknownGenderCodeIsKeptAndFlagged() {
        StandardParty party = standardise(person("张伟", ID, BORN, " x ", "13812345678", "冷水江市"));

        assertThat(party.gender()).isEqualTo("x");
        assertThat(party.issues()).extracting(QualityIssue::flag).containsExactly(QualityFlag.GENDER_INVALID);
        assertThat(party.completeness()).isEqualTo(95);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1899-12-31", "2026-11-23"})
    void anImpossibleStatedBirthDateIsFlagged(String date) {
        StandardParty party = standardise(person("张伟", null, LocalDate.parse(date), "M", "13812345678", "冷水江市"));

        assertThat(party.birthDate()).isEqualTo(LocalDate.parse(date));
        assertThat(party.issuesOf(QualityIssue.BIRTH_DATE)).extracting(QualityIssue::flag)
                .containsExactly(QualityFlag.BIRTH_DATE_INVALID);
    }

    @Test
    void aPersonWithOnlyANameIsTwentyPercentComplete() {
        StandardParty party = standardise(new RawParty(PartyType.PERSON, "张伟", null, null, null, null, null, null));

        assertThat(party.issues()).extracting(QualityIssue::flag).containsExactly(QualityFlag.MISSING_ID,
                QualityFlag.MISSING_BIRTH_DATE, QualityFlag.MISSING_GENDER, QualityFlag.MISSING_PHONE,
                QualityFlag.MISSING_ADDRESS);
        assertThat(party.issues()).noneMatch(QualityIssue::invalidates);
        assertThat(party.idValid()).isFalse();
        assertThat(party.completeness()).isEqualTo(20);
    }

    @Test
    void aNameWithoutLettersIsMissing() {
        StandardParty party = standardise(person(" · ", ID, BORN, "M", "13812345678", "冷水江市"));

        assertThat(party.name()).isNull();
        assertThat(party.issues()).extracting(QualityIssue::flag).containsExactly(QualityFlag.MISSING_NAME);
        assertThat(party.completeness()).isEqualTo(80);
    }

    @Test
    void anInvalidPhoneIsKeptAndCountsAsIncomplete() {
        StandardParty party = standardise(person("张伟", ID, BORN, "M", "522-1234", "冷水江市"));

        assertThat(party.phone()).isEqualTo("5221234");
        assertThat(party.issues()).extracting(QualityIssue::flag).containsExactly(QualityFlag.PHONE_INVALID);
        assertThat(party.completeness()).isEqualTo(80);
    }

    @Test
    void theMiddleDotNameGetsAKeyWithoutIt() {
        StandardParty party = standardise(person("阿不都 • 热合曼", ID, BORN, "M", "13812345678", "冷水江市"));

        assertThat(party.name()).isEqualTo("阿不都·热合曼");
        assertThat(party.nameKey()).isEqualTo("阿不都热合曼");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PASSPORT", "passport", "OTHER", "HK_MACAO_PERMIT"})
    void otherIdTypesAreOnlyCleanedNeverValidated(String idType) {
        StandardParty party = standardise(new RawParty(PartyType.PERSON, "John Smith", idType, " e 1234\u30005678 ",
                null, "M", "13812345678", "冷水江市"));

        assertThat(party.idType()).isEqualTo(idType.toUpperCase(Locale.ROOT));
        assertThat(party.idNumber()).isEqualTo("E12345678");
        assertThat(party.idValid()).isTrue();
        assertThat(party.issuesOf(QualityIssue.ID_NUMBER)).isEmpty();
        assertThat(party.issues()).extracting(QualityIssue::flag).containsExactly(QualityFlag.MISSING_BIRTH_DATE);
    }

    @Test
    void anIdNumberWithoutTypeIsKeptUnchecked() {
        StandardParty party = standardise(new RawParty(PartyType.PERSON, "张伟", null, "110105 491231 002", BORN, "M",
                "13812345678", "冷水江市"));

        assertThat(party.idType()).isNull();
        assertThat(party.idNumber()).isEqualTo("110105491231002");
        assertThat(party.issuesOf(QualityIssue.ID_NUMBER)).isEmpty();
    }

    @Test
    void aCleanOrganisationIsCompleteAndHasNoPersonalAttributes() {
        StandardParty party = standardise(new RawParty(PartyType.ORGANIZATION, "(冷水江)鑫华建材有限责任公司", "USCC",
                COMPANY_CODE.toLowerCase(), null, null, "0738-5221234", "湖南省娄底市冷水江市布溪街道人民路12号"));

        assertThat(party.issues()).isEmpty();
        assertThat(party.completeness()).isEqualTo(100);
        assertThat(party.name()).isEqualTo("（冷水江）鑫华建材有限责任公司");
        assertThat(party.nameKey()).isEqualTo("鑫华建材有限公司");
        assertThat(party.idNumber()).isEqualTo(COMPANY_CODE);
        assertThat(party.idValid()).isTrue();
        assertThat(party.birthDate()).isNull();
        assertThat(party.gender()).isNull();
        assertThat(party.phone()).isEqualTo("07385221234");
        assertThat(party.address()).isEqualTo("冷水江市布溪街道人民路12号");
    }

    @Test
    void aCorruptedCreditCodeIsKeptAndFlagged() {
        String corrupted = COMPANY_CODE.substring(0, 17) + (COMPANY_CODE.charAt(17) == '0' ? '1' : '0');
        StandardParty party = standardise(new RawParty(PartyType.ORGANIZATION, "鑫华建材有限公司", "USCC", corrupted,
                null, null, null, null));

        assertThat(party.idNumber()).isEqualTo(corrupted);
        assertThat(party.idValid()).isFalse();
        assertThat(party.issues()).extracting(QualityIssue::flag).containsExactly(QualityFlag.USCC_CHECK_INVALID,
                QualityFlag.MISSING_PHONE, QualityFlag.MISSING_ADDRESS);
        assertThat(party.completeness()).isEqualTo(25);
    }

    @Test
    void anOrganisationsBirthDateAndGenderArePassedThroughUnchecked() {
        LocalDate founded = LocalDate.of(2030, 1, 1);
        StandardParty party = standardise(new RawParty(PartyType.ORGANIZATION, "鑫华建材有限公司", "USCC", COMPANY_CODE,
                founded, "?", "0738-5221234", "冷水江市"));

        assertThat(party.birthDate()).isEqualTo(founded);
        assertThat(party.gender()).isEqualTo("?");
        assertThat(party.issues()).isEmpty();
    }

    @Test
    void aResidentIdOnAnOrganisationIsStillChecked() {
        StandardParty party = standardise(new RawParty(PartyType.ORGANIZATION, "张伟便民超市", "RESIDENT_ID",
                "110105194912310021", null, null, "0738-5221234", "冷水江市"));

        assertThat(party.issues()).extracting(QualityIssue::flag).containsExactly(QualityFlag.ID_CHECK_DIGIT_INVALID);
    }

    @Test
    void aFeedsPartyDataConverts() {
        PartyData data = new PartyData(PartyType.PERSON, "张伟", "RESIDENT_ID", ID, BORN, "M", "13812345678",
                "冷水江市", "农民", new LegalRepresentative("李明", "RESIDENT_ID", ID));

        assertThat(RawParty.from(data)).isEqualTo(person("张伟", ID, BORN, "M", "13812345678", "冷水江市"));
    }

    @Test
    void aPartyTypeIsRequired() {
        assertThatThrownBy(() -> new RawParty(null, "张伟", null, null, null, null, null, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void theOverloadWithoutADateWorks() {
        assertThat(PartyStandardiser.standardise(cleanPerson()).completeness()).isEqualTo(100);
    }
}
