package org.ecifhub.customermaster.domain.matching;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Consolidates a stream of records the way the hub does, one record at a time, in memory: the reference
 * implementation of the service's flow and the harness of the quality measurements.
 *
 * <ol>
 *   <li>Deterministic rule: a record with a valid checked id (resident id, USCC) joins the party already holding
 *       that id.</li>
 *   <li>Otherwise its candidates are the records sharing a {@link BlockingKeys blocking key}; each is compared
 *       with the matcher, and a party's score is the best score of its members.</li>
 *   <li>The record joins the best-scoring party at or above {@code upper}, unless a hard rule blocks it: a
 *       member of different type, or the party already holding a different valid id of the same checked type
 *       (checked on the party, not only on the candidates found, so that no chain of id-less records can bring
 *       two ids together).</li>
 *   <li>Otherwise it starts a new party; when some party scored between the thresholds, that is a stewardship
 *       task ({@link Assignment#review()}).</li>
 * </ol>
 *
 * <p>Parties are never merged after the fact here: a record that would link two existing parties joins the
 * better one. Not thread-safe.
 */
public final class IncrementalClusterer {

    /**
     * Keys shared by more records than this are skipped when looking for candidates: a default phone number or
     * a placeholder birth date would otherwise pull in thousands of unrelated records.
     */
    public static final int DEFAULT_MAX_BLOCK = 1_000;

    /** How a record was placed. */
    public enum Link {
        /** Joined the party holding the same valid checked id. */
        SAME_VERIFIED_ID,
        /** Joined the best party scoring at or above {@code upper}. */
        MATCHED,
        /** Started a new party. */
        NEW_PARTY
    }

    /**
     * @param cluster the party (cluster) number the record now belongs to, 0-based in order of creation
     * @param best the best comparison with a member of the chosen party, or for a new party the best one with
     *             any candidate; null when there was none
     * @param review whether the record needs a steward: a new party while another scored at or above
     *               {@code lower}
     */
    public record Assignment(int recordIndex, int cluster, Link link, MatchResult best, boolean review) {
    }

    private final ProbabilisticMatcher matcher;
    private final int maxBlock;
    private final List<MatchRecord> records = new ArrayList<>();
    private final List<Integer> clusterOfRecord = new ArrayList<>();
    private final Map<String, List<Integer>> recordsByKey = new HashMap<>();
    private final Map<String, Integer> clusterByVerifiedId = new HashMap<>();
    /** Per cluster: id type → the valid checked id it holds. */
    private final List<Map<String, String>> verifiedIdsOfCluster = new ArrayList<>();
    private long comparisons;
    private int blockedByRule;

    public IncrementalClusterer(ProbabilisticMatcher matcher) {
        this(matcher, DEFAULT_MAX_BLOCK);
    }

    public IncrementalClusterer(ProbabilisticMatcher matcher, int maxBlock) {
        this.matcher = Objects.requireNonNull(matcher, "matcher");
        this.maxBlock = maxBlock;
    }

    public Assignment add(MatchRecord record) {
        int index = records.size();
        Assignment assignment = place(index, record);
        records.add(record);
        clusterOfRecord.add(assignment.cluster());
        if (assignment.cluster() == verifiedIdsOfCluster.size()) {
            verifiedIdsOfCluster.add(new HashMap<>(2));
        }
        if (record.hasVerifiedId()) {
            clusterByVerifiedId.putIfAbsent(idKey(record), assignment.cluster());
            verifiedIdsOfCluster.get(assignment.cluster()).putIfAbsent(record.idType(), record.idNumber());
        }
        for (String key : BlockingKeys.of(record)) {
            recordsByKey.computeIfAbsent(key, k -> new ArrayList<>(2)).add(index);
        }
        return assignment;
    }

    private Assignment place(int index, MatchRecord record) {
        if (record.hasVerifiedId()) {
            Integer cluster = clusterByVerifiedId.get(idKey(record));
            if (cluster != null) {
                return new Assignment(index, cluster, Link.SAME_VERIFIED_ID, null, false);
            }
        }
        Map<Integer, MatchResult> bestByCluster = new HashMap<>();
        MatchResult bestOverall = null;
        for (int candidate : candidates(record)) {
            MatchRecord other = records.get(candidate);
            int cluster = clusterOfRecord.get(candidate);
            // Twins and neighbours in the id sequence come in through the partial id keys: no need to weigh
            // what the id rule forbids anyway.
            if (HardRules.differentVerifiedIds(record, other) || holdsOtherVerifiedId(cluster, record)) {
                blockedByRule++;
                continue;
            }
            MatchResult result = matcher.match(record, other);
            comparisons++;
            if (result.outcome() == MatchOutcome.BLOCKED_BY_RULE) {
                blockedByRule++;
                continue;
            }
            if (bestOverall == null || result.totalWeight() > bestOverall.totalWeight()) {
                bestOverall = result;
            }
            bestByCluster.merge(cluster, result, (x, y) -> x.totalWeight() >= y.totalWeight() ? x : y);
        }
        int bestCluster = -1;
        MatchResult best = null;
        for (Map.Entry<Integer, MatchResult> e : bestByCluster.entrySet()) {
            MatchResult r = e.getValue();
            boolean better = best == null || r.totalWeight() > best.totalWeight()
                    || r.totalWeight() == best.totalWeight() && e.getKey() < bestCluster; // deterministic ties
            if (r.outcome() == MatchOutcome.MATCH && better) {
                best = r;
                bestCluster = e.getKey();
            }
        }
        if (best != null) {
            return new Assignment(index, bestCluster, Link.MATCHED, best, false);
        }
        boolean review = bestOverall != null && bestOverall.outcome() == MatchOutcome.POSSIBLE_MATCH;
        return new Assignment(index, verifiedIdsOfCluster.size(), Link.NEW_PARTY, bestOverall, review);
    }

    /** Records sharing a key with {@code record}, each once, in the order they were added. */
    private Set<Integer> candidates(MatchRecord record) {
        Set<Integer> found = new LinkedHashSet<>();
        for (String key : BlockingKeys.of(record)) {
            List<Integer> block = recordsByKey.get(key);
            if (block != null && block.size() <= maxBlock) {
                found.addAll(block);
            }
        }
        return found;
    }

    private boolean holdsOtherVerifiedId(int cluster, MatchRecord record) {
        if (!record.hasVerifiedId()) {
            return false;
        }
        String held = verifiedIdsOfCluster.get(cluster).get(record.idType());
        return held != null && !held.equals(record.idNumber());
    }

    private static String idKey(MatchRecord r) {
        return r.idType() + ":" + r.idNumber();
    }

    /** The cluster of every record added, in order. */
    public int[] clusters() {
        return clusterOfRecord.stream().mapToInt(Integer::intValue).toArray();
    }

    public List<MatchRecord> records() {
        return List.copyOf(records);
    }

    public int clusterCount() {
        return verifiedIdsOfCluster.size();
    }

    /** Pairs compared by the matcher so far. */
    public long comparisons() {
        return comparisons;
    }

    /** Candidate pairs a hard rule kept apart so far. */
    public int blockedByRule() {
        return blockedByRule;
    }
}
