package org.ecifhub.customermaster.domain.matching;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Measures the matcher on labelled records: incremental clustering in file order, then pairwise precision,
 * recall and F1 against the truth.
 *
 * <p>Command line: {@code MatchEvaluation [--model MODEL_FILE] [--estimate] FEBRL_CSV...}: prints one line per
 * file; with {@code --estimate}, instead the model {@link EmEstimator} estimates from the file without its
 * labels (how the default's FEBRL-based levels were obtained).
 */
public final class MatchEvaluation {

    /** Random pairs drawn for estimating u: enough to see chance agreements of one in 100,000. */
    static final int RANDOM_PAIRS = 400_000;

    /** What one run measured. */
    public record Report(String name, int records, int clusters, PairwiseMetrics metrics, int conflictingIdClusters,
                         long comparisons, int reviews, long millis) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "%s: %d records -> %d clusters; %s; clusters with two valid ids %d; %d comparisons, "
                            + "%d review tasks; %d ms",
                    name, records, clusters, metrics, conflictingIdClusters, comparisons, reviews, millis);
        }
    }

    private MatchEvaluation() {
    }

    public static Report evaluate(String name, List<FebrlDataset.Labelled> data, ProbabilisticMatcher matcher) {
        long start = System.nanoTime();
        IncrementalClusterer clusterer = new IncrementalClusterer(matcher);
        int reviews = 0;
        for (FebrlDataset.Labelled l : data) {
            if (clusterer.add(l.record()).review()) {
                reviews++;
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        int[] clusters = clusterer.clusters();
        List<String> entities = data.stream().map(FebrlDataset.Labelled::entity).toList();
        return new Report(name, data.size(), clusterer.clusterCount(), PairwiseMetrics.of(clusters, entities),
                PairwiseMetrics.clustersWithConflictingIds(clusters, clusterer.records()), clusterer.comparisons(),
                reviews, millis);
    }

    /**
     * The unsupervised estimate of m and u from {@code records} (labels are not used): every pair sharing a
     * blocking key, and {@value #RANDOM_PAIRS} random pairs drawn with a fixed seed.
     */
    public static EmEstimator.Estimate estimate(List<MatchRecord> records, MatchModel start, String version) {
        Map<String, List<Integer>> blocks = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            for (String key : BlockingKeys.of(records.get(i))) {
                blocks.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        Set<Long> pairs = new HashSet<>();
        for (List<Integer> block : blocks.values()) {
            if (block.size() > IncrementalClusterer.DEFAULT_MAX_BLOCK) {
                continue;
            }
            for (int i = 0; i < block.size(); i++) {
                for (int j = i + 1; j < block.size(); j++) {
                    pairs.add((long) block.get(i) << 32 | block.get(j));
                }
            }
        }
        List<List<Comparison>> candidates = new ArrayList<>(pairs.size());
        for (long pair : pairs) {
            candidates.add(Comparators.compareAll(records.get((int) (pair >>> 32)), records.get((int) pair)));
        }
        Random random = new Random(42);
        List<List<Comparison>> randomPairs = new ArrayList<>(RANDOM_PAIRS);
        while (randomPairs.size() < RANDOM_PAIRS && records.size() > 1) {
            int a = random.nextInt(records.size());
            int b = random.nextInt(records.size());
            if (a != b) {
                randomPairs.add(Comparators.compareAll(records.get(a), records.get(b)));
            }
        }
        return EmEstimator.estimate(candidates, randomPairs, start, version, 500);
    }

    public static void main(String[] args) throws Exception {
        MatchModel model = MatchModel.defaults();
        boolean estimate = false;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--model") && i + 1 < args.length) {
                model = MatchModel.parse(Files.readString(Path.of(args[++i])));
            } else if (args[i].equals("--estimate")) {
                estimate = true;
            } else {
                files.add(Path.of(args[i]));
            }
        }
        if (files.isEmpty()) {
            System.err.println("usage: MatchEvaluation [--model MODEL_FILE] [--estimate] FEBRL_CSV...");
            System.exit(2);
        }
        if (estimate) {
            for (Path file : files) {
                List<MatchRecord> records = FebrlDataset.read(file).stream().map(FebrlDataset.Labelled::record)
                        .toList();
                EmEstimator.Estimate e = estimate(records, model, "em-" + file.getFileName());
                System.out.printf(Locale.ROOT, "# %s: match share among candidates %.4f, among random pairs %.6f,"
                        + " %d iterations%n", file.getFileName(), e.candidateMatchShare(), e.randomMatchShare(),
                        e.iterations());
                System.out.print(e.model().toText());
            }
            return;
        }
        ProbabilisticMatcher matcher = new ProbabilisticMatcher(model);
        System.out.println("model " + model.version() + ", upper " + model.upper() + ", lower " + model.lower());
        for (Path file : files) {
            System.out.println(evaluate(file.getFileName().toString(), FebrlDataset.read(file), matcher));
        }
    }
}
