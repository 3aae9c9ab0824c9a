package org.ecifhub.customermaster.domain.matching;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimates a {@link MatchModel}'s m and u probabilities from unlabelled data by expectation–maximisation over
 * two samples of record pairs:
 * <ul>
 *   <li>the blocking candidates, rich in matches: they tell the m probabilities (how a party's records agree);</li>
 *   <li>random pairs of records, nearly all non-matches: they tell the u probabilities (how often unrelated
 *       records agree by chance). Estimating u from the candidates instead would make agreement look common
 *       among non-matches, since candidates agree on a blocking key by construction. The few true matches
 *       among random pairs (a duplicated party's records pair up by chance too) are weighted out by their
 *       posterior, not counted as chance agreement.</li>
 * </ul>
 * Each sample has its own share of matches, and the non-matching candidates their own agreement
 * probabilities within the iteration (they agree on a blocking key, so more than random pairs do); only the
 * random-pair u enters the model. A level never observed gets a small pseudo-count instead of a zero
 * probability, so that no single comparator can decide a pair with an infinite weight. Fields the data never
 * compares keep the levels of the starting model.
 */
public final class EmEstimator {

    /** Pseudo-count added to every level, so that an unseen level gets a small, not a zero, probability. */
    static final double PSEUDO_COUNT = 0.5;
    private static final double CONVERGED = 1e-7;

    private EmEstimator() {
    }

    /**
     * @param model the estimated model (thresholds and fields without data from the starting model)
     * @param candidateMatchShare estimated share of matches among the candidate pairs
     * @param randomMatchShare estimated share of matches among the random pairs
     */
    public record Estimate(MatchModel model, double candidateMatchShare, double randomMatchShare, int iterations) {
    }

    /**
     * @param candidates comparisons ({@link Comparators#compareAll}) of the blocking candidate pairs
     * @param randomPairs comparisons of uniformly drawn pairs of records
     * @param start the starting m and u, and the source of thresholds and of fields the data never compares
     */
    public static Estimate estimate(List<List<Comparison>> candidates, List<List<Comparison>> randomPairs,
                                    MatchModel start, String version, int maxIterations) {
        Map<List<Comparison>, Integer> candidatePatterns = patterns(candidates);
        Map<List<Comparison>, Integer> randomPatterns = patterns(randomPairs);
        Map<MatchField, Map<String, Double>> m = new EnumMap<>(MatchField.class);
        Map<MatchField, Map<String, Double>> u = new EnumMap<>(MatchField.class);
        start.levels().forEach((field, levels) -> {
            m.put(field, new LinkedHashMap<>());
            u.put(field, new LinkedHashMap<>());
            levels.forEach((level, l) -> {
                m.get(field).put(level, l.m());
                u.get(field).put(level, l.u());
            });
        });
        u.putAll(frequencies(randomPatterns)); // start u: every random pair taken for a non-match
        // Non-matching candidates agree far more often than random pairs (they share a blocking key): they get
        // their own u within the EM, or the matches' m would soak them up. Only random-pair u enters the model.
        Map<MatchField, Map<String, Double>> candidateU = copy(u);
        double candidateShare = 0.5;
        double randomShare = 1e-3;
        int iteration = 0;
        double change = 1;
        while (iteration < maxIterations && change > CONVERGED) {
            iteration++;
            Map<List<Comparison>, Double> gCandidates = posteriors(candidatePatterns, m, candidateU, candidateShare);
            Map<List<Comparison>, Double> nonMatchCandidates = new HashMap<>();
            gCandidates.forEach((p, g) -> nonMatchCandidates.put(p, candidatePatterns.get(p) - g));
            Map<List<Comparison>, Double> gRandom = posteriors(randomPatterns, m, u, randomShare);
            Map<List<Comparison>, Double> nonMatchRandom = new HashMap<>();
            gRandom.forEach((p, g) -> nonMatchRandom.put(p, randomPatterns.get(p) - g));
            Map<MatchField, Map<String, Double>> newM = frequencies(gCandidates);
            Map<MatchField, Map<String, Double>> newU = frequencies(nonMatchRandom);
            double newCandidateShare = share(gCandidates, candidatePatterns);
            double newRandomShare = share(gRandom, randomPatterns);
            change = Math.max(Math.abs(newCandidateShare - candidateShare), Math.abs(newRandomShare - randomShare));
            change = Math.max(change, maxChange(m, newM));
            change = Math.max(change, maxChange(u, newU));
            m.putAll(newM);
            u.putAll(newU);
            candidateU.putAll(frequencies(nonMatchCandidates));
            candidateShare = newCandidateShare;
            randomShare = newRandomShare;
        }
        Map<MatchField, Map<String, MatchModel.Level>> levels = new EnumMap<>(MatchField.class);
        for (MatchField field : MatchField.values()) {
            Map<String, MatchModel.Level> byLevel = new LinkedHashMap<>();
            for (String level : field.levels()) {
                byLevel.put(level, new MatchModel.Level(m.get(field).get(level), u.get(field).get(level)));
            }
            levels.put(field, byLevel);
        }
        return new Estimate(new MatchModel(version, levels, start.upper(), start.lower()), candidateShare,
                randomShare, iteration);
    }

    /** Identical level vectors counted once: a few hundred patterns stand for many thousand pairs. */
    private static Map<List<Comparison>, Integer> patterns(List<List<Comparison>> pairs) {
        Map<List<Comparison>, Integer> patterns = new HashMap<>();
        for (List<Comparison> pair : pairs) {
            List<Comparison> pattern = pair.stream().map(c -> new Comparison(c.field(), c.level(), "")).toList();
            patterns.merge(pattern, 1, Integer::sum);
        }
        return patterns;
    }

    /** Per pattern: its count times the posterior probability that it is a match. */
    private static Map<List<Comparison>, Double> posteriors(Map<List<Comparison>, Integer> patterns,
                                                            Map<MatchField, Map<String, Double>> m,
                                                            Map<MatchField, Map<String, Double>> u, double share) {
        Map<List<Comparison>, Double> out = new HashMap<>();
        patterns.forEach((pattern, count) -> {
            double logOdds = Math.log(share / (1 - share));
            for (Comparison c : pattern) {
                if (!c.isMissing()) {
                    logOdds += Math.log(m.get(c.field()).get(c.level())) - Math.log(u.get(c.field()).get(c.level()));
                }
            }
            double g = logOdds > 50 ? 1 : logOdds < -50 ? 0 : 1 / (1 + Math.exp(-logOdds));
            out.put(pattern, g * count);
        });
        return out;
    }

    private static double share(Map<List<Comparison>, Double> weighted, Map<List<Comparison>, Integer> patterns) {
        double matches = weighted.values().stream().mapToDouble(Double::doubleValue).sum();
        double all = patterns.values().stream().mapToInt(Integer::intValue).sum();
        return Math.min(1 - 1e-9, Math.max(1e-9, matches / all));
    }

    /** Weighted level frequencies per field, smoothed; a field never compared is absent. */
    private static Map<MatchField, Map<String, Double>> frequencies(Map<List<Comparison>, ? extends Number> weighted) {
        Map<MatchField, Map<String, Double>> counts = new EnumMap<>(MatchField.class);
        weighted.forEach((pattern, weight) -> {
            for (Comparison c : pattern) {
                if (!c.isMissing()) {
                    counts.computeIfAbsent(c.field(), f -> new HashMap<>())
                            .merge(c.level(), weight.doubleValue(), Double::sum);
                }
            }
        });
        Map<MatchField, Map<String, Double>> result = new EnumMap<>(MatchField.class);
        counts.forEach((field, byLevel) -> {
            double sum = byLevel.values().stream().mapToDouble(Double::doubleValue).sum()
                    + PSEUDO_COUNT * field.levels().size();
            Map<String, Double> p = new LinkedHashMap<>();
            for (String level : field.levels()) {
                p.put(level, (byLevel.getOrDefault(level, 0.0) + PSEUDO_COUNT) / sum);
            }
            result.put(field, p);
        });
        return result;
    }

    private static Map<MatchField, Map<String, Double>> copy(Map<MatchField, Map<String, Double>> p) {
        Map<MatchField, Map<String, Double>> out = new EnumMap<>(MatchField.class);
        p.forEach((field, byLevel) -> out.put(field, new LinkedHashMap<>(byLevel)));
        return out;
    }

    private static double maxChange(Map<MatchField, Map<String, Double>> old,
                                     Map<MatchField, Map<String, Double>> updated) {
        double max = 0;
        for (Map.Entry<MatchField, Map<String, Double>> e : updated.entrySet()) {
            for (Map.Entry<String, Double> l : e.getValue().entrySet()) {
                max = Math.max(max, Math.abs(l.getValue() - old.get(e.getKey()).get(l.getKey())));
            }
        }
        return max;
    }
}
