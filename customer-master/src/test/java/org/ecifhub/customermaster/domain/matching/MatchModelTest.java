package org.ecifhub.customermaster.domain.matching;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MatchModelTest {

    @Test
    void theDefaultHasEveryLevelAndAVersion() {
        MatchModel model = MatchModel.defaults();
        assertThat(model.version()).isNotBlank();
        assertThat(model.upper()).isGreaterThan(model.lower());
        for (MatchField field : MatchField.values()) {
            assertThat(model.levels().get(field).keySet()).containsExactlyElementsOf(field.levels());
        }
    }

    @Test
    void betterLevelsWeighMore() {
        MatchModel model = MatchModel.defaults();
        for (MatchField field : MatchField.values()) {
            double best = model.weight(field, field.levels().get(0));
            double worst = model.weight(field, field.levels().get(field.levels().size() - 1));
            assertThat(best).as(field.name()).isGreaterThan(0);
            assertThat(worst).as(field.name()).isLessThan(0);
            assertThat(best).as(field.name()).isGreaterThan(worst);
        }
        // Agreement on a personal attribute weighs more than a homophone of it, which weighs more than SIMILAR.
        assertThat(model.weight(MatchField.NAME, "EXACT")).isGreaterThan(model.weight(MatchField.NAME, "SOUNDS_ALIKE"));
        assertThat(model.weight(MatchField.NAME, "SOUNDS_ALIKE")).isGreaterThan(model.weight(MatchField.NAME, "SIMILAR"));
        assertThat(model.weight(MatchField.ID, "EXACT")).isGreaterThan(model.weight(MatchField.ID, "EXACT_INVALID"));
    }

    @Test
    void aWeightIsTheLog2LikelihoodRatio() {
        MatchModel.Level level = new MatchModel.Level(0.9, 0.0009);
        assertThat(level.weight()).isCloseTo(Math.log(1000) / Math.log(2), within(1e-9));
        assertThat(MatchModel.defaults().weight(MatchField.PHONE, MatchField.MISSING)).isZero();
    }

    @Test
    void theTextFormRoundTrips() {
        MatchModel model = MatchModel.defaults();
        MatchModel again = MatchModel.parse(model.toText());
        assertThat(again).isEqualTo(model);
        assertThat(model.toText()).contains("version = " + model.version(), "NAME.EXACT = ", "# weight");
    }

    @Test
    void anIncompleteModelIsRejected() {
        String withoutAddress = MatchModel.defaults().toText().lines()
                .filter(line -> !line.startsWith("ADDRESS.EXACT"))
                .reduce("", (a, b) -> a + b + "\n");
        assertThatThrownBy(() -> MatchModel.parse(withoutAddress)).hasMessageContaining("ADDRESS.EXACT");
        assertThatThrownBy(() -> MatchModel.parse("version = x\nupper = 1\nlower = 2\n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MatchModel.parse(MatchModel.defaults().toText() + "NAME.TYPO = 0.1 0.1\n"))
                .hasMessageContaining("TYPO");
        assertThatThrownBy(() -> new MatchModel.Level(0, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLargerPopulationNeedsMoreEvidence() {
        MatchModel model = MatchModel.defaults();
        MatchModel million = model.forPopulation(1_000_000);
        double shift = Math.log(1_000_000.0 / MatchModel.REFERENCE_POPULATION) / Math.log(2);
        assertThat(million.upper()).isCloseTo(model.upper() + shift, within(1e-9));
        assertThat(million.lower()).isCloseTo(model.lower() + shift, within(1e-9));
        assertThat(million.version()).isEqualTo(model.version() + "@1000000");
        assertThat(million.levels()).isEqualTo(model.levels());
    }
}
