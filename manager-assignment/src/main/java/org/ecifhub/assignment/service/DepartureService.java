package org.ecifhub.assignment.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.ecifhub.assignment.domain.CoveragePolicy;
import org.ecifhub.assignment.domain.Owner;
import org.ecifhub.assignment.domain.OwnerRole;
import org.ecifhub.assignment.domain.StaffStatus;
import org.ecifhub.assignment.domain.VisitPlan;
import org.ecifhub.assignment.persistence.AssignedCustomerEntity;
import org.ecifhub.assignment.persistence.AssignedCustomerRepository;
import org.ecifhub.assignment.persistence.HandoverItemEntity;
import org.ecifhub.assignment.persistence.HandoverItemRepository;
import org.ecifhub.assignment.persistence.OwnershipEntity;
import org.ecifhub.assignment.persistence.OwnershipRepository;
import org.ecifhub.assignment.persistence.StaffEntity;
import org.ecifhub.assignment.persistence.StaffRepository;
import org.ecifhub.assignment.persistence.VisitEntity;
import org.ecifhub.assignment.persistence.VisitRepository;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Departure (离岗): marking a staff member DEPARTING makes a hand-over plan (proposed owners for each customer, with
 * the reason, and an audit checklist); confirming applies it and makes the staff member DEPARTED, which only
 * happens once they own no customer.
 */
@ApplicationScoped
public class DepartureService {

    public record PlanItem(String customerNumber, String customerName, OwnerRole role, List<Owner> proposed,
                           String reason, List<String> checklist, boolean locked) {
    }

    public record Plan(String staffId, StaffStatus status, String reason, int customers, List<PlanItem> items) {
    }

    public record Confirmation(String staffId, StaffStatus status, int handedOver, List<String> customers) {
    }

    private final StaffRepository staff;
    private final AssignedCustomerRepository customers;
    private final OwnershipRepository ownerships;
    private final HandoverItemRepository plans;
    private final VisitRepository visits;
    private final AssignmentService assignment;
    private final OwnershipWriter writer;
    private final StaffLoads loads;
    private final VisitPlan visitPlan;
    private final Clock clock;

    public DepartureService(StaffRepository staff, AssignedCustomerRepository customers, OwnershipRepository ownerships,
                            HandoverItemRepository plans, VisitRepository visits, AssignmentService assignment,
                            OwnershipWriter writer, StaffLoads loads, VisitPlan visitPlan, Clock clock) {
        this.loads = loads;
        this.staff = staff;
        this.customers = customers;
        this.ownerships = ownerships;
        this.plans = plans;
        this.visits = visits;
        this.assignment = assignment;
        this.writer = writer;
        this.visitPlan = visitPlan;
        this.clock = clock;
    }

    /** Marks the staff member DEPARTING (no new customers) and makes, or remakes, the hand-over plan. */
    @Transactional
    public Plan start(String staffId, String operator, String reason) {
        if (operator == null || operator.isBlank()) {
            throw Problems.invalid("operator", "is required");
        }
        StaffEntity s = staff(staffId);
        if (s.status == StaffStatus.DEPARTED) {
            throw Problems.conflict("status", staffId + " has already departed");
        }
        s.status = StaffStatus.DEPARTING;
        s.departureReason = reason;
        s.updatedAt = OffsetDateTime.now(clock);
        plans.delete("staffId", staffId);
        // Nothing read below depends on changes not yet written (the plan only adds rows): no flush before each query.
        plans.getEntityManager().setFlushMode(jakarta.persistence.FlushModeType.COMMIT);
        loads.proposalsOnly();
        LocalDate today = LocalDate.now(clock);
        Map<String, Long> promised = new HashMap<>();
        List<OwnershipEntity> owned = ownerships.currentOf(staffId);
        List<String> numbers = owned.stream().map(o -> o.customerNumber).distinct().toList();
        Map<String, List<OwnershipEntity>> currentAll = numbers.isEmpty() ? Map.of() : ownerships.currentOfAll(numbers);
        Map<String, AssignedCustomerEntity> byNumber = new HashMap<>();
        if (!numbers.isEmpty()) {
            customers.list("customerNumber in ?1", numbers).forEach(c -> byNumber.put(c.customerNumber, c));
        }
        Map<String, List<String>> previous = assignment.previousOwners(List.copyOf(byNumber.values()));
        for (OwnershipEntity o : owned) {
            AssignedCustomerEntity c = byNumber.get(o.customerNumber);
            List<Owner> currentOwners = currentAll.getOrDefault(c.customerNumber, List.of()).stream()
                    .map(OwnershipEntity::owner).toList();
            CoveragePolicy.Decision d = assignment.decide(c, currentOwners, previous.get(c.customerNumber),
                    Set.of(staffId), promised);
            // Someone new to the customer takes on load: count it for the next items of the plan.
            List<String> currentIds = currentOwners.stream().map(Owner::ownerId).toList();
            d.owners().stream().map(a -> a.owner()).filter(w -> "STAFF".equals(w.ownerType()))
                    .filter(w -> !currentIds.contains(w.ownerId()))
                    .forEach(w -> promised.merge(w.ownerId(), 1L, Long::sum));
            HandoverItemEntity item = new HandoverItemEntity();
            item.staffId = staffId;
            item.customerNumber = c.customerNumber;
            item.role = o.role;
            item.proposed = encode(d.owners().stream().map(CoveragePolicy.Assignment::owner).toList());
            item.reason = OwnershipWriter.reason(d.owners().stream()
                    .map(a -> a.owner().role() + " " + a.owner().ownerId() + ": " + a.reason())
                    .collect(Collectors.joining("; ")), null);
            item.checklist = String.join("\n", checklist(c, o, today));
            item.createdAt = OffsetDateTime.now(clock);
            plans.persist(item);
        }
        return plan(staffId);
    }

    @Transactional
    public Plan plan(String staffId) {
        StaffEntity s = staff(staffId);
        List<PlanItem> items = plans.planOf(staffId).stream().map(i -> {
            AssignedCustomerEntity c = customers.findById(i.customerNumber);
            return new PlanItem(i.customerNumber, c == null ? null : c.name, i.role, decode(i.proposed), i.reason,
                    Arrays.asList(i.checklist.split("\n")), c != null && c.locked);
        }).toList();
        return new Plan(staffId, s.status, s.departureReason, items.size(), items);
    }

    /**
     * Applies the plan: each customer the staff member still owns goes to the proposed owners (proposed again by
     * the policy if someone proposed is no longer ACTIVE, or if the customer came after the plan). A locked
     * customer is handed over too, since this is an operator's decision, and stays locked. Then DEPARTED.
     */
    @Transactional
    public Confirmation confirm(String staffId, String operator) {
        if (operator == null || operator.isBlank()) {
            throw Problems.invalid("operator", "is required");
        }
        StaffEntity s = staff.findById(staffId, LockModeType.PESSIMISTIC_WRITE);
        if (s == null) {
            throw Problems.notFound("Staff member " + staffId);
        }
        if (s.status != StaffStatus.DEPARTING) {
            throw Problems.conflict("status", staffId + " is " + s.status
                    + ": start the departure (POST /api/v1/staff/" + staffId + "/departure) first");
        }
        // OwnershipWriter flushes what the next statements need; no flush of the whole session before each query.
        plans.getEntityManager().setFlushMode(jakarta.persistence.FlushModeType.COMMIT);
        Map<String, HandoverItemEntity> plan = new HashMap<>();
        plans.planOf(staffId).forEach(i -> plan.put(i.customerNumber, i));
        List<String> handedOver = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(clock);
        // Customers first (in number order), then the assignment locks of every branch the hand-over can give
        // customers to: the order every assigning transaction takes its locks in.
        List<String> numbers = ownerships.currentOf(staffId).stream().map(o -> o.customerNumber).distinct().toList();
        Map<String, AssignedCustomerEntity> locked = customers.lockOrCreateAll(numbers);
        OwnersInHand known = OwnersInHand.load(ownerships, numbers);
        Set<String> branches = new java.util.TreeSet<>();
        locked.values().stream().map(c -> c.branchCode).filter(java.util.Objects::nonNull).distinct()
                .forEach(b -> branches.addAll(loads.order(b)));
        plan.values().stream().flatMap(i -> decode(i.proposed).stream()).filter(o -> "STAFF".equals(o.ownerType()))
                .map(Owner::ownerId).distinct().map(staff::findById).filter(java.util.Objects::nonNull)
                .forEach(p -> branches.add(p.branchCode));
        loads.mayAssignIn(branches);
        for (AssignedCustomerEntity c : locked.values()) {
            HandoverItemEntity item = plan.get(c.customerNumber);
            List<Owner> planned = item == null ? List.of() : decode(item.proposed);
            List<OwnershipEntity> current = known.current(c.customerNumber);
            List<CoveragePolicy.Assignment> wanted = stillPossible(planned, staffId, current)
                    ? planned.stream().map(o -> new CoveragePolicy.Assignment(o, "as planned: " + item.reason)).toList()
                    : assignment.decide(c, current.stream().map(OwnershipEntity::owner).toList(), known.previous(c),
                    Set.of(staffId), Map.of()).owners();
            known.record(c.customerNumber, writer.apply(c, current, wanted, "hand-over: " + staffId + " departs", now,
                    operator));
            handedOver.add(c.customerNumber);
        }
        ownerships.flush();
        long left = ownerships.countCurrentOf(staffId);
        if (left > 0) {
            throw Problems.conflict("status", staffId + " would still own " + left + " customer(s)");
        }
        s.status = StaffStatus.DEPARTED;
        s.updatedAt = now;
        return new Confirmation(staffId, s.status, handedOver.size(), handedOver);
    }

    /**
     * Planned owners still fit when each is ACTIVE and, if new to the customer, has room now (loads read under the
     * branches' assignment locks, including what this hand-over gave them so far).
     */
    private boolean stillPossible(List<Owner> owners, String departing, List<OwnershipEntity> current) {
        for (Owner o : owners) {
            if ("STAFF".equals(o.ownerType())) {
                boolean alreadyOwner = current.stream().anyMatch(r -> r.ownerId.equals(o.ownerId())
                        && "STAFF".equals(r.ownerType));
                Optional<org.ecifhub.assignment.domain.Candidate> c = loads.candidate(o.ownerId());
                if (c.isEmpty() || o.ownerId().equals(departing) || c.get().status() != StaffStatus.ACTIVE
                        || (!alreadyOwner && !c.get().hasRoom())) {
                    return false;
                }
            }
        }
        return !owners.isEmpty();
    }

    private List<String> checklist(AssignedCustomerEntity c, OwnershipEntity o, LocalDate today) {
        List<String> items = new ArrayList<>();
        items.add(c.overdueLoans > 0 ? "OVERDUE_LOANS: " + c.overdueLoans + " loan(s) past due; agree who follows up"
                : "OVERDUE_LOANS: none");
        Optional<VisitEntity> last = visits.latest(c.customerNumber);
        Optional<LocalDate> due = visitPlan.nextDue(c.tier, last.map(v -> v.visitDate).orElse(null),
                last.map(v -> v.nextDate).orElse(null), o.validFrom.atZoneSameInstant(clock.getZone()).toLocalDate());
        items.add(due.map(d -> (d.isBefore(today) ? "VISIT_OVERDUE: was due " : "VISIT_DUE: next visit ") + d)
                .orElse("VISIT_DUE: no visit plan for tier " + c.tier));
        items.add(last.map(v -> "NOTES: last visit " + v.visitDate + " (" + v.channel + ")"
                        + (v.needs == null ? "" : ", needs: " + v.needs))
                .orElse("NOTES: no visit report on record"));
        if (c.locked) {
            items.add("LOCKED: manual assignment by " + c.lockOperator + " (" + c.lockReason
                    + "); confirming hands it over and keeps the lock");
        }
        return items;
    }

    private StaffEntity staff(String staffId) {
        StaffEntity s = staff.findById(staffId);
        if (s == null) {
            throw Problems.notFound("Staff member " + staffId);
        }
        return s;
    }

    static String encode(List<Owner> owners) {
        return owners.stream().map(o -> o.role() + ":" + o.ownerType() + ":" + o.ownerId()).collect(Collectors.joining(","));
    }

    static List<Owner> decode(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        return Arrays.stream(s.split(",")).map(p -> p.split(":", 3))
                .map(p -> new Owner(OwnerRole.valueOf(p[0]), p[1], p[2])).toList();
    }
}
