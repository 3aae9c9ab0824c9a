package org.ecifhub.customermaster.domain.matching;

import org.ecifhub.support.demo.FeedGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Matching on the project's own demo population: households and twins sharing birth date, address and phone,
 * homophone typos, 15-digit ids, full-width digits. The hard rule must hold on every variant, and the matcher
 * must never merge two parties.
 */
class GeneratorMatchingTest {

    private static List<GeneratorEvaluation.Labelled> data;
    private final ProbabilisticMatcher matcher = ProbabilisticMatcher.withDefaultModel();

    @BeforeAll
    static void generate() {
        // More twins than by default, so that the hard rule has work to do even in a small population.
        data = GeneratorEvaluation.generate(FeedGenerator.Options.defaults().withParties(3000).withTwinShare(0.05)
                .withEbankShare(0.2));
    }

    @Test
    void asGeneratedEveryRecordFindsItsPartyAndNoTwinsAreMerged() {
        GeneratorEvaluation.Report report = evaluate(GeneratorEvaluation.Variant.AS_GENERATED);

        assertThat(report.conflictingIdClusters()).isZero();
        assertThat(report.metrics().precision()).isEqualTo(1.0);
        assertThat(report.metrics().recall()).isEqualTo(1.0);
        assertThat(report.overriddenByRule()).as("twins the id rule kept apart").isPositive();
    }

    @Test
    void ebankingRecordsWithoutIdAreMatchedOnNameAndPhone() {
        GeneratorEvaluation.Report report = evaluate(GeneratorEvaluation.Variant.EBANK_WITHOUT_ID);

        assertThat(report.conflictingIdClusters()).isZero();
        assertThat(report.metrics().precision()).isGreaterThanOrEqualTo(0.999);
        // What is lost are e-banking records whose only link to the party is the name (no phone elsewhere).
        assertThat(report.metrics().recall()).isGreaterThan(0.9);
    }

    @Test
    void mistypedIdsNeitherProveNorBlock() {
        GeneratorEvaluation.Report report = evaluate(GeneratorEvaluation.Variant.EBANK_ID_TYPO);

        assertThat(report.conflictingIdClusters()).isZero();
        assertThat(report.metrics().precision()).isGreaterThanOrEqualTo(0.999);
        assertThat(report.metrics().recall()).isGreaterThan(0.99);
    }

    @Test
    void mistypingChangesOneDigitOnly() {
        assertThat(GeneratorEvaluation.mistype("431381198001010019")).isEqualTo("431381198101010019");
        assertThat(GeneratorEvaluation.mistype("４３１３８１１９８９０１０１００１９")).isEqualTo("４３１３８１１９８００１０１００１９");
    }

    private GeneratorEvaluation.Report evaluate(GeneratorEvaluation.Variant variant) {
        GeneratorEvaluation.Report report = GeneratorEvaluation.evaluate(data, variant, matcher);
        System.out.println(report);
        return report;
    }
}
