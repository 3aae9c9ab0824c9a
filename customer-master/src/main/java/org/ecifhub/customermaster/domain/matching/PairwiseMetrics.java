package org.ecifhub.customermaster.domain.matching;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Pairwise quality of a clustering against the truth: every pair of records put in one cluster is a predicted
 * match, every pair of records of one true entity a true match. The usual measure of record linkage benchmarks
 * (febrl, Splink, Duke report it), and the one that punishes a wrong merge of big clusters the hardest.
 *
 * @param truePairs pairs of records of the same entity
 * @param predictedPairs pairs of records in the same cluster
 * @param correctPairs pairs in both
 */
public record PairwiseMetrics(long truePairs, long predictedPairs, long correctPairs) {

    /** @param clusters the predicted cluster of each record; {@code entities} the true entity, same order */
    public static PairwiseMetrics of(int[] clusters, List<String> entities) {
        if (clusters.length != entities.size()) {
            throw new IllegalArgumentException(clusters.length + " clusters for " + entities.size() + " records");
        }
        Map<Integer, Long> clusterSizes = new HashMap<>();
        Map<String, Long> entitySizes = new HashMap<>();
        Map<String, Long> overlaps = new HashMap<>();
        for (int i = 0; i < clusters.length; i++) {
            clusterSizes.merge(clusters[i], 1L, Long::sum);
            entitySizes.merge(entities.get(i), 1L, Long::sum);
            overlaps.merge(clusters[i] + "\u0000" + entities.get(i), 1L, Long::sum);
        }
        return new PairwiseMetrics(pairs(entitySizes), pairs(clusterSizes), pairs(overlaps));
    }

    private static long pairs(Map<?, Long> sizes) {
        return sizes.values().stream().mapToLong(n -> n * (n - 1) / 2).sum();
    }

    public double precision() {
        return predictedPairs == 0 ? 1 : (double) correctPairs / predictedPairs;
    }

    public double recall() {
        return truePairs == 0 ? 1 : (double) correctPairs / truePairs;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** How many clusters hold records with two or more different valid checked ids of one type: must be 0. */
    public static int clustersWithConflictingIds(int[] clusters, List<MatchRecord> records) {
        Map<String, Set<String>> idsByClusterAndType = new HashMap<>();
        Set<Integer> conflicting = new HashSet<>();
        for (int i = 0; i < clusters.length; i++) {
            MatchRecord r = records.get(i);
            if (r.hasVerifiedId()) {
                Set<String> ids = idsByClusterAndType.computeIfAbsent(clusters[i] + ":" + r.idType(),
                        k -> new HashSet<>());
                ids.add(r.idNumber());
                if (ids.size() > 1) {
                    conflicting.add(clusters[i]);
                }
            }
        }
        return conflicting.size();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "P %.4f  R %.4f  F1 %.4f  (true pairs %d, predicted %d, correct %d)",
                precision(), recall(), f1(), truePairs, predictedPairs, correctPairs);
    }
}
