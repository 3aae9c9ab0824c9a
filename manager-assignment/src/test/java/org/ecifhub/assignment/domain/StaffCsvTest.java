package org.ecifhub.assignment.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StaffCsvTest {

    @Test
    void readsManagersAndTellersWithQuotesAndDefaults() {
        var r = StaffCsv.parse("""
                staffId,name,branchCode,role,grade,capacity,status
                S1,"刘, 建军",B1,CUSTOMER_MANAGER,SENIOR,250,
                T1,王芳,B1,teller,,,ON_LEAVE
                """);
        assertThat(r.errors()).isEmpty();
        assertThat(r.rows()).hasSize(2);
        assertThat(r.rows().get(0).name()).isEqualTo("刘, 建军");
        assertThat(r.rows().get(0).capacity()).isEqualTo(250);
        assertThat(r.rows().get(1).role()).isEqualTo(StaffRole.TELLER);
        assertThat(r.rows().get(1).capacity()).isEqualTo(StaffCsv.DEFAULT_CAPACITY);
        assertThat(r.rows().get(1).status()).isEqualTo(StaffStatus.ON_LEAVE);
    }

    @Test
    void namesEveryRefusedValueWithItsRowAndField() {
        var r = StaffCsv.parse("""
                staffId,name,branchCode,role,grade,capacity
                S1,甲,B1,CUSTOMER_MANAGER,,300
                T1,乙,B1,TELLER,SENIOR,300
                S2,丙,B1,BOSS,,x
                S3,丁,B1,CUSTOMER_MANAGER,MANAGER,10
                S3,戊,B1,CUSTOMER_MANAGER,MANAGER,10
                """);
        assertThat(r.errors()).extracting(StaffCsv.Error::index, StaffCsv.Error::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, "grade"), org.assertj.core.groups.Tuple.tuple(1, "grade"),
                org.assertj.core.groups.Tuple.tuple(2, "role"), org.assertj.core.groups.Tuple.tuple(2, "capacity"),
                org.assertj.core.groups.Tuple.tuple(4, "staffId"));
    }

    @Test
    void aMissingColumnIsRefused() {
        assertThat(StaffCsv.parse("staffId,name\nS1,甲\n").errors()).extracting(StaffCsv.Error::field)
                .containsExactly("branchCode", "role");
    }
}
