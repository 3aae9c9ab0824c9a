package org.ecifhub.customermaster.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.ecifhub.customermaster.domain.AccountData;
import org.ecifhub.customermaster.domain.CustomerEvent;
import org.ecifhub.customermaster.domain.FeedRecord;
import org.ecifhub.customermaster.domain.PartyAttributes;
import org.ecifhub.customermaster.domain.PartyIdentity;
import org.ecifhub.customermaster.domain.PartyType;
import org.ecifhub.customermaster.domain.SourceTrust;
import org.ecifhub.customermaster.domain.Survivorship;
import org.ecifhub.customermaster.config.CustomerMasterConfig;
import org.ecifhub.customermaster.domain.standard.PartyStandardiser;
import org.ecifhub.customermaster.domain.standard.RawParty;
import org.ecifhub.customermaster.domain.standard.StandardParty;
import org.ecifhub.customermaster.messaging.CustomerEventPublisher;
import org.ecifhub.customermaster.persistence.AccountHoldingEntity;
import org.ecifhub.customermaster.persistence.CustomerProfileEntity;
import org.ecifhub.customermaster.persistence.CustomerProfileRepository;
import org.ecifhub.customermaster.persistence.EbankingStatusEntity;
import org.ecifhub.customermaster.persistence.GoldenRecordEntity;
import org.ecifhub.customermaster.persistence.GoldenRecordRepository;
import org.ecifhub.customermaster.domain.matching.MatchRecord;
import org.ecifhub.customermaster.persistence.HistoryStore;
import org.ecifhub.customermaster.persistence.MatchingStore;
import org.ecifhub.customermaster.persistence.HoldingsRepository;
import org.ecifhub.customermaster.persistence.SourceRecordStore;
import org.ecifhub.customermaster.persistence.XrefRepository;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Folds one source record into the golden records, in one transaction: the source record, the golden record,
 * the cross-reference, the holdings and the outbox events all commit together or not at all.
 */
@ApplicationScoped
public class ConsolidationService {

    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    /** The source name of data captured by customer managers. */
    public static final String MANUAL = "MANUAL";

    public record Result(String customerNumber, Outcome outcome) {
    }

    private final GoldenRecordRepository goldenRecords;
    private final XrefRepository xrefs;
    private final HoldingsRepository holdings;
    private final SourceRecordStore sourceRecords;
    private final CustomerEventPublisher events;
    private final CustomerQueries queries;
    private final HistoryStore history;
    private final ObjectMapper canonicalJson;
    private final SourceTrust trust;
    private final RelationshipService relationships;
    private final MatchingService matching;
    private final MatchingStore matchingStore;
    private final CustomerProfileRepository profiles;

    public ConsolidationService(GoldenRecordRepository goldenRecords, XrefRepository xrefs, HoldingsRepository holdings,
                                SourceRecordStore sourceRecords, CustomerEventPublisher events,
                                CustomerQueries queries, HistoryStore history, ObjectMapper mapper,
                                CustomerMasterConfig config, RelationshipService relationships,
                                MatchingService matching, MatchingStore matchingStore,
                                CustomerProfileRepository profiles) {
        this.profiles = profiles;
        this.relationships = relationships;
        this.matching = matching;
        this.matchingStore = matchingStore;
        this.goldenRecords = goldenRecords;
        this.xrefs = xrefs;
        this.holdings = holdings;
        this.sourceRecords = sourceRecords;
        this.events = events;
        this.queries = queries;
        this.history = history;
        this.canonicalJson = mapper.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        this.trust = new SourceTrust(config.trust().defaultOrder(), config.trust().byAttribute());
    }

    @Transactional
    public Result consolidate(FeedRecord record) {
        StandardParty standard = PartyStandardiser.standardise(RawParty.from(record.party()));
        Optional<PartyIdentity> identity = PartyIdentity.of(standard);
        MatchRecord matchRecord = MatchingService.matchRecord(record.source() + ":" + record.sourceCustomerId(),
                standard);
        // One sorted batch of locks: the source customer, its valid id and its blocking keys. Two records that
        // could be the same party therefore never decide at the same moment, on one instance or several.
        // Shared with other single records, exclusive to a bulk batch (which decides thousands at once).
        goldenRecords.lockConsolidationShared();
        List<String> lockKeys = new ArrayList<>();
        lockKeys.add("src:" + record.source() + ":" + record.sourceCustomerId());
        identity.ifPresent(id -> lockKeys.add("id:" + id.key()));
        MatchingService.keysOf(matchRecord).forEach(k -> lockKeys.add("blk:" + k));
        goldenRecords.lockKeys(lockKeys);

        String payload = json(record);
        String hash = sha256(payload);
        Optional<SourceRecordStore.Latest> latest = sourceRecords.latest(record.source(), record.sourceCustomerId());
        if (latest.isPresent() && latest.get().contentHash().equals(hash)) {
            // The same record again (a retried request, a re-sent file): nothing changes, nothing is announced.
            return new Result(latest.get().customerNumber(), Outcome.UNCHANGED);
        }

        GoldenRecordEntity golden = xrefs.customerNumberOf(record.source(), record.sourceCustomerId())
                .map(goldenRecords::findById).orElse(null);
        MatchingService.Decision decision = null;
        if (golden == null && identity.isPresent()) {
            golden = goldenRecords.findActiveByIdentity(identity.get()).orElse(null);
            if (golden != null) {
                matching.recordRuleMatch(record.source(), record.sourceCustomerId(), golden.customerNumber);
            }
        }
        if (golden == null) {
            decision = matching.decide(record.source(), record.sourceCustomerId(), matchRecord);
            if (decision.customerNumber() != null) {
                golden = goldenRecords.findById(decision.customerNumber());
            }
        }
        boolean created = golden == null;
        long versionBefore = created ? 0 : golden.version;
        if (created) {
            golden = create(PartyAttributes.from(record, standard), record.asOf());
            if (decision != null && decision.possibleMatch()) {
                matchingStore.openTask(golden.customerNumber, decision.best().rightId(), decision.matchResultId());
            }
        }
        xrefs.link(record.source(), record.sourceCustomerId(), golden.customerNumber);
        sourceRecords.append(record.source(), record.sourceCustomerId(), record.asOf(), golden.customerNumber, hash,
                payload, json(standard));

        List<String> changed = resurvive(golden);
        golden.attributesAsOf = latestOf(golden.attributesAsOf, record.asOf());
        CustomerEvent.SourceReference sourceRef =
                new CustomerEvent.SourceReference(record.source(), record.sourceCustomerId(), record.asOf());
        if (created) {
            events.publish(new CustomerEvent.CustomerCreated(golden.customerNumber, golden.attributes(), sourceRef),
                    golden.version);
        } else if (!changed.isEmpty()) {
            goldenRecords.touch(golden);
            events.publish(new CustomerEvent.CustomerUpdated(golden.customerNumber, golden.attributes(), changed,
                    sourceRef), golden.version);
        }
        if (created || changed.contains("idNumber")) {
            relationships.resolvePending(golden);
        }
        relationships.legalRepresentativeFromFeed(golden, record.party().legalRepresentative());
        if (applyHoldings(golden, record)) {
            goldenRecords.touch(golden);
            events.publish(holdingsOf(golden), golden.version);
        }
        Outcome outcome = created ? Outcome.CREATED
                : golden.version != versionBefore ? Outcome.UPDATED : Outcome.UNCHANGED;
        if (outcome != Outcome.UNCHANGED) {
            recordVersion(golden);
        }
        return new Result(golden.customerNumber, outcome);
    }

    /**
     * Recomputes a golden record after a steward moved source customers in or out: survivorship, quality, an
     * update event when attributes changed, the holdings event (accounts moved), and a history version.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refreshAfterStewardship(GoldenRecordEntity golden, CustomerEvent.SourceReference cause,
                                        boolean created) {
        List<String> changed = resurvive(golden);
        if (created) {
            events.publish(new CustomerEvent.CustomerCreated(golden.customerNumber, golden.attributes(), cause),
                    golden.version);
        } else if (!changed.isEmpty()) {
            goldenRecords.touch(golden);
            events.publish(new CustomerEvent.CustomerUpdated(golden.customerNumber, golden.attributes(), changed,
                    cause), golden.version);
        }
        goldenRecords.touch(golden);
        events.publish(holdingsOf(golden), golden.version);
        recordVersion(golden);
    }

    /**
     * Recomputes the surviving attributes after data captured by a customer manager changed, and announces the
     * change: {@code captured} names the captured fields that changed (they are part of the unified record).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void refreshAfterCapture(GoldenRecordEntity golden, List<String> captured) {
        List<String> changed = new ArrayList<>(resurvive(golden));
        captured.stream().map(f -> "profile." + f).forEach(changed::add);
        if (!changed.isEmpty()) {
            goldenRecords.touch(golden);
            events.publish(new CustomerEvent.CustomerUpdated(golden.customerNumber, golden.attributes(),
                    List.copyOf(changed), new CustomerEvent.SourceReference(MANUAL, null, null)), golden.version);
            recordVersion(golden);
        }
    }

    /**
     * Settles the golden record from the latest record of each of its source customers (and what managers
     * captured): surviving attributes with lineage, quality, and the blocking keys the matcher finds it by.
     *
     * @return the attributes whose surviving values changed
     */
    private List<String> resurvive(GoldenRecordEntity golden) {
        PartyAttributes before = golden.attributes();
        List<Survivorship.Contribution> contributions = contributionsTo(golden.customerNumber);
        Survivorship.Survivors survivors = Survivorship.survive(contributions, trust);
        golden.setAttributes(survivors.attributes());
        golden.lineage = json(survivors.lineage());
        assess(golden);
        matching.index(golden.customerNumber, contributions.stream().map(Survivorship.Contribution::party).toList(),
                hasVerifiedId(golden));
        return PartyAttributes.differences(before, survivors.attributes());
    }

    /** A valid resident id or USCC: the ids whose check character proves them (the hard rule's ids). */
    public static boolean hasVerifiedId(GoldenRecordEntity golden) {
        return golden.idValid && ("RESIDENT_ID".equals(golden.idType) || "USCC".equals(golden.idType));
    }

    /** The attributes the golden record's current source customers give it, without changing anything. */
    public Survivorship.Survivors survivorsOf(String customerNumber) {
        return Survivorship.survive(contributionsTo(customerNumber), trust);
    }

    /** Keeps the unified record as it now stands, for "as of" reads. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordVersion(GoldenRecordEntity golden) {
        goldenRecords.flush();
        history.record(golden.customerNumber, golden.version, json(queries.customer(golden.customerNumber).orElseThrow()));
    }

    /**
     * The latest record of every source customer the golden record consolidates, in standard form. Records
     * stored before standardisation existed are standardised now.
     */
    private List<Survivorship.Contribution> contributionsTo(String customerNumber) {
        List<Survivorship.Contribution> out = new ArrayList<>();
        for (SourceRecordStore.Contribution c : sourceRecords.latestPerSourceCustomer(customerNumber)) {
            out.add(contributionOf(c, canonicalJson));
        }
        CustomerProfileEntity profile = profiles.findById(customerNumber);
        if (profile != null && profile.occupation != null && !out.isEmpty()) {
            out.add(capturedOccupation(out.get(0).party().type(), profile.capturedBy, profile.capturedAt,
                    profile.occupation));
        }
        return out;
    }

    /**
     * What a customer manager recorded in person competes like a source (MANUAL), with its own lineage: only the
     * occupation, nothing else.
     */
    static Survivorship.Contribution capturedOccupation(PartyType type, String capturedBy, OffsetDateTime capturedAt,
                                                       String occupation) {
        StandardParty nothingElse = new StandardParty(type, null, null, null, null, false, null, null, null, null,
                List.of());
        return new Survivorship.Contribution(0, MANUAL, "staff:" + capturedBy, capturedAt, nothingElse, occupation,
                null);
    }

    /** A stored source record as a survivorship contribution, standardised now if it was stored before that. */
    static Survivorship.Contribution contributionOf(SourceRecordStore.Contribution c, ObjectMapper json) {
        StandardParty party;
        try {
            party = c.standardJson() != null ? json.readValue(c.standardJson(), StandardParty.class)
                    : PartyStandardiser.standardise(RawParty.from(
                    json.readValue(c.payloadJson(), FeedRecord.class).party()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored source record " + c.id() + " cannot be read", e);
        }
        return new Survivorship.Contribution(c.id(), c.source(), c.sourceCustomerId(), c.asOf(), party,
                c.occupation(), c.branchCode());
    }

    /** A new golden record; survivorship settles its attributes right after, in the same transaction. */
    private GoldenRecordEntity create(PartyAttributes initial, OffsetDateTime asOf) {
        GoldenRecordEntity golden = new GoldenRecordEntity();
        golden.customerNumber = goldenRecords.nextCustomerNumber();
        golden.setAttributes(initial);
        golden.qualityIssues = "[]";
        golden.lineage = "{}";
        golden.attributesAsOf = asOf;
        golden.status = "ACTIVE";
        golden.version = 1;
        golden.createdAt = OffsetDateTime.now();
        golden.updatedAt = golden.createdAt;
        goldenRecords.persist(golden);
        return golden;
    }

    /**
     * Re-checks the surviving values as a whole: whether the id passed its check, how complete the record is and
     * which data-quality issues it carries (a birth date that contradicts the id, say, even when the two came
     * from different sources).
     */
    private void assess(GoldenRecordEntity golden) {
        PartyAttributes a = golden.attributes();
        StandardParty survivor = PartyStandardiser.standardise(new RawParty(a.type(), a.name(), a.idType(),
                a.idNumber(), a.birthDate(), a.gender(), a.phone(), a.address()));
        golden.idValid = survivor.idNumber() != null && survivor.idValid();
        golden.completeness = survivor.completeness();
        golden.qualityIssues = json(survivor.issues());
    }

    /** Applies the record's accounts and e-banking status; true when anything changed. */
    private boolean applyHoldings(GoldenRecordEntity golden, FeedRecord record) {
        boolean changed = false;
        for (AccountData account : record.accounts()) {
            AccountHoldingEntity.Key key = new AccountHoldingEntity.Key(record.source(), account.accountId().strip());
            AccountHoldingEntity held = holdings.findById(key);
            if (held != null && held.asOf != null && record.asOf() != null && record.asOf().isBefore(held.asOf)) {
                continue; // an older snapshot of the account never overwrites a newer one
            }
            if (held == null) {
                held = new AccountHoldingEntity();
                held.key = key;
                held.customerNumber = golden.customerNumber;
                held.sourceCustomerId = record.sourceCustomerId();
                copy(account, record.asOf(), held);
                holdings.persist(held);
                changed = true;
            } else if (!sameHolding(held, account, golden.customerNumber)
                    || !record.sourceCustomerId().equals(held.sourceCustomerId)) {
                held.customerNumber = golden.customerNumber;
                held.sourceCustomerId = record.sourceCustomerId();
                copy(account, record.asOf(), held);
                changed = true;
            }
        }
        if (record.ebanking() != null && record.ebanking().mobileBanking() != null) {
            EbankingStatusEntity status = holdings.ebankingOf(golden.customerNumber);
            if (status == null) {
                status = new EbankingStatusEntity();
                status.customerNumber = golden.customerNumber;
            }
            boolean differs = status.mobileBanking != record.ebanking().mobileBanking()
                    || !Objects.equals(status.loginsLast30d, record.ebanking().loginsLast30d())
                    || !Objects.equals(status.transactionsLast30d, record.ebanking().transactionsLast30d());
            if (differs || status.asOf == null) {
                status.mobileBanking = record.ebanking().mobileBanking();
                status.loginsLast30d = record.ebanking().loginsLast30d();
                status.transactionsLast30d = record.ebanking().transactionsLast30d();
                status.asOf = record.asOf();
                holdings.saveEbanking(status);
                changed = true;
            }
        }
        return changed;
    }

    private static boolean sameHolding(AccountHoldingEntity held, AccountData a, String customerNumber) {
        return held.customerNumber.equals(customerNumber) && sameAccountData(held.toHolding(), a.asHolding(
                held.key.source(), held.key.accountId(), held.asOf));
    }

    /** Whether two snapshots of an account say the same (amounts compared by value; asOf not compared). */
    static boolean sameAccountData(CustomerEvent.Holding a, CustomerEvent.Holding b) {
        return a.productType() == b.productType()
                && Objects.equals(a.currency(), b.currency())
                && sameAmount(a.balance(), b.balance())
                && Objects.equals(a.status(), b.status())
                && Objects.equals(a.openDate(), b.openDate())
                && sameAmount(a.interestRate(), b.interestRate())
                && Objects.equals(a.daysPastDue(), b.daysPastDue())
                && Objects.equals(a.termMonths(), b.termMonths())
                && sameAmount(a.feeIncome(), b.feeIncome());
    }

    private static boolean sameAmount(java.math.BigDecimal x, java.math.BigDecimal y) {
        return x == null ? y == null : y != null && x.compareTo(y) == 0;
    }

    private static void copy(AccountData a, OffsetDateTime asOf, AccountHoldingEntity held) {
        held.productType = a.productType();
        held.currency = a.currency();
        held.balance = a.balance();
        held.status = a.status();
        held.openDate = a.openDate();
        held.interestRate = a.interestRate();
        held.daysPastDue = a.daysPastDue();
        held.termMonths = a.termMonths();
        held.feeIncome = a.feeIncome();
        held.asOf = asOf;
    }

    private CustomerEvent.HoldingsChanged holdingsOf(GoldenRecordEntity golden) {
        List<CustomerEvent.Holding> accounts = holdings.ofCustomer(golden.customerNumber).stream()
                .map(AccountHoldingEntity::toHolding)
                .toList();
        CustomerEvent.Ebanking ebanking = EbankingStatusEntity.toEbanking(holdings.ebankingOf(golden.customerNumber));
        return new CustomerEvent.HoldingsChanged(golden.customerNumber, golden.branchCode, accounts, ebanking);
    }

    static OffsetDateTime latestOf(OffsetDateTime a, OffsetDateTime b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private String json(Object value) {
        try {
            return canonicalJson.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The content hash by which a record sent again is recognised (the same in both consolidation paths). */
    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
