package org.ecifhub.customermaster.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.ecifhub.customermaster.domain.PartyAttributes;
import org.ecifhub.customermaster.domain.matching.BlockingKeys;
import org.ecifhub.customermaster.domain.matching.MatchModel;
import org.ecifhub.customermaster.domain.matching.MatchOutcome;
import org.ecifhub.customermaster.domain.matching.MatchRecord;
import org.ecifhub.customermaster.domain.matching.MatchResult;
import org.ecifhub.customermaster.domain.matching.ProbabilisticMatcher;
import org.ecifhub.customermaster.domain.standard.PartyStandardiser;
import org.ecifhub.customermaster.domain.standard.RawParty;
import org.ecifhub.customermaster.domain.standard.StandardParty;
import org.ecifhub.customermaster.persistence.GoldenRecordEntity;
import org.ecifhub.customermaster.persistence.GoldenRecordRepository;
import org.ecifhub.customermaster.persistence.MatchingStore;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The probabilistic half of "who is this?": for a record that neither its cross-reference nor a valid id places,
 * scores the golden records that share a blocking key and decides MATCH (join it), POSSIBLE_MATCH (a new party
 * plus a stewardship task) or NON_MATCH (a new party). Every decision is stored with its explanation.
 */
@ApplicationScoped
public class MatchingService {

    static final int MAX_CANDIDATES = 20;
    /** Best decision first: a MATCH, then a POSSIBLE_MATCH, …; within one, the higher total. */
    static final Comparator<MatchResult> BEST = Comparator
            .comparingInt((MatchResult r) -> rank(r.outcome()))
            .thenComparing(MatchResult::totalWeight, Comparator.reverseOrder());

    /** The decision for one record; {@code customerNumber} is null when it is a new party. */
    public record Decision(String customerNumber, MatchResult best, long matchResultId) {
        public boolean possibleMatch() {
            return best != null && best.outcome() == MatchOutcome.POSSIBLE_MATCH;
        }
    }

    private final ProbabilisticMatcher matcher = new ProbabilisticMatcher(MatchModel.defaults());
    private final MatchingStore store;
    private final GoldenRecordRepository goldenRecords;
    private final ObjectMapper mapper;

    public MatchingService(MatchingStore store, GoldenRecordRepository goldenRecords, ObjectMapper mapper) {
        this.store = store;
        this.goldenRecords = goldenRecords;
        this.mapper = mapper;
    }

    /** The matcher both consolidation paths decide with (one model, one version). */
    ProbabilisticMatcher matcher() {
        return matcher;
    }

    public static MatchRecord matchRecord(String id, StandardParty party) {
        return MatchRecord.of(id, party);
    }

    /** The blocking keys of a record, prefixed for use as lock names too. */
    public static Set<String> keysOf(MatchRecord record) {
        return BlockingKeys.of(record);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Decision decide(String source, String sourceCustomerId, MatchRecord incoming) {
        MatchResult best = null;
        for (String candidateNumber : store.candidates(keysOf(incoming), MAX_CANDIDATES,
                incoming.hasVerifiedId())) {
            GoldenRecordEntity candidate = goldenRecords.findById(candidateNumber);
            MatchResult result = matcher.match(incoming, matchRecord(candidateNumber, standardOf(candidate)));
            if (best == null || BEST.compare(result, best) < 0) {
                best = result;
            }
        }
        if (best == null) {
            long id = store.recordResult(source, sourceCustomerId, null, "NO_CANDIDATE", null,
                    "{\"reason\": \"no golden record shares a blocking key\"}", matcher.model().version());
            return new Decision(null, null, id);
        }
        long id = store.recordResult(source, sourceCustomerId, best.rightId(), best.outcome().name(),
                best.totalWeight(), json(best), best.modelVersion());
        return new Decision(best.outcome() == MatchOutcome.MATCH ? best.rightId() : null, best, id);
    }

    /** Records that a valid id decided the match by rule, so that every placement has its stored reason. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordRuleMatch(String source, String sourceCustomerId, String customerNumber) {
        store.recordResult(source, sourceCustomerId, customerNumber, "SAME_VALID_ID", null,
                "{\"rule\": \"the same valid id (type and number) is the same party\"}", "rule");
    }

    /**
     * Re-indexes a golden record under the keys of every source record it consolidates.
     *
     * @param verifiedId whether the golden record carries a valid resident id or USCC
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void index(String customerNumber, List<StandardParty> parties, boolean verifiedId) {
        Set<String> keys = new HashSet<>();
        for (StandardParty p : parties) {
            keys.addAll(keysOf(matchRecord(customerNumber, p)));
        }
        store.replaceKeys(customerNumber, keys, verifiedId);
    }

    private static StandardParty standardOf(GoldenRecordEntity g) {
        return standardOf(g.attributes());
    }

    /** A golden record's surviving attributes in standard form, as the matcher compares them. */
    static StandardParty standardOf(PartyAttributes a) {
        return PartyStandardiser.standardise(new RawParty(a.type(), a.name(), a.idType(), a.idNumber(),
                a.birthDate(), a.gender(), a.phone(), a.address()));
    }

    private static int rank(MatchOutcome outcome) {
        return switch (outcome) {
            case MATCH -> 0;
            case POSSIBLE_MATCH -> 1;
            case NON_MATCH -> 2;
            case BLOCKED_BY_RULE -> 3;
        };
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
