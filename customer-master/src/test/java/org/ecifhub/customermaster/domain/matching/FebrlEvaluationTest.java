package org.ecifhub.customermaster.domain.matching;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The acceptance measure of the matcher: incremental clustering of FEBRL dataset3 (5,000 records of 2,000
 * people, up to five noisy duplicates each) with the default model, scored pairwise against the truth.
 * Published figures on this set: Splink F1 0.9954, Duke (tuned) 0.9985.
 *
 * <p>The data lives outside the repository, in {@code shared/data/febrl} beside the checkout; the system
 * property {@code ecif.febrl.dir} overrides the location. A missing file fails the test: the measure must not
 * silently stop being taken.
 */
class FebrlEvaluationTest {

    static final String DIR_PROPERTY = "ecif.febrl.dir";

    @Test
    void febrl3MeetsTheQualityTarget() {
        List<FebrlDataset.Labelled> data = FebrlDataset.read(febrlFile("dataset3.csv"));
        assertThat(data).hasSize(5000);

        MatchEvaluation.Report report = MatchEvaluation.evaluate("dataset3", data,
                ProbabilisticMatcher.withDefaultModel());
        System.out.println(report);

        assertThat(report.metrics().truePairs()).isEqualTo(6538);
        assertThat(report.metrics().precision()).as("precision").isGreaterThanOrEqualTo(0.999);
        assertThat(report.metrics().f1()).as("F1").isGreaterThanOrEqualTo(0.995);
        assertThat(report.conflictingIdClusters()).isZero();
    }

    @Test
    void febrlRecordsAreReadAsDocumented() {
        FebrlDataset.Labelled line = FebrlDataset.parse("rec-10-dup-0, hannagan, mikhayla, 20, rupp lace, "
                + "brentwoo dvlge, penshurst, 2283, vic, 19770501, 1030769");

        assertThat(line.entity()).isEqualTo("10");
        MatchRecord r = line.record();
        assertThat(r.givenName()).isEqualTo("hannagan");
        assertThat(r.surname()).isEqualTo("mikhayla");
        assertThat(r.nameKey()).isEqualTo("HANNAGAN MIKHAYLA");
        assertThat(r.address()).isEqualTo("20 rupp lace brentwoo dvlge penshurst 2283 vic");
        assertThat(r.postcode()).isEqualTo("2283");
        assertThat(r.birthDate()).hasToString("1977-05-01");
        assertThat(r.idType()).isEqualTo(FebrlDataset.ID_TYPE);
        assertThat(r.idNumber()).isEqualTo("1030769");
        assertThat(r.hasVerifiedId()).isFalse(); // seven digits without a check: evidence, not proof
        assertThat(FebrlDataset.birthDate("19770231")).isNull(); // a corrupted date is missing, not a guess
    }

    /**
     * {@code -Decif.febrl.dir=…}, else {@code shared/data/febrl} in the working directory or any directory
     * above it (the checkout is {@code …/main}, the data {@code …/shared}).
     */
    static Path febrlFile(String name) {
        String configured = System.getProperty(DIR_PROPERTY);
        if (configured != null) {
            Path file = Path.of(configured).resolve(name);
            if (!Files.isRegularFile(file)) {
                fail("FEBRL file " + file.toAbsolutePath() + " not found (from -D" + DIR_PROPERTY + "=" + configured
                        + ")");
            }
            return file;
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path file = dir.resolve("shared").resolve("data").resolve("febrl").resolve(name);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return fail("FEBRL file shared/data/febrl/" + name + " not found in " + start
                + " or any directory above it; put the FEBRL data there (see shared/data/febrl/README.md) or set -D"
                + DIR_PROPERTY + "=DIR");
    }
}
