package org.ecifhub.customermaster.domain.matching;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PairwiseMetricsTest {

    @Test
    void countsPairs() {
        // truth: {0,1,2} {3,4} {5}; predicted: {0,1} {2,3,4} {5}
        PairwiseMetrics m = PairwiseMetrics.of(new int[] {7, 7, 8, 8, 8, 9},
                List.of("a", "a", "a", "b", "b", "c"));

        assertThat(m.truePairs()).isEqualTo(4);       // 3 + 1
        assertThat(m.predictedPairs()).isEqualTo(4);  // 1 + 3
        assertThat(m.correctPairs()).isEqualTo(2);    // (0,1) and (3,4)
        assertThat(m.precision()).isEqualTo(0.5);
        assertThat(m.recall()).isEqualTo(0.5);
        assertThat(m.f1()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void perfectAndEmpty() {
        assertThat(PairwiseMetrics.of(new int[] {1, 1, 2}, List.of("x", "x", "y")).f1()).isEqualTo(1.0);
        PairwiseMetrics none = PairwiseMetrics.of(new int[] {1, 2}, List.of("x", "y"));
        assertThat(none.precision()).isEqualTo(1.0);
        assertThat(none.recall()).isEqualTo(1.0);
    }
}
