package org.ecifhub.customermaster.domain;

import org.ecifhub.customermaster.domain.standard.PartyStandardiser;
import org.ecifhub.customermaster.domain.standard.RawParty;
import org.ecifhub.customermaster.domain.standard.ResidentIds;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SurvivorshipTest {

    static final String VALID_ID = "43138119800101" + "001";
    static final String ID = VALID_ID + ResidentIds.checkChar(VALID_ID);
    static final OffsetDateTime OLD = OffsetDateTime.parse("2026-01-01T00:00:00+08:00");
    static final OffsetDateTime NEW = OffsetDateTime.parse("2026-11-01T00:00:00+08:00");

    static Survivorship.Contribution contribution(long id, String source, OffsetDateTime asOf, String name,
                                                  String idNumber, String phone, String branch) {
        return new Survivorship.Contribution(id, source, source + id, asOf,
                PartyStandardiser.standardise(new RawParty(PartyType.PERSON, name, "RESIDENT_ID", idNumber, null, null,
                        phone, null), LocalDate.of(2026, 11, 22)),
                null, branch);
    }

    @Test
    void theLoanSystemsNameBeatsANewerDepositNameAndEbankingsPhoneWins() {
        var survivors = Survivorship.survive(List.of(
                contribution(1, "DEPOSIT", NEW, "张玮", ID, "13800000001", "LSJ001"),
                contribution(2, "LOAN", OLD, "张伟", ID, "13800000002", "LSJ009"),
                contribution(3, "EBANK", OLD, "张伟", null, "13800000003", null)), SourceTrust.defaults());

        assertThat(survivors.attributes().name()).isEqualTo("张伟");
        assertThat(survivors.lineage().get("name").source()).isEqualTo("LOAN");
        assertThat(survivors.attributes().phone()).isEqualTo("13800000003");
        assertThat(survivors.lineage().get("phone").sourceRecordId()).isEqualTo(3);
        assertThat(survivors.attributes().branchCode()).isEqualTo("LSJ001");
        assertThat(survivors.attributes().idNumber()).isEqualTo(ID);
        assertThat(survivors.attributes().idType()).isEqualTo("RESIDENT_ID");
    }

    @Test
    void aValidValueBeatsAMoreTrustedInvalidOne() {
        String invalid = ID.substring(0, 17) + (ID.charAt(17) == '1' ? '2' : '1');
        var survivors = Survivorship.survive(List.of(
                contribution(1, "LOAN", NEW, "李娜", invalid, null, null),
                contribution(2, "EBANK", OLD, "李娜", ID, "12345", null)), SourceTrust.defaults());

        assertThat(survivors.attributes().idNumber()).isEqualTo(ID);
        assertThat(survivors.lineage().get("idNumber").source()).isEqualTo("EBANK");
        // An invalid phone is still better than none.
        assertThat(survivors.attributes().phone()).isEqualTo("12345");
    }

    @Test
    void amongEquallyTrustedValidValuesTheMoreRecentWinsAndMissingNeverWins() {
        var survivors = Survivorship.survive(List.of(
                contribution(1, "DEPOSIT", OLD, "王芳", ID, "13800000001", "LSJ001"),
                contribution(2, "DEPOSIT", NEW, "王芳", ID, null, "LSJ002")), SourceTrust.defaults());

        assertThat(survivors.attributes().branchCode()).isEqualTo("LSJ002");
        assertThat(survivors.attributes().phone()).isEqualTo("13800000001");
    }
}
