package org.ecifhub.assignment.service;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.Transactional;
import org.ecifhub.assignment.domain.Candidate;
import org.ecifhub.assignment.domain.CoveragePolicy;
import org.ecifhub.assignment.domain.Owner;
import org.ecifhub.assignment.persistence.AssignedCustomerEntity;
import org.ecifhub.assignment.persistence.AssignedCustomerRepository;
import org.ecifhub.assignment.persistence.BranchRepository;
import org.ecifhub.assignment.persistence.ContributionEntity;
import org.ecifhub.assignment.persistence.ContributionRepository;
import org.ecifhub.assignment.persistence.OwnershipEntity;
import org.ecifhub.assignment.persistence.OwnershipRepository;
import org.ecifhub.commons.events.EventEnvelope;
import org.ecifhub.commons.inbox.ProcessedEvents;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Keeps each customer's owners current from customer and tier events, exactly once in effect: each event's id is
 * recorded in the transaction that applies it, under the customer's row lock.
 */
@ApplicationScoped
public class AssignmentService {

    static final String CUSTOMER_TOPIC = "ecif.customer.v1";
    static final String TIER_TOPIC = "ecif.tier.v1";

    private final AssignedCustomerRepository customers;
    private final OwnershipRepository ownerships;
    private final BranchRepository branches;
    private final ContributionRepository contributions;
    private final ProcessedEvents inbox;
    private final OwnershipWriter writer;
    private final CoveragePolicy policy;
    private final StaffLoads loads;
    private final Clock clock;

    public AssignmentService(AssignedCustomerRepository customers, OwnershipRepository ownerships,
                             BranchRepository branches, ContributionRepository contributions, ProcessedEvents inbox,
                             OwnershipWriter writer, CoveragePolicy policy, StaffLoads loads, Clock clock) {
        this.customers = customers;
        this.ownerships = ownerships;
        this.loads = loads;
        this.branches = branches;
        this.contributions = contributions;
        this.inbox = inbox;
        this.writer = writer;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * A chunk of customer events, in order, in one transaction: the events' customers are locked first, all in
     * customer-number order; an event already applied (its id is in the inbox, or earlier in the chunk) is skipped.
     */
    @Transactional
    public void applyCustomerEvents(List<EventEnvelope> events) {
        List<EventEnvelope> fresh = firstDeliveries(events, CUSTOMER_TOPIC);
        if (fresh.isEmpty()) {
            return;
        }
        Set<String> numbers = new TreeSet<>();
        for (EventEnvelope e : fresh) {
            numbers.add(e.subject());
            for (String field : List.of("survivor", "retired", "newCustomer")) {
                String n = text(e.data().path(field));
                if (n != null) {
                    numbers.add(n);
                }
            }
        }
        Map<String, AssignedCustomerEntity> locked = customers.lockOrCreateAll(numbers);
        for (EventEnvelope e : fresh) {
            applyCustomer(e, locked.get(e.subject()));
        }
    }

    private void applyCustomer(EventEnvelope event, AssignedCustomerEntity customer) {
        JsonNode data = event.data();
        OffsetDateTime effective = event.occurredAt() != null ? event.occurredAt() : OffsetDateTime.now(clock);
        switch (event.eventType()) {
            case "CustomersMerged" -> {
                merge(text(data.path("survivor")), text(data.path("retired")), effective);
                count(customer);
                return;
            }
            case "CustomerSplit" -> {
                split(event.subject(), text(data.path("newCustomer")), effective);
                count(customer);
                return;
            }
            default -> {
            }
        }
        count(customer);
        String branch = null;
        boolean wasCore = customer.core;
        switch (event.eventType()) {
            case "CustomerCreated", "CustomerUpdated" -> {
                JsonNode a = data.path("attributes");
                branch = text(a.path("branchCode"));
                customer.name = text(a.path("name"));
                customer.partyType = text(a.path("type"));
                customer.address = text(a.path("address"));
                customer.phone = text(a.path("phone"));
            }
            case "HoldingsChanged" -> {
                branch = text(data.path("branchCode"));
                holdings(customer, data.path("accounts"));
            }
            default -> {
                // RelationshipChanged and event types this version does not know: seen, nothing to change.
            }
        }
        customer.core = policy.isCore(customer.facts());
        boolean branchChanged = branch != null && !branch.equals(customer.branchCode);
        if (branchChanged) {
            customer.branchCode = branch;
            branches.ensure(branch);
        }
        if (customer.tier != null && (branchChanged || wasCore != customer.core)) {
            reevaluate(customer, branchChanged ? "home branch is now " + customer.branchCode
                    : (customer.core ? "now a core customer" : "no longer a core customer"), effective, null, Set.of());
        }
    }

    /**
     * A chunk of TierChanged events, in order, in one transaction, with what the decisions need read for the whole
     * chunk at once: the inbox in one statement, the customers' rows created and locked in one (customer-number
     * order), their current and former owners in two queries, and each branch's staff with loads once (under the
     * branches' assignment locks, all taken at the first decision that moves someone, in their global order); loads and owners
     * are then kept current in memory. An event already applied is skipped.
     */
    @Transactional
    public void applyTierEvents(List<EventEnvelope> events) {
        List<EventEnvelope> fresh = firstDeliveries(events, TIER_TOPIC);
        if (fresh.isEmpty()) {
            return;
        }
        // Nothing read below depends on unwritten changes: OwnershipWriter and StaffLoads flush what they need.
        customers.getEntityManager().setFlushMode(FlushModeType.COMMIT);
        Map<String, AssignedCustomerEntity> locked = customers.lockOrCreateAll(
                fresh.stream().map(EventEnvelope::subject).toList());
        branches.ensureAll(fresh.stream().map(e -> text(e.data().path("branchCode"))).filter(Objects::nonNull).toList());
        OwnersInHand known = OwnersInHand.load(ownerships, locked.keySet());
        Set<String> decidingBranches = new TreeSet<>();
        for (EventEnvelope e : fresh) {
            String home = Objects.requireNonNullElse(text(e.data().path("branchCode")), locked.get(e.subject()).branchCode);
            if (home != null) {
                decidingBranches.addAll(loads.order(home));
            }
        }
        loads.mayAssignIn(decidingBranches);
        for (EventEnvelope e : fresh) {
            applyTier(e, locked.get(e.subject()), known);
        }
    }

    private void applyTier(EventEnvelope event, AssignedCustomerEntity customer, OwnersInHand known) {
        JsonNode data = event.data();
        String branch = text(data.path("branchCode"));
        if (branch != null) {
            customer.branchCode = branch;
        }
        OffsetDateTime effective = data.path("effective").isTextual() ? OffsetDateTime.parse(data.path("effective").asText())
                : event.occurredAt() != null ? event.occurredAt() : OffsetDateTime.now(clock);
        customer.tier = text(data.path("to"));
        if (data.path("score").isNumber()) {
            customer.score = data.path("score").decimalValue();
            ContributionEntity c = new ContributionEntity();
            c.customerNumber = customer.customerNumber;
            c.score = customer.score;
            c.validFrom = effective;
            contributions.persist(c);
        }
        customer.core = policy.isCore(customer.facts());
        count(customer);
        reevaluate(customer, "tier " + (text(data.path("from")) == null ? "none" : text(data.path("from"))) + " -> "
                + customer.tier, effective, null, Set.of(), known);
    }

    /** The events of the chunk seen for the first time, in order, each id once; all ids recorded in the inbox. */
    private List<EventEnvelope> firstDeliveries(List<EventEnvelope> events, String topic) {
        Set<UUID> first = inbox.firstDeliveries(events.stream().map(EventEnvelope::eventId).toList(), topic);
        return events.stream().filter(e -> first.remove(e.eventId())).toList();
    }

    /**
     * Gives the customer the owners the coverage policy asks for, keeping the current ones while they fit. A locked
     * or merged-away customer is left as it is.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean reevaluate(AssignedCustomerEntity customer, String trigger, OffsetDateTime effective,
                              String operator, Set<String> excluded) {
        return reevaluate(customer, trigger, effective, operator, excluded,
                OwnersInHand.load(ownerships, List.of(customer.customerNumber)));
    }

    private boolean reevaluate(AssignedCustomerEntity customer, String trigger, OffsetDateTime effective,
                               String operator, Set<String> excluded, OwnersInHand known) {
        if (customer.branchCode == null || customer.mergedInto != null || customer.locked) {
            return false;
        }
        List<OwnershipEntity> current = known.current(customer.customerNumber);
        List<String> previous = known.previous(customer);
        if (!current.isEmpty() && keepsOwners(customer, owners(current), previous, excluded)) {
            return false;
        }
        CoveragePolicy.Decision d = decide(customer, owners(current), previous, excluded, Map.of());
        OwnershipWriter.Change change = writer.apply(customer, current, d.owners(), trigger, effective, operator);
        known.record(customer.customerNumber, change);
        return change.changed();
    }

    /**
     * Whether the policy keeps the customer's current owners, decided without loads: keeping an eligible current
     * owner, or the branch when no one would be eligible even with room, does not depend on loads, so if the policy
     * keeps the owners with every load at 0 it keeps them with the real ones. Such a customer needs neither the
     * branches' assignment locks nor a count of what everyone owns.
     */
    private boolean keepsOwners(AssignedCustomerEntity customer, List<Owner> current, List<String> previous,
                                Set<String> excluded) {
        List<String> order = loads.order(customer.branchCode);
        CoveragePolicy.Decision d = policy.decide(customer.facts(), current, previous,
                new CoveragePolicy.Pool(loads.members(order), order), excluded);
        return d.owners().size() == current.size() && d.owners().stream().allMatch(a -> current.contains(a.owner()));
    }

    /** What the policy wants for the customer, leaving out {@code excluded} staff. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CoveragePolicy.Decision decide(AssignedCustomerEntity customer, Set<String> excluded) {
        OwnersInHand known = OwnersInHand.load(ownerships, List.of(customer.customerNumber));
        return decide(customer, owners(known.current(customer.customerNumber)), known.previous(customer), excluded,
                Map.of());
    }

    /**
     * What the policy wants for the customer, with staff loads from {@link StaffLoads} (this transaction's).
     *
     * @param previous  staff who owned the customer before, most recent first
     * @param extraLoad customers already promised to staff (in a plan not applied yet), counted as load
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public CoveragePolicy.Decision decide(AssignedCustomerEntity customer, List<Owner> current, List<String> previous,
                                          Set<String> excluded, Map<String, Long> extraLoad) {
        List<String> order = loads.order(customer.branchCode);
        List<Candidate> candidates = loads.candidates(order).stream()
                .map(x -> extraLoad.containsKey(x.staffId()) ? new Candidate(x.staffId(), x.branchCode(), x.role(),
                        x.grade(), x.status(), x.capacity(), x.load() + extraLoad.get(x.staffId())) : x).toList();
        return policy.decide(customer.facts(), current, previous, new CoveragePolicy.Pool(candidates, order), excluded);
    }

    /** Staff who owned the customers before, most recent first (one query for all). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, List<String>> previousOwners(List<AssignedCustomerEntity> list) {
        OwnersInHand known = OwnersInHand.load(ownerships, list.stream().map(c -> c.customerNumber).toList());
        Map<String, List<String>> result = new HashMap<>();
        list.forEach(c -> result.put(c.customerNumber, known.previous(c)));
        return result;
    }

    /**
     * Re-evaluates a page of customers (after a coverage-policy change, or new staff) in one transaction: their
     * rows locked (customer-number order), owners and former owners read for the page at once, the assignment
     * locks of every branch the page can assign to taken before the first decision. Locked and merged-away
     * customers are left alone; only real changes are written and published.
     *
     * @return how many customers got a different owner
     */
    @Transactional
    public int reevaluateBatch(List<String> customerNumbers, String trigger, String operator) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        customers.getEntityManager().setFlushMode(FlushModeType.COMMIT);
        List<AssignedCustomerEntity> page = customers.lockAll(customerNumbers).stream()
                .filter(c -> c.tier != null && c.branchCode != null && c.mergedInto == null && !c.locked).toList();
        OwnersInHand known = OwnersInHand.load(ownerships, page.stream().map(c -> c.customerNumber).toList());
        Set<String> decidingBranches = new TreeSet<>();
        page.stream().map(c -> c.branchCode).distinct().forEach(b -> decidingBranches.addAll(loads.order(b)));
        loads.mayAssignIn(decidingBranches);
        int changed = 0;
        for (AssignedCustomerEntity c : page) {
            if (reevaluate(c, trigger, now, operator, Set.of(), known)) {
                changed++;
            }
        }
        return changed;
    }

    private static List<Owner> owners(List<OwnershipEntity> rows) {
        return rows.stream().map(OwnershipEntity::owner).toList();
    }

    /**
     * Two customers are one party: the survivor keeps one ownership, that of the more valuable side (higher
     * contribution; the survivor's on a tie, and always the survivor's when it is locked); the retired customer's
     * ownerships end. CustomersMerged arrives on both customers' keys: whichever comes first applies the merge.
     */
    private void merge(String survivorNumber, String retiredNumber, OffsetDateTime effective) {
        if (survivorNumber == null || retiredNumber == null || survivorNumber.equals(retiredNumber)) {
            throw new IllegalArgumentException("CustomersMerged needs two different customers");
        }
        lockInOrder(survivorNumber, retiredNumber);
        AssignedCustomerEntity survivor = customers.findById(survivorNumber);
        AssignedCustomerEntity retired = customers.findById(retiredNumber);
        if (retired.mergedInto != null) {
            return;
        }
        retired.mergedInto = survivorNumber;
        List<OwnershipEntity> retiredOwners = ownerships.current(retiredNumber);
        List<OwnershipEntity> survivorOwners = ownerships.current(survivorNumber);
        boolean retiredWorthMore = nz(retired.score).compareTo(nz(survivor.score)) > 0;
        if (survivor.branchCode == null) {
            survivor.branchCode = retired.branchCode;
        }
        if (survivor.tier == null) {
            survivor.tier = retired.tier;
            survivor.score = retired.score;
        }
        if (!retiredOwners.isEmpty() && (survivorOwners.isEmpty() || (retiredWorthMore && !survivor.locked))) {
            List<CoveragePolicy.Assignment> wanted = retiredOwners.stream()
                    .map(o -> new CoveragePolicy.Assignment(o.owner(), "keeps the owner of the more valuable side "
                            + retiredNumber)).toList();
            writer.apply(survivor, wanted, "merged with " + retiredNumber, effective, null);
        }
        writer.endAll(retired, "merged into " + survivorNumber, effective, survivorNumber);
    }

    /** A party split off {@code fromNumber} gets its own ownership (preferring the staff who own the original). */
    private void split(String fromNumber, String newNumber, OffsetDateTime effective) {
        if (newNumber == null || newNumber.equals(fromNumber)) {
            throw new IllegalArgumentException("CustomerSplit needs a new customer number");
        }
        lockInOrder(fromNumber, newNumber);
        AssignedCustomerEntity from = customers.findById(fromNumber);
        AssignedCustomerEntity split = customers.findById(newNumber);
        split.splitFrom = fromNumber;
        if (split.branchCode == null) {
            split.branchCode = from.branchCode;
            branches.ensure(split.branchCode);
        }
        if (ownerships.current(newNumber).isEmpty()) {
            reevaluate(split, "split from " + fromNumber, effective, null, Set.of());
        }
    }

    private void lockInOrder(String a, String b) {
        for (String n : a.compareTo(b) < 0 ? List.of(a, b) : List.of(b, a)) {
            customers.lockOrCreate(n);
        }
    }

    private void count(AssignedCustomerEntity customer) {
        customer.eventsApplied++;
        customer.updatedAt = OffsetDateTime.now(clock);
    }

    private static void holdings(AssignedCustomerEntity customer, JsonNode accounts) {
        BigDecimal deposits = BigDecimal.ZERO;
        BigDecimal loans = BigDecimal.ZERO;
        int overdue = 0;
        for (JsonNode a : accounts) {
            BigDecimal balance = a.path("balance").isNumber() ? a.path("balance").decimalValue() : BigDecimal.ZERO;
            String type = a.path("productType").asText("");
            if (type.equals("LOAN")) {
                loans = loans.add(balance);
                if (a.path("daysPastDue").asInt(0) > 0) {
                    overdue++;
                }
            } else if (type.endsWith("DEPOSIT")) {
                deposits = deposits.add(balance);
            }
        }
        customer.deposits = deposits;
        customer.loans = loans;
        customer.overdueLoans = overdue;
    }

    static BigDecimal nz(BigDecimal v) {
        return Objects.requireNonNullElse(v, BigDecimal.ZERO);
    }

    static String text(JsonNode n) {
        return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
    }
}
