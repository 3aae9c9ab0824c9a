package org.ecifhub.customermaster.domain.matching;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EmEstimatorTest {

    /**
     * Pairs drawn from a known model (three comparators, conditionally independent): the estimate recovers
     * its m and u without being told which pairs are matches.
     */
    @Test
    void recoversKnownProbabilitiesFromUnlabelledPairs() {
        Random rnd = new Random(1);
        List<List<Comparison>> candidates = new ArrayList<>();
        List<List<Comparison>> random = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            candidates.add(pair(rnd, rnd.nextDouble() < 0.4, 0.3));
        }
        for (int i = 0; i < 100_000; i++) {
            random.add(pair(rnd, rnd.nextDouble() < 0.001, 0.0));
        }

        EmEstimator.Estimate estimate = EmEstimator.estimate(candidates, random, MatchModel.defaults(), "test", 200);
        MatchModel model = estimate.model();

        assertThat(estimate.candidateMatchShare()).isCloseTo(0.4, within(0.02));
        assertThat(model.levels().get(MatchField.BIRTH_DATE).get("EXACT").m()).isCloseTo(0.9, within(0.02));
        assertThat(model.levels().get(MatchField.PHONE).get("EXACT").m()).isCloseTo(0.8, within(0.02));
        assertThat(model.levels().get(MatchField.BIRTH_DATE).get("EXACT").u()).isCloseTo(0.01, within(0.003));
        assertThat(model.levels().get(MatchField.PHONE).get("DIFFERENT").u()).isCloseTo(0.98, within(0.01));
        // A field the data never compares keeps the starting model's levels.
        assertThat(model.levels().get(MatchField.GIVEN_NAME)).isEqualTo(MatchModel.defaults().levels()
                .get(MatchField.GIVEN_NAME));
    }

    /**
     * One pair: name, birth date and phone agree with probability m for a match, u for a non-match; candidate
     * non-matches agree on the birth date more often ({@code blockingBias}), as blocking makes them do.
     */
    private static List<Comparison> pair(Random rnd, boolean match, double blockingBias) {
        String name = agree(rnd, match ? 0.85 : 0.05) ? "EXACT" : "DIFFERENT";
        String birth = agree(rnd, match ? 0.9 : 0.01 + blockingBias) ? "EXACT" : "DIFFERENT";
        String phone = agree(rnd, match ? 0.8 : 0.02) ? "EXACT" : "DIFFERENT";
        return List.of(new Comparison(MatchField.NAME, name, ""), new Comparison(MatchField.BIRTH_DATE, birth, ""),
                new Comparison(MatchField.PHONE, phone, ""));
    }

    private static boolean agree(Random rnd, double p) {
        return rnd.nextDouble() < p;
    }
}
