package org.ecifhub.assignment.service;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
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
import org.ecifhub.assignment.persistence.StaffRepository;
import org.ecifhub.commons.events.EventEnvelope;
import org.ecifhub.commons.inbox.ProcessedEvents;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
    private final StaffRepository staff;
    private final BranchRepository branches;
    private final ContributionRepository contributions;
    private final ProcessedEvents inbox;
    private final OwnershipWriter writer;
    private final CoveragePolicy policy;
    private final Clock clock;

    public AssignmentService(AssignedCustomerRepository customers, OwnershipRepository ownerships,
                             StaffRepository staff, BranchRepository branches, ContributionRepository contributions,
                             ProcessedEvents inbox, OwnershipWriter writer, CoveragePolicy policy, Clock clock) {
        this.customers = customers;
        this.ownerships = ownerships;
        this.staff = staff;
        this.branches = branches;
        this.contributions = contributions;
        this.inbox = inbox;
        this.writer = writer;
        this.policy = policy;
        this.clock = clock;
    }

    @Transactional
    public void applyCustomerEvent(EventEnvelope event) {
        if (!inbox.firstDelivery(event.eventId(), CUSTOMER_TOPIC)) {
            return;
        }
        JsonNode data = event.data();
        OffsetDateTime effective = event.occurredAt() != null ? event.occurredAt() : OffsetDateTime.now(clock);
        switch (event.eventType()) {
            case "CustomersMerged" -> {
                merge(text(data.path("survivor")), text(data.path("retired")), effective);
                count(customers.findById(event.subject()));
                return;
            }
            case "CustomerSplit" -> {
                split(event.subject(), text(data.path("newCustomer")), effective);
                count(customers.findById(event.subject()));
                return;
            }
            default -> {
            }
        }
        AssignedCustomerEntity customer = customers.lockOrCreate(event.subject());
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

    @Transactional
    public void applyTierEvent(EventEnvelope event) {
        if (!inbox.firstDelivery(event.eventId(), TIER_TOPIC)) {
            return;
        }
        AssignedCustomerEntity customer = customers.lockOrCreate(event.subject());
        JsonNode data = event.data();
        String branch = text(data.path("branchCode"));
        if (branch != null) {
            customer.branchCode = branch;
            branches.ensure(branch);
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
                + customer.tier, effective, null, Set.of());
    }

    /**
     * Gives the customer the owners the coverage policy asks for, keeping the current ones while they fit. A locked
     * or merged-away customer is left as it is.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean reevaluate(AssignedCustomerEntity customer, String trigger, OffsetDateTime effective,
                              String operator, Set<String> excluded) {
        if (customer.branchCode == null || customer.mergedInto != null || customer.locked) {
            return false;
        }
        return writer.apply(customer, decide(customer, excluded).owners(), trigger, effective, operator);
    }

    /** What the policy wants for the customer, leaving out {@code excluded} staff. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CoveragePolicy.Decision decide(AssignedCustomerEntity customer, Set<String> excluded) {
        return decide(customer, excluded, Map.of());
    }

    /** @param extraLoad customers already promised to staff (in a plan not applied yet), counted as load */
    @Transactional(Transactional.TxType.MANDATORY)
    public CoveragePolicy.Decision decide(AssignedCustomerEntity customer, Set<String> excluded,
                                          Map<String, Long> extraLoad) {
        List<String> order = branches.order(customer.branchCode);
        List<Owner> current = ownerships.current(customer.customerNumber).stream().map(OwnershipEntity::owner).toList();
        List<String> previous = new ArrayList<>(ownerships.staffOwners(customer.customerNumber));
        if (customer.splitFrom != null) {
            ownerships.staffOwners(customer.splitFrom).stream().filter(s -> !previous.contains(s)).forEach(previous::add);
        }
        List<Candidate> candidates = staff.candidates(order).stream()
                .map(c -> new Candidate(c.staffId(), c.branchCode(), c.role(), c.grade(), c.status(), c.capacity(),
                        c.load() + extraLoad.getOrDefault(c.staffId(), 0L))).toList();
        return policy.decide(customer.facts(), current, previous, new CoveragePolicy.Pool(candidates, order), excluded);
    }

    /**
     * What the policy wants for the customer, from owners and staff already loaded: {@code staffByBranch} caches
     * each branch's staff for a run over many customers, {@code extraLoad} the customers promised to each so far.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public CoveragePolicy.Decision decide(AssignedCustomerEntity customer, List<Owner> current,
                                          Map<String, List<Candidate>> staffByBranch, Set<String> excluded,
                                          Map<String, Long> extraLoad) {
        List<String> order = branches.order(customer.branchCode);
        List<Candidate> candidates = order.stream()
                .flatMap(b -> staffByBranch.computeIfAbsent(b, x -> staff.candidates(List.of(x))).stream())
                .map(x -> new Candidate(x.staffId(), x.branchCode(), x.role(), x.grade(), x.status(), x.capacity(),
                        x.load() + extraLoad.getOrDefault(x.staffId(), 0L))).toList();
        List<String> previous = new ArrayList<>(ownerships.staffOwners(customer.customerNumber));
        if (customer.splitFrom != null) {
            ownerships.staffOwners(customer.splitFrom).stream().filter(s -> !previous.contains(s)).forEach(previous::add);
        }
        return policy.decide(customer.facts(), current, previous, new CoveragePolicy.Pool(candidates, order), excluded);
    }

    /**
     * Re-evaluates a batch of customers (after a coverage-policy change, or new staff), each under its row lock, in
     * one transaction. Locked and merged-away customers are left alone.
     *
     * @return how many customers got a different owner
     */
    @Transactional
    public int reevaluateBatch(List<String> customerNumbers, String trigger, String operator) {
        int changed = 0;
        OffsetDateTime now = OffsetDateTime.now(clock);
        // One query each for the rows (locked), their current owners and each branch's staff; loads are then kept
        // up to date in memory as the batch moves customers, so the batch decides as one-by-one would.
        // OwnershipWriter flushes what the next statements need; no flush of the whole session before each query.
        ownerships.getEntityManager().setFlushMode(jakarta.persistence.FlushModeType.COMMIT);
        Map<String, List<OwnershipEntity>> currentOwners = ownerships.currentOfAll(customerNumbers);
        Map<String, List<Candidate>> staffByBranch = new java.util.HashMap<>();
        Map<String, Long> loadChange = new java.util.HashMap<>();
        for (AssignedCustomerEntity c : customers.lockAll(customerNumbers)) {
            if (c.tier == null || c.branchCode == null || c.mergedInto != null || c.locked) {
                continue;
            }
            List<String> order = branches.order(c.branchCode);
            List<Candidate> candidates = order.stream()
                    .flatMap(b -> staffByBranch.computeIfAbsent(b, x -> staff.candidates(List.of(x))).stream())
                    .map(x -> new Candidate(x.staffId(), x.branchCode(), x.role(), x.grade(), x.status(), x.capacity(),
                            x.load() + loadChange.getOrDefault(x.staffId(), 0L))).toList();
            List<OwnershipEntity> current = currentOwners.getOrDefault(c.customerNumber, List.of());
            List<Owner> owners = current.stream().map(OwnershipEntity::owner).toList();
            CoveragePolicy.Pool pool = new CoveragePolicy.Pool(candidates, order);
            // Without the history first: when the current owners all stay, the history cannot change the answer.
            CoveragePolicy.Decision d = policy.decide(c.facts(), owners, List.of(), pool, Set.of());
            if (!sameOwners(d, owners)) {
                List<String> previous = new ArrayList<>(ownerships.staffOwners(c.customerNumber));
                if (c.splitFrom != null) {
                    ownerships.staffOwners(c.splitFrom).stream().filter(s -> !previous.contains(s)).forEach(previous::add);
                }
                d = policy.decide(c.facts(), owners, previous, pool, Set.of());
            }
            if (!sameOwners(d, owners)) {
                writer.apply(c, d.owners(), trigger, now, operator);
                owners.stream().filter(o -> "STAFF".equals(o.ownerType()))
                        .forEach(o -> loadChange.merge(o.ownerId(), -1L, Long::sum));
                d.owners().stream().map(CoveragePolicy.Assignment::owner).filter(o -> "STAFF".equals(o.ownerType()))
                        .forEach(o -> loadChange.merge(o.ownerId(), 1L, Long::sum));
                changed++;
            }
        }
        return changed;
    }

    private static boolean sameOwners(CoveragePolicy.Decision d, List<Owner> current) {
        return d.owners().size() == current.size()
                && d.owners().stream().allMatch(a -> current.contains(a.owner()));
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
