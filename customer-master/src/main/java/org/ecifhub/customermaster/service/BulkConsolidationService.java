package org.ecifhub.customermaster.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.ecifhub.commons.events.EventEnvelope;
import org.ecifhub.customermaster.config.CustomerMasterConfig;
import org.ecifhub.customermaster.domain.AccountData;
import org.ecifhub.customermaster.domain.CustomerEvent;
import org.ecifhub.customermaster.domain.FeedRecord;
import org.ecifhub.customermaster.domain.PartyAttributes;
import org.ecifhub.customermaster.domain.PartyIdentity;
import org.ecifhub.customermaster.domain.PartyType;
import org.ecifhub.customermaster.domain.RelationshipType;
import org.ecifhub.customermaster.domain.SourceTrust;
import org.ecifhub.customermaster.domain.Survivorship;
import org.ecifhub.customermaster.domain.matching.MatchOutcome;
import org.ecifhub.customermaster.domain.matching.MatchRecord;
import org.ecifhub.customermaster.domain.matching.MatchResult;
import org.ecifhub.customermaster.domain.matching.ProbabilisticMatcher;
import org.ecifhub.customermaster.domain.standard.PartyStandardiser;
import org.ecifhub.customermaster.domain.standard.RawParty;
import org.ecifhub.customermaster.domain.standard.StandardParty;
import org.ecifhub.customermaster.messaging.CustomerEventPublisher;
import org.ecifhub.customermaster.persistence.BulkStore;
import org.ecifhub.customermaster.persistence.BulkStore.SourceCustomer;
import org.ecifhub.customermaster.persistence.GoldenRecordEntity;
import org.ecifhub.customermaster.persistence.MatchingStore;
import org.ecifhub.customermaster.persistence.SourceRecordStore;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Consolidates a batch of feed records (thousands at a time) in one transaction, with the same decisions as the
 * record-by-record path ({@link ConsolidationService}) but set-based: a handful of queries find what the hub
 * already knows of the whole batch (cross-references, valid ids, match candidates, the golden records touched),
 * the decisions are made in memory, and the batch's rows are written with {@code COPY} and JDBC batches.
 *
 * <p>Decisions, in record order, as the record-by-record path makes them: a known source customer stays with its
 * customer; a valid id joins the active golden record carrying it (or the batch's earlier record carrying it);
 * otherwise the probabilistic matcher scores the golden records sharing a blocking key and the batch's earlier
 * parties sharing one, and the record joins the best MATCH, or becomes a new party (with a stewardship task for a
 * POSSIBLE_MATCH). Two different verified ids never end up in one party.
 *
 * <p>What differs, by design: each customer touched by a batch is announced once per batch (one CustomerCreated
 * or CustomerUpdated naming every changed attribute, one HoldingsChanged) and gets one history version, instead of
 * one per record. A batch holds the consolidation lock exclusively, so no single-record feed decides at the same
 * moment (they wait at most one batch).
 */
@ApplicationScoped
public class BulkConsolidationService {

    /** One record's outcome: its position in the batch, its customer number and what happened. */
    public record Placed(int position, String customerNumber, ConsolidationService.Outcome outcome) {
    }

    private static final Comparator<MatchResult> BEST = MatchingService.BEST;

    private static final Logger LOG = Logger.getLogger(BulkConsolidationService.class);

    /** Where a batch's time goes (logged at DEBUG), to see which step a slower batch spent it in. */
    private static final class Phases {
        private final Map<String, Long> millis = new LinkedHashMap<>();
        private long mark = System.nanoTime();

        void end(String phase) {
            long now = System.nanoTime();
            millis.merge(phase, (now - mark) / 1_000_000, Long::sum);
            mark = now;
        }

        @Override
        public String toString() {
            return millis.toString();
        }
    }

    private final BulkStore store;
    private final ObjectMapper mapper;
    private final ObjectMapper canonicalJson;
    private final SourceTrust trust;
    private final ProbabilisticMatcher matcher;
    private final RelationshipService relationships;
    private final ConsolidationService consolidation;
    private final EntityManager entityManager;

    public BulkConsolidationService(BulkStore store, ObjectMapper mapper, CustomerMasterConfig config,
                                    RelationshipService relationships, ConsolidationService consolidation,
                                    MatchingService matching, EntityManager entityManager) {
        this.store = store;
        this.mapper = mapper;
        this.canonicalJson = mapper.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        this.trust = new SourceTrust(config.trust().defaultOrder(), config.trust().byAttribute());
        this.relationships = relationships;
        this.consolidation = consolidation;
        this.matcher = matching.matcher();
        this.entityManager = entityManager;
    }

    /** One record of the batch on its way through. */
    private static final class Item {
        final int position;
        final FeedRecord record;
        final SourceCustomer sourceCustomer;
        final StandardParty standard;
        final Optional<PartyIdentity> identity;
        final MatchRecord matchRecord;
        final Set<String> keys;
        final String payload;
        final String standardJson;
        final String hash;
        Party party;
        boolean unchanged;
        long sourceRecordId;

        Item(int position, FeedRecord record, StandardParty standard, String payload, String standardJson,
             String hash) {
            this.position = position;
            this.record = record;
            this.sourceCustomer = new SourceCustomer(record.source(), record.sourceCustomerId());
            this.standard = standard;
            this.identity = PartyIdentity.of(standard);
            this.matchRecord = MatchingService.matchRecord(record.source() + ":" + record.sourceCustomerId(),
                    standard);
            this.keys = MatchingService.keysOf(matchRecord);
            this.payload = payload;
            this.standardJson = standardJson;
            this.hash = hash;
        }

        boolean verified() {
            return matchRecord.hasVerifiedId();
        }
    }

    /** A party the batch touches: an existing golden record, or a new one. */
    private static final class Party {
        String customerNumber;
        final boolean existing;
        final List<Item> items = new ArrayList<>();
        /** The verified id (resident id or USCC) a record of the batch brought to this party, if any. */
        String verifiedIdentity;

        Party(String customerNumber, boolean existing) {
            this.customerNumber = customerNumber;
            this.existing = existing;
        }
    }

    /** A stored match decision, written once the parties it names have numbers. */
    private record Decision(Item item, Party candidate, String candidateNumber, String outcome, Double weight,
                            String explanation, String modelVersion, long id) {
    }

    /**
     * A batch made ready for {@link #consolidate(Prepared)}: each record standardised, serialised and hashed, its
     * blocking keys computed. It needs no database and no transaction, so a bulk import prepares the next batch on
     * another thread while the current one is being written. A prepared batch is consolidated once.
     */
    public static final class Prepared {
        private final List<Item> items;
        private final long prepareMillis;
        private boolean consumed;

        private Prepared(List<Item> items, long prepareMillis) {
            this.items = items;
            this.prepareMillis = prepareMillis;
        }
    }

    /** Standardises, serialises and hashes the records (already validated); see {@link Prepared}. */
    public Prepared prepare(List<FeedRecord> records) {
        long start = System.nanoTime();
        List<Item> items = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            FeedRecord r = records.get(i);
            StandardParty standard = PartyStandardiser.standardise(RawParty.from(r.party()));
            String payload = json(r);
            items.add(new Item(i, r, standard, payload, json(standard), ConsolidationService.sha256(payload)));
        }
        return new Prepared(items, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Consolidates a prepared batch in the caller's transaction.
     *
     * @return per record, in order: its customer number and outcome
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Placed> consolidate(Prepared batch) {
        // Its items carry the decisions of one consolidation. (Handed over through a Future: no lock needed.)
        if (batch.consumed) {
            throw new IllegalStateException("a prepared batch is consolidated once");
        }
        batch.consumed = true;
        Phases phases = new Phases();
        phases.millis.put("prepare", batch.prepareMillis);
        store.lockExclusively();
        List<Item> items = batch.items;

        phases.end("lock");
        // What the hub knows already: cross-references, latest hashes, valid ids.
        Map<SourceCustomer, BulkStore.Known> known = store.known(
                items.stream().map(it -> it.sourceCustomer).collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
        Map<SourceCustomer, String> lastHash = new HashMap<>();
        known.forEach((k, v) -> lastHash.put(k, v.latestHash()));
        List<Item> live = new ArrayList<>();
        for (Item it : items) {
            if (it.hash.equals(lastHash.get(it.sourceCustomer))) {
                it.unchanged = true; // the same record again: nothing changes, nothing is announced
                continue;
            }
            lastHash.put(it.sourceCustomer, it.hash);
            live.add(it);
        }
        Map<String, String> byIdentity = store.activeByIdentity(live.stream()
                .filter(it -> it.identity.isPresent() && known.get(it.sourceCustomer) == null)
                .map(it -> new String[]{it.identity.get().idType(), it.identity.get().idNumber()}).toList());

        phases.end("known");
        // Candidates from the golden records, for every record neither its xref nor its id places.
        List<Integer> positions = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<Boolean> verifiedOnly = new ArrayList<>();
        for (Item it : live) {
            boolean xref = known.get(it.sourceCustomer) != null && known.get(it.sourceCustomer).customerNumber() != null;
            if (xref || it.identity.map(id -> byIdentity.containsKey(id.key())).orElse(false)) {
                continue;
            }
            for (String key : it.keys) {
                positions.add(it.position);
                keys.add(key);
                verifiedOnly.add(it.verified());
            }
        }
        Map<Integer, List<String>> dbCandidates = store.candidates(positions, keys, verifiedOnly,
                MatchingService.MAX_CANDIDATES, MatchingStore.MAX_BLOCK);
        Set<String> candidateNumbers = new HashSet<>();
        dbCandidates.values().forEach(candidateNumbers::addAll);
        Map<String, BulkStore.Candidate> candidateAttributes = store.candidateAttributes(candidateNumbers);
        Map<String, MatchRecord> candidateRecords = new HashMap<>();
        phases.end("candidates");

        // Decisions, in record order.
        Map<String, Party> existingParties = new LinkedHashMap<>();
        List<Party> newParties = new ArrayList<>();
        Map<SourceCustomer, Party> bySourceCustomer = new HashMap<>();
        Map<String, Party> byBatchIdentity = new HashMap<>();
        Map<String, List<Party>> byBatchKey = new HashMap<>();
        List<Decision> decisions = new ArrayList<>();
        for (Item it : live) {
            BulkStore.Known k = known.get(it.sourceCustomer);
            Party party = bySourceCustomer.get(it.sourceCustomer);
            if (party == null && k != null && k.customerNumber() != null) {
                party = existingParties.computeIfAbsent(k.customerNumber(), n -> new Party(n, true));
            }
            if (party == null && it.identity.isPresent()) {
                String key = it.identity.get().key();
                String number = byIdentity.get(key);
                party = number != null ? existingParties.computeIfAbsent(number, n -> new Party(n, true))
                        : byBatchIdentity.get(key);
                if (party != null) {
                    decisions.add(new Decision(it, party, null, "SAME_VALID_ID", null,
                            "{\"rule\": \"the same valid id (type and number) is the same party\"}", "rule", 0));
                }
            }
            if (party == null) {
                party = decide(it, dbCandidates.getOrDefault(it.position, List.of()), candidateAttributes,
                        candidateRecords, existingParties, byBatchKey, newParties, decisions);
            }
            it.party = party;
            party.items.add(it);
            bySourceCustomer.put(it.sourceCustomer, party);
            if (it.identity.isPresent()) {
                byBatchIdentity.putIfAbsent(it.identity.get().key(), party);
            }
            if (it.verified() && party.verifiedIdentity == null) {
                party.verifiedIdentity = it.identity.map(PartyIdentity::key).orElse(null);
            }
            for (String key : it.keys) {
                List<Party> block = byBatchKey.computeIfAbsent(key, x -> new ArrayList<>());
                if (!block.contains(party)) {
                    block.add(party);
                }
            }
        }

        phases.end("decide");
        long[] numbers = store.nextValues("customer_number_seq", newParties.size());
        for (int i = 0; i < newParties.size(); i++) {
            newParties.get(i).customerNumber = Long.toString(numbers[i]);
        }
        long[] sourceIds = store.nextValues("source_record_id_seq", live.size());
        for (int i = 0; i < live.size(); i++) {
            live.get(i).sourceRecordId = sourceIds[i];
        }
        long[] decisionIds = store.nextValues("match_result_id_seq", decisions.size());
        List<Decision> numbered = new ArrayList<>(decisions.size());
        for (int i = 0; i < decisions.size(); i++) {
            Decision d = decisions.get(i);
            numbered.add(new Decision(d.item, d.candidate, d.candidateNumber, d.outcome, d.weight, d.explanation,
                    d.modelVersion, decisionIds[i]));
        }

        phases.end("sequences");
        Writes writes = settle(live, existingParties, newParties, byBatchIdentity, phases);
        writeDecisions(numbered, writes);
        phases.end("settle");
        writes.flush(store, phases);
        afterWrites(live, existingParties, newParties, writes);
        phases.end("relationships");
        if (LOG.isDebugEnabled()) {
            LOG.debugf("batch of %d records (%d new parties, %d existing): %s", items.size(), newParties.size(),
                    existingParties.size(), phases);
        }

        List<Placed> out = new ArrayList<>(items.size());
        for (Item it : items) {
            if (it.unchanged) {
                BulkStore.Known k = known.get(it.sourceCustomer);
                Party p = bySourceCustomer.get(it.sourceCustomer);
                String number = p != null ? p.customerNumber : k == null ? null : k.customerNumber();
                out.add(new Placed(it.position, number, ConsolidationService.Outcome.UNCHANGED));
            } else {
                ConsolidationService.Outcome outcome = !it.party.existing ? ConsolidationService.Outcome.CREATED
                        : writes.changed.contains(it.party.customerNumber) ? ConsolidationService.Outcome.UPDATED
                        : ConsolidationService.Outcome.UNCHANGED;
                out.add(new Placed(it.position, it.party.customerNumber, outcome));
            }
        }
        return out;
    }

    /** The probabilistic decision for a record no xref or valid id placed; returns its party. */
    private Party decide(Item it, List<String> dbCandidates, Map<String, BulkStore.Candidate> attributes,
                         Map<String, MatchRecord> candidateRecords, Map<String, Party> existingParties,
                         Map<String, List<Party>> byBatchKey, List<Party> newParties, List<Decision> decisions) {
        MatchResult best = null;
        Party bestBatchParty = null;
        for (String number : dbCandidates) {
            BulkStore.Candidate c = attributes.get(number);
            Party touched = existingParties.get(number);
            if (c == null || (it.verified() && (c.verified() || touched != null && touched.verifiedIdentity != null))) {
                continue; // the hard rule: a record with a verified id never joins a party with another one
            }
            MatchRecord candidate = candidateRecords.computeIfAbsent(number, n -> MatchingService.matchRecord(n,
                    MatchingService.standardOf(c.attributes())));
            MatchResult result = matcher.match(it.matchRecord, candidate);
            if (best == null || BEST.compare(result, best) < 0) {
                best = result;
                bestBatchParty = null;
            }
        }
        Set<Party> batchCandidates = new LinkedHashSet<>();
        for (String key : it.keys) {
            List<Party> block = byBatchKey.get(key);
            if (block != null && block.size() <= MatchingStore.MAX_BLOCK) {
                batchCandidates.addAll(block);
            }
        }
        for (Party p : batchCandidates) {
            if (it.verified() && (p.verifiedIdentity != null || p.existing)) {
                // A different verified id is never the same party; an existing golden record may carry one the
                // batch has not seen (it is scored above, from the golden records, where that is known).
                continue;
            }
            for (Item member : p.items) {
                MatchResult result = matcher.match(it.matchRecord, member.matchRecord);
                if (best == null || BEST.compare(result, best) < 0) {
                    best = result;
                    bestBatchParty = p;
                }
            }
        }
        if (best == null) {
            Party p = newParty(newParties);
            decisions.add(new Decision(it, null, null, "NO_CANDIDATE", null,
                    "{\"reason\": \"no golden record shares a blocking key\"}", matcher.model().version(), 0));
            return p;
        }
        Party target = bestBatchParty != null ? bestBatchParty
                : best.outcome() == MatchOutcome.MATCH
                ? existingParties.computeIfAbsent(best.rightId(), n -> new Party(n, true)) : null;
        String explanation = json(best);
        if (best.outcome() == MatchOutcome.MATCH && target != null) {
            decisions.add(new Decision(it, target, null, best.outcome().name(), best.totalWeight(), explanation,
                    best.modelVersion(), 0));
            return target;
        }
        Party p = newParty(newParties);
        decisions.add(new Decision(it, bestBatchParty, bestBatchParty == null ? best.rightId() : null,
                best.outcome().name(), best.totalWeight(), explanation, best.modelVersion(), 0));
        return p;
    }

    private static Party newParty(List<Party> newParties) {
        Party p = new Party(null, false);
        newParties.add(p);
        return p;
    }

    /** Rows a batch writes, gathered while settling each party, written in foreign-key order. */
    private static final class Writes {
        final List<Object[]> newGoldens = new ArrayList<>();
        final List<Object[]> updatedGoldens = new ArrayList<>();
        final List<Object[]> sourceRecords = new ArrayList<>();
        final List<Object[]> xrefs = new ArrayList<>();
        final List<Object[]> newHoldings = new ArrayList<>();
        final List<Object[]> updatedHoldings = new ArrayList<>();
        final List<Object[]> ebanking = new ArrayList<>();
        final List<Object[]> staleKeys = new ArrayList<>();
        final List<Object[]> keys = new ArrayList<>();
        final List<Object[]> endedRelationships = new ArrayList<>();
        final List<Object[]> relationships = new ArrayList<>();
        final List<Object[]> matchResults = new ArrayList<>();
        final List<Object[]> stewardTasks = new ArrayList<>();
        final List<Object[]> versions = new ArrayList<>();
        final List<Object[]> outbox = new ArrayList<>();
        final Set<String> changed = new HashSet<>();
        final Set<String> snapshotLater = new HashSet<>();
        final Map<String, Long> finalVersion = new HashMap<>();
        final Set<String> idNowValid = new HashSet<>();

        void flush(BulkStore store, Phases phases) {
            store.copy("golden_record", """
                    customer_number, party_type, name, id_type, id_number, birth_date, gender, phone, address,
                    occupation, branch_code, attributes_as_of, status, version, created_at, updated_at, id_valid,
                    completeness, quality_issues, lineage""", newGoldens);
            phases.end("w.golden");
            store.batch("""
                    UPDATE golden_record SET party_type = ?, name = ?, id_type = ?, id_number = ?, birth_date = ?,
                           gender = ?, phone = ?, address = ?, occupation = ?, branch_code = ?,
                           attributes_as_of = ?, version = ?, updated_at = coalesce(?, updated_at), id_valid = ?, completeness = ?,
                           quality_issues = CAST(? AS jsonb), lineage = CAST(? AS jsonb)
                    WHERE customer_number = ?""", updatedGoldens);
            phases.end("w.goldenUpdate");
            store.copy("source_record", "id, source, source_customer_id, as_of, received_at, customer_number, "
                    + "content_hash, payload, standard", sourceRecords);
            phases.end("w.source");
            store.copy("xref", "source, source_customer_id, customer_number, created_at, updated_at", xrefs);
            phases.end("w.xref");
            store.copy("account_holding", """
                    source, account_id, customer_number, source_customer_id, product_type, currency, balance, status,
                    open_date, interest_rate, days_past_due, term_months, fee_income, as_of""", newHoldings);
            store.batch("""
                    UPDATE account_holding SET customer_number = ?, source_customer_id = ?, product_type = ?,
                           currency = ?, balance = ?, status = ?, open_date = ?, interest_rate = ?, days_past_due = ?,
                           term_months = ?, fee_income = ?, as_of = ?
                    WHERE source = ? AND account_id = ?""", updatedHoldings);
            store.batch("""
                    INSERT INTO ebanking_status (customer_number, mobile_banking, logins_last_30d,
                                                 transactions_last_30d, as_of)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (customer_number) DO UPDATE SET mobile_banking = EXCLUDED.mobile_banking,
                        logins_last_30d = EXCLUDED.logins_last_30d,
                        transactions_last_30d = EXCLUDED.transactions_last_30d, as_of = EXCLUDED.as_of""", ebanking);
            phases.end("w.holdings");
            store.batch("""
                    UPDATE relationship SET ended_at = ?, ended_by = ?, end_reason = ? WHERE id = ?""",
                    endedRelationships);
            store.copy("relationship", "id, from_customer, to_customer, to_id_type, to_id_number, to_name, type, "
                    + "origin, reason, created_at", relationships);
            phases.end("w.relationships");
            store.batch("DELETE FROM blocking_key WHERE key = ? AND customer_number = ?", staleKeys);
            store.copy("blocking_key", "key, customer_number, verified", keys);
            phases.end("w.keys");
            store.copy("match_result", "id, source, source_customer_id, candidate, outcome, total_weight, "
                    + "explanation, model_version, decided_at", matchResults);
            store.batch("""
                    INSERT INTO steward_task (customer_number, candidate, match_result_id, status, created_at)
                    VALUES (?, ?, ?, 'OPEN', now()) ON CONFLICT DO NOTHING""", stewardTasks);
            phases.end("w.matching");
            store.copy("golden_record_version", "customer_number, version, recorded_at, snapshot", versions);
            phases.end("w.history");
            store.copy("outbox_event", "id, aggregatetype, aggregateid, type, payload", outbox);
            phases.end("w.outbox");
        }
    }

    /**
     * Survivorship, holdings, versions and events for every party the batch touches, gathered as rows.
     */
    private Writes settle(List<Item> live, Map<String, Party> existingParties, List<Party> newParties,
                          Map<String, Party> byBatchIdentity, Phases phases) {
        Writes w = new Writes();
        Representatives representatives = representatives(existingParties, newParties, byBatchIdentity);
        Set<String> existingNumbers = existingParties.keySet();
        Map<String, BulkStore.Golden> goldens = store.lockGoldens(existingNumbers);
        Map<String, List<SourceRecordStore.Contribution>> stored = store.latestPerSourceCustomer(existingNumbers);
        Map<String, BulkStore.Profile> profiles = store.profiles(existingNumbers);
        Map<String, List<SourceCustomer>> xrefs = store.xrefsOf(existingNumbers);
        Map<String, CustomerEvent.Ebanking> ebanking = store.ebankingOf(existingNumbers);
        Map<String, Map<String, Boolean>> keysNow = store.blockingKeysOf(existingNumbers);
        Map<String, Map<String, BulkStore.Holding>> holdingsByCustomer = new HashMap<>();
        for (BulkStore.Holding h : store.holdingsOf(existingNumbers)) {
            holdingsByCustomer.computeIfAbsent(h.customerNumber(), n -> new TreeMap<>())
                    .put(BulkStore.accountKey(h.data().source(), h.data().accountId()), h);
        }
        Set<String[]> accounts = new LinkedHashSet<>();
        Set<String> seenAccounts = new HashSet<>();
        for (Item it : live) {
            for (AccountData a : it.record.accounts()) {
                if (seenAccounts.add(BulkStore.accountKey(it.record.source(), a.accountId().strip()))) {
                    accounts.add(new String[]{it.record.source(), a.accountId().strip()});
                }
            }
        }
        Map<String, BulkStore.Holding> heldNow = store.holdingsByAccount(accounts);
        Set<String> storedAccounts = new HashSet<>(heldNow.keySet());
        Map<String, BulkStore.Holding> changedAccounts = new LinkedHashMap<>();
        OffsetDateTime now = OffsetDateTime.now();
        phases.end("load");

        List<Party> all = new ArrayList<>(existingParties.values());
        all.addAll(newParties);
        for (Party p : all) {
            BulkStore.Golden before = goldens.get(p.customerNumber);
            if (p.existing && (before == null || !"ACTIVE".equals(before.status()))) {
                throw new IllegalStateException("Customer " + p.customerNumber + " is not active; its source "
                        + "customers should have been moved by the merge");
            }
            // Latest record per source customer: the stored ones, overridden by the batch's newer ones.
            Map<SourceCustomer, Survivorship.Contribution> latest = new LinkedHashMap<>();
            for (SourceRecordStore.Contribution c : stored.getOrDefault(p.customerNumber, List.of())) {
                latest.put(new SourceCustomer(c.source(), c.sourceCustomerId()),
                        ConsolidationService.contributionOf(c, canonicalJson));
            }
            for (Item it : p.items) {
                Survivorship.Contribution c = new Survivorship.Contribution(it.sourceRecordId, it.record.source(),
                        it.record.sourceCustomerId(), it.record.asOf(), it.standard,
                        trim(it.record.party().occupation()), trim(it.record.branchCode()));
                latest.merge(it.sourceCustomer, c, BulkConsolidationService::later);
            }
            List<Survivorship.Contribution> contributions = new ArrayList<>(latest.values());
            BulkStore.Profile profile = profiles.get(p.customerNumber);
            if (profile != null && profile.occupation() != null) {
                contributions.add(ConsolidationService.capturedOccupation(contributions.get(0).party().type(),
                        profile.capturedBy(), profile.capturedAt(), profile.occupation()));
            }
            Survivorship.Survivors survivors = Survivorship.survive(contributions, trust);
            PartyAttributes a = survivors.attributes();
            StandardParty assessed = PartyStandardiser.standardise(new RawParty(a.type(), a.name(), a.idType(),
                    a.idNumber(), a.birthDate(), a.gender(), a.phone(), a.address()));
            boolean idValid = assessed.idNumber() != null && assessed.idValid();
            boolean verified = idValid && ("RESIDENT_ID".equals(a.idType()) || "USCC".equals(a.idType()));
            String quality = json(assessed.issues());
            String lineage = json(survivors.lineage());
            OffsetDateTime attributesAsOf = before == null ? null : before.attributesAsOf();
            for (Item it : p.items) {
                attributesAsOf = ConsolidationService.latestOf(attributesAsOf, it.record.asOf());
            }
            Item first = p.items.get(0);
            Item last = p.items.get(p.items.size() - 1);

            // Holdings and e-banking, applied record by record (an older snapshot never overwrites a newer one).
            Map<String, BulkStore.Holding> held = holdingsByCustomer.computeIfAbsent(p.customerNumber,
                    n -> new TreeMap<>());
            boolean holdingsChanged = false;
            CustomerEvent.Ebanking eb = ebanking.get(p.customerNumber);
            CustomerEvent.Ebanking ebBefore = eb;
            for (Item it : p.items) {
                for (AccountData account : it.record.accounts()) {
                    String key = BulkStore.accountKey(it.record.source(), account.accountId().strip());
                    BulkStore.Holding current = heldNow.get(key);
                    if (current != null && current.data().asOf() != null && it.record.asOf() != null
                            && it.record.asOf().isBefore(current.data().asOf())) {
                        continue;
                    }
                    CustomerEvent.Holding data = account.asHolding(it.record.source(), account.accountId().strip(),
                            it.record.asOf());
                    BulkStore.Holding next = new BulkStore.Holding(p.customerNumber, it.record.sourceCustomerId(), data);
                    if (current == null || !sameHolding(current, next)) {
                        if (current != null && !current.customerNumber().equals(p.customerNumber)) {
                            Map<String, BulkStore.Holding> previousOwner = holdingsByCustomer.get(current.customerNumber());
                            if (previousOwner != null) {
                                previousOwner.remove(key);
                            }
                        }
                        heldNow.put(key, next);
                        held.put(key, next);
                        changedAccounts.put(key, next);
                        holdingsChanged = true;
                    }
                }
                if (it.record.ebanking() != null && it.record.ebanking().mobileBanking() != null) {
                    CustomerEvent.Ebanking next = new CustomerEvent.Ebanking(it.record.ebanking().mobileBanking(),
                            it.record.ebanking().loginsLast30d(), it.record.ebanking().transactionsLast30d(),
                            it.record.asOf());
                    boolean differs = eb == null || eb.mobileBanking() != next.mobileBanking()
                            || !Objects.equals(eb.loginsLast30d(), next.loginsLast30d())
                            || !Objects.equals(eb.transactionsLast30d(), next.transactionsLast30d())
                            || eb.asOf() == null;
                    if (differs) {
                        eb = next;
                        holdingsChanged = true;
                    }
                }
            }
            if (eb != ebBefore) {
                w.ebanking.add(new Object[]{p.customerNumber, eb.mobileBanking(), eb.loginsLast30d(),
                        eb.transactionsLast30d(), eb.asOf()});
            }

            // Versions and events: the same sequence the record-by-record path gives one record.
            long version = before == null ? 0 : before.version();
            CustomerEvent.SourceReference cause = new CustomerEvent.SourceReference(last.record.source(),
                    last.record.sourceCustomerId(), last.record.asOf());
            List<String> changedAttributes = p.existing ? PartyAttributes.differences(before.attributes(), a)
                    : List.of();
            if (!p.existing) {
                version = 1;
                event(w, new CustomerEvent.CustomerCreated(p.customerNumber, a, new CustomerEvent.SourceReference(
                        first.record.source(), first.record.sourceCustomerId(), first.record.asOf())), version, now);
            } else if (!changedAttributes.isEmpty()) {
                version++;
                event(w, new CustomerEvent.CustomerUpdated(p.customerNumber, a, changedAttributes, cause), version,
                        now);
            }
            version = representative(p, representatives, version, now, w);
            List<CustomerEvent.Holding> accountList = held.values().stream().map(BulkStore.Holding::data).toList();
            if (holdingsChanged) {
                version++;
                event(w, new CustomerEvent.HoldingsChanged(p.customerNumber, a.branchCode(), accountList, eb),
                        version, now);
            }
            boolean versionChanged = before == null || version != before.version();
            OffsetDateTime createdAt = before == null ? now : before.createdAt();
            Object[] golden = {a.type(), a.name(), a.idType(), a.idNumber(), a.birthDate(), a.gender(), a.phone(),
                    a.address(), a.occupation(), a.branchCode(), attributesAsOf, version,
                    versionChanged ? now : null, idValid, assessed.completeness(), quality, lineage,
                    p.customerNumber};
            if (!p.existing) {
                w.newGoldens.add(new Object[]{p.customerNumber, a.type(), a.name(), a.idType(), a.idNumber(),
                        a.birthDate(), a.gender(), a.phone(), a.address(), a.occupation(), a.branchCode(),
                        attributesAsOf, "ACTIVE", version, now, now, idValid, assessed.completeness(), quality,
                        lineage});
            } else {
                w.updatedGoldens.add(golden);
            }
            if (versionChanged) {
                w.changed.add(p.customerNumber);
            }
            if (idValid && (!p.existing || changedAttributes.contains("idNumber"))) {
                w.idNowValid.add(p.customerNumber);
            }

            // Blocking keys under every source record's attributes.
            Set<String> partyKeys = new java.util.TreeSet<>();
            for (Survivorship.Contribution c : contributions) {
                if (c.sourceRecordId() != 0) {
                    partyKeys.addAll(MatchingService.keysOf(MatchingService.matchRecord(p.customerNumber, c.party())));
                }
            }
            // Only the difference is written: most records add a key or two to a party, or none.
            Map<String, Boolean> indexed = keysNow.getOrDefault(p.customerNumber, Map.of());
            for (Map.Entry<String, Boolean> k : indexed.entrySet()) {
                if (!partyKeys.contains(k.getKey()) || k.getValue() != verified) {
                    w.staleKeys.add(new Object[]{k.getKey(), p.customerNumber});
                }
            }
            for (String key : partyKeys) {
                Boolean was = indexed.get(key);
                if (was == null || was != verified) {
                    w.keys.add(new Object[]{key, p.customerNumber, verified});
                }
            }

            // Source records and cross-references.
            List<SourceCustomer> links = new ArrayList<>(xrefs.getOrDefault(p.customerNumber, List.of()));
            for (Item it : p.items) {
                w.sourceRecords.add(new Object[]{it.sourceRecordId, it.record.source(), it.record.sourceCustomerId(),
                        it.record.asOf(), now, p.customerNumber, it.hash, it.payload, it.standardJson});
                if (!links.contains(it.sourceCustomer)) {
                    links.add(it.sourceCustomer);
                    w.xrefs.add(new Object[]{it.record.source(), it.record.sourceCustomerId(), p.customerNumber, now,
                            now});
                }
            }

            // History: the unified record as it now stands.
            if (versionChanged) {
                w.finalVersion.put(p.customerNumber, version);
                if (profile != null) {
                    w.snapshotLater.add(p.customerNumber); // its profile is part of the view: read it back
                } else {
                    links.sort(Comparator.comparing(SourceCustomer::source)
                            .thenComparing(SourceCustomer::sourceCustomerId));
                    CustomerQueries.CustomerView view = new CustomerQueries.CustomerView(p.customerNumber, "ACTIVE",
                            null, null, version, a, idValid, assessed.completeness(),
                            mapper.getNodeFactory().pojoNode(assessed.issues()),
                            mapper.getNodeFactory().pojoNode(survivors.lineage()),
                            links.stream().map(l -> new CustomerQueries.SourceLink(l.source(), l.sourceCustomerId()))
                                    .toList(),
                            accountList, eb, null, createdAt, now);
                    w.versions.add(new Object[]{p.customerNumber, version, now, json(view)});
                }
            }
        }
        for (Map.Entry<String, BulkStore.Holding> e : changedAccounts.entrySet()) {
            BulkStore.Holding h = e.getValue();
            CustomerEvent.Holding d = h.data();
            if (storedAccounts.contains(e.getKey())) {
                w.updatedHoldings.add(new Object[]{h.customerNumber(), h.sourceCustomerId(), d.productType(),
                        d.currency(), d.balance(), d.status(), d.openDate(), d.interestRate(), d.daysPastDue(),
                        d.termMonths(), d.feeIncome(), d.asOf(), d.source(), d.accountId()});
            } else {
                w.newHoldings.add(new Object[]{d.source(), d.accountId(), h.customerNumber(), h.sourceCustomerId(),
                        d.productType(), d.currency(), d.balance(), d.status(), d.openDate(), d.interestRate(),
                        d.daysPastDue(), d.termMonths(), d.feeIncome(), d.asOf()});
            }
        }
        return w;
    }

    /** What the batch's organisations state about their legal representatives, and what is known of them. */
    private record Representatives(Map<Party, StandardParty> stated, Map<String, String> customerByIdentity,
                                   Map<String, Party> batchByIdentity,
                                   Map<String, List<BulkStore.Representative>> current, long[] ids, int[] next) {
    }

    private Representatives representatives(Map<String, Party> existingParties, List<Party> newParties,
                                            Map<String, Party> byBatchIdentity) {
        Map<Party, StandardParty> stated = new LinkedHashMap<>();
        for (Party p : concat(existingParties.values(), newParties)) {
            for (Item it : p.items) { // the latest record of the organisation says who represents it
                if (it.standard.type() == PartyType.ORGANIZATION && it.record.party().legalRepresentative() != null
                        && it.record.party().legalRepresentative().name() != null) {
                    stated.put(p, RelationshipService.representative(it.record.party().legalRepresentative()));
                }
            }
        }
        List<String[]> ids = stated.values().stream().map(PartyIdentity::of).flatMap(Optional::stream)
                .map(id -> new String[]{id.idType(), id.idNumber()}).toList();
        Map<String, String> known = store.activeByIdentity(ids);
        Map<String, List<BulkStore.Representative>> current = store.currentRepresentatives(stated.keySet().stream()
                .filter(p -> p.existing).map(p -> p.customerNumber).toList());
        return new Representatives(stated, known, byBatchIdentity, current,
                store.nextValues("relationship_id_seq", stated.size()), new int[]{0});
    }

    /**
     * The organisation's legal representative as its latest record states it (as {@link RelationshipService}
     * keeps it for a single record): unchanged, or the current one ended and the stated one started, each change
     * announced. Returns the party's version after that.
     */
    private long representative(Party p, Representatives r, long version, OffsetDateTime now, Writes w) {
        StandardParty person = r.stated().get(p);
        if (person == null) {
            return version;
        }
        Optional<PartyIdentity> identity = PartyIdentity.of(person);
        Optional<String> known = identity.map(id -> {
            String number = r.customerByIdentity().get(id.key());
            Party inBatch = r.batchByIdentity().get(id.key());
            return number != null ? number : inBatch != null ? inBatch.customerNumber : null;
        });
        List<BulkStore.Representative> current = r.current().getOrDefault(p.customerNumber, List.of());
        if (current.size() == 1 && RelationshipService.sameParty(current.get(0).toCustomer(),
                current.get(0).toIdNumber(), current.get(0).toName(), known, identity, person.name())) {
            return version;
        }
        for (BulkStore.Representative ended : current) {
            w.endedRelationships.add(new Object[]{now, RelationshipService.FEED_OPERATOR,
                    RelationshipService.REPRESENTATIVE_REPLACED, ended.id()});
            version++;
            event(w, new CustomerEvent.RelationshipChanged(p.customerNumber, ended.id(),
                    RelationshipType.LEGAL_REPRESENTATIVE, ended.toCustomer(), ended.toName(), true, "FEED"), version,
                    now);
        }
        long id = r.ids()[r.next()[0]++];
        String to = known.orElse(null);
        w.relationships.add(new Object[]{id, p.customerNumber, to, identity.map(PartyIdentity::idType).orElse(null),
                identity.map(PartyIdentity::idNumber).orElse(null), person.name(),
                RelationshipType.LEGAL_REPRESENTATIVE, "FEED", RelationshipService.REPRESENTATIVE_STATED, now});
        version++;
        event(w, new CustomerEvent.RelationshipChanged(p.customerNumber, id, RelationshipType.LEGAL_REPRESENTATIVE, to,
                person.name(), false, "FEED"), version, now);
        return version;
    }

    private void writeDecisions(List<Decision> decisions, Writes w) {
        OffsetDateTime now = OffsetDateTime.now();
        for (Decision d : decisions) {
            String candidate = d.candidate != null ? d.candidate.customerNumber : d.candidateNumber;
            w.matchResults.add(new Object[]{d.id, d.item.record.source(), d.item.record.sourceCustomerId(),
                    candidate, d.outcome, d.weight, d.explanation, d.modelVersion, now});
            if ("POSSIBLE_MATCH".equals(d.outcome) && candidate != null
                    && !candidate.equals(d.item.party.customerNumber)) {
                w.stewardTasks.add(new Object[]{d.item.party.customerNumber, candidate, d.id});
            }
        }
    }

    /** Relationships and read-back snapshots: the few steps that go through the entity model. */
    private void afterWrites(List<Item> live, Map<String, Party> existingParties, List<Party> newParties, Writes w) {
        // Relationships waiting for a party that now has a valid id.
        List<String[]> ids = new ArrayList<>();
        Map<String, String> numberByIdentity = new HashMap<>();
        for (Party p : concat(existingParties.values(), newParties)) {
            if (w.idNowValid.contains(p.customerNumber)) {
                for (Item it : p.items) {
                    it.identity.ifPresent(id -> {
                        ids.add(new String[]{id.idType(), id.idNumber()});
                        numberByIdentity.put(id.key(), p.customerNumber);
                    });
                }
            }
        }
        Set<String> pending = new LinkedHashSet<>(store.pendingRelationshipIds(ids));
        for (String identity : pending) {
            GoldenRecordEntity golden = entityManager.find(GoldenRecordEntity.class, numberByIdentity.get(identity));
            if (golden != null) {
                relationships.resolvePending(golden);
            }
        }
        entityManager.flush();
        for (String number : w.snapshotLater) {
            GoldenRecordEntity golden = entityManager.find(GoldenRecordEntity.class, number);
            entityManager.refresh(golden);
            consolidation.recordVersion(golden);
        }
    }

    private void event(Writes w, CustomerEvent event, long version, OffsetDateTime now) {
        // The event is wrapped as a POJO node, so that it is serialised once, straight into the envelope.
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), event.eventType(), event.customerNumber(),
                version, now, mapper.getNodeFactory().pojoNode(event));
        w.outbox.add(new Object[]{envelope.eventId(), CustomerEventPublisher.TOPIC, event.customerNumber(),
                event.eventType(), json(envelope)});
    }

    /** Of two records of one source customer, the one the hub treats as its latest: by asOf, then arrival. */
    private static Survivorship.Contribution later(Survivorship.Contribution stored, Survivorship.Contribution next) {
        if (stored.asOf() != null && next.asOf() != null && next.asOf().isBefore(stored.asOf())) {
            return stored;
        }
        if (stored.asOf() != null && next.asOf() == null) {
            return stored;
        }
        return next;
    }

    private static boolean sameHolding(BulkStore.Holding held, BulkStore.Holding next) {
        return held.customerNumber().equals(next.customerNumber())
                && Objects.equals(held.sourceCustomerId(), next.sourceCustomerId())
                && ConsolidationService.sameAccountData(held.data(), next.data());
    }

    private static <T> List<T> concat(java.util.Collection<T> a, java.util.Collection<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static String trim(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    private String json(Object value) {
        try {
            return canonicalJson.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
