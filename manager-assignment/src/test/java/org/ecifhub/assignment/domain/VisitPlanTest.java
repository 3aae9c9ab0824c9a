package org.ecifhub.assignment.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class VisitPlanTest {

    final VisitPlan plan = VisitPlan.defaults();
    final LocalDate since = LocalDate.of(2026, 1, 10);

    @Test
    void theDefaultIntervalsAreMonthlyQuarterlyAndTwiceAYear() {
        assertThat(plan.nextDue("PRIVILEGE", null, null, since)).contains(LocalDate.of(2026, 2, 10));
        assertThat(plan.nextDue("EXCELLENT", null, null, since)).contains(LocalDate.of(2026, 4, 10));
        assertThat(plan.nextDue("POTENTIAL", null, null, since)).contains(LocalDate.of(2026, 7, 10));
        assertThat(plan.nextDue("GENERAL", null, null, since)).isEmpty();
    }

    @Test
    void theLastVisitAndItsNextDateMoveTheDueDate() {
        assertThat(plan.nextDue("PRIVILEGE", LocalDate.of(2026, 3, 5), null, since)).contains(LocalDate.of(2026, 4, 5));
        assertThat(plan.nextDue("PRIVILEGE", LocalDate.of(2026, 3, 5), LocalDate.of(2026, 3, 20), since))
                .contains(LocalDate.of(2026, 3, 20));
    }
}
