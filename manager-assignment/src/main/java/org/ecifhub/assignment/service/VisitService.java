package org.ecifhub.assignment.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.ecifhub.assignment.domain.OwnerRole;
import org.ecifhub.assignment.domain.VisitPlan;
import org.ecifhub.assignment.domain.VisitReported;
import org.ecifhub.assignment.messaging.OwnershipEventPublisher;
import org.ecifhub.assignment.persistence.AssignedCustomerEntity;
import org.ecifhub.assignment.persistence.AssignedCustomerRepository;
import org.ecifhub.assignment.persistence.OwnershipEntity;
import org.ecifhub.assignment.persistence.OwnershipRepository;
import org.ecifhub.assignment.persistence.StaffEntity;
import org.ecifhub.assignment.persistence.StaffRepository;
import org.ecifhub.assignment.persistence.VisitEntity;
import org.ecifhub.assignment.persistence.VisitRepository;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Visit reports, visit plans by tier, worklists, overdue lists and rosters. */
@ApplicationScoped
public class VisitService {

    public static final Set<String> CHANNELS = Set.of("VISIT", "PHONE");

    public record Report(String customerNumber, String staffId, LocalDate date, String channel, String needs,
                         List<String> products, LocalDate nextDate) {
    }

    public record Visit(long id, String customerNumber, String staffId, LocalDate date, String channel, String needs,
                        List<String> products, LocalDate nextDate) {
        static Visit of(VisitEntity v) {
            return new Visit(v.id, v.customerNumber, v.staffId, v.visitDate, v.channel, v.needs,
                    v.products == null || v.products.isBlank() ? List.of() : Arrays.asList(v.products.split(",")),
                    v.nextDate);
        }
    }

    /** A customer to visit: {@code dueDate} from the visit plan, {@code overdueDays} when past due. */
    public record Due(String customerNumber, String name, String tier, String ownerType, String ownerId, OwnerRole role,
                      LocalDate lastVisit, LocalDate dueDate, long overdueDays) {
    }

    /** One line of a manager's roster (客户名册); importance is CORE, KEY (PRIVILEGE, EXCELLENT) or STANDARD. */
    public record RosterLine(String customerNumber, String name, String address, String phone, BigDecimal deposits,
                             BigDecimal loans, String tier, String importance, OwnerRole role, OffsetDateTime since,
                             LocalDate lastVisit, LocalDate nextVisitDue, boolean locked) {
    }

    private final VisitRepository visits;
    private final AssignedCustomerRepository customers;
    private final StaffRepository staff;
    private final OwnershipRepository ownerships;
    private final VisitPlan plan;
    private final OwnershipEventPublisher events;
    private final Clock clock;

    public VisitService(VisitRepository visits, AssignedCustomerRepository customers, StaffRepository staff,
                        OwnershipRepository ownerships, VisitPlan plan, OwnershipEventPublisher events, Clock clock) {
        this.visits = visits;
        this.customers = customers;
        this.staff = staff;
        this.ownerships = ownerships;
        this.plan = plan;
        this.events = events;
        this.clock = clock;
    }

    public Map<String, Period> plans() {
        return new TreeMap<>(plan.intervals());
    }

    @Transactional
    public Visit report(Report r) {
        require("customerNumber", r.customerNumber());
        require("staffId", r.staffId());
        require("date", r.date());
        require("channel", r.channel());
        if (!CHANNELS.contains(r.channel())) {
            throw Problems.invalid("channel", "must be VISIT or PHONE");
        }
        if (r.date().isAfter(LocalDate.now(clock))) {
            throw Problems.invalid("date", "a visit report is about a visit that happened: " + r.date() + " is in the future");
        }
        if (r.nextDate() != null && !r.nextDate().isAfter(r.date())) {
            throw Problems.invalid("nextDate", "must be after the visit date");
        }
        // Locked: the event version below comes from the customer's row, shared with the ownership events.
        AssignedCustomerEntity customer = customers.findById(r.customerNumber(), LockModeType.PESSIMISTIC_WRITE);
        if (customer == null) {
            throw Problems.invalid("customerNumber", "customer " + r.customerNumber() + " is not known");
        }
        if (staff.findById(r.staffId()) == null) {
            throw Problems.invalid("staffId", "staff member " + r.staffId() + " does not exist");
        }
        if (r.needs() != null && r.needs().length() > 1000) {
            throw Problems.invalid("needs", "at most 1000 characters");
        }
        VisitEntity v = new VisitEntity();
        v.customerNumber = r.customerNumber();
        v.staffId = r.staffId();
        v.visitDate = r.date();
        v.channel = r.channel();
        v.needs = r.needs();
        v.products = r.products() == null ? null : String.join(",", r.products());
        if (v.products != null && v.products.length() > 500) {
            throw Problems.invalid("products", "at most 500 characters in all");
        }
        v.nextDate = r.nextDate();
        v.createdAt = OffsetDateTime.now(clock);
        visits.persist(v);
        events.publish(new VisitReported(v.customerNumber, v.id, v.staffId, v.visitDate, v.channel, v.nextDate),
                customer.nextOwnershipVersion());
        return Visit.of(v);
    }

    @Transactional
    public Visit get(long id) {
        VisitEntity v = visits.findById(id);
        if (v == null) {
            throw Problems.notFound("Visit " + id);
        }
        return Visit.of(v);
    }

    @Transactional
    public List<Visit> list(String customerNumber, String staffId) {
        if (customerNumber == null && staffId == null) {
            throw Problems.invalid("customer", "name a customer or a staff member (?customer= or ?staff=)");
        }
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> params = new java.util.HashMap<>();
        if (customerNumber != null) {
            q.append(" and customerNumber = :c");
            params.put("c", customerNumber);
        }
        if (staffId != null) {
            q.append(" and staffId = :s");
            params.put("s", staffId);
        }
        return visits.list(q + " order by visitDate desc, id desc", params).stream().map(Visit::of).toList();
    }

    /** The staff member's worklist for the day: their customers due on or before that day, most overdue first. */
    @Transactional
    public List<Due> worklist(String staffId, LocalDate date) {
        requireStaff(staffId);
        LocalDate day = date == null ? LocalDate.now(clock) : date;
        return due(ownerships.currentOf(staffId), day, false);
    }

    /** Customers past due (strictly before the day), of a staff member or of a branch (its staff and the branch). */
    @Transactional
    public List<Due> overdue(String staffId, String branchCode, LocalDate date) {
        LocalDate day = date == null ? LocalDate.now(clock) : date;
        if (staffId != null) {
            requireStaff(staffId);
            return due(ownerships.currentOf(staffId), day, true);
        }
        if (branchCode != null) {
            return due(ownerships.currentInBranch(branchCode), day, true);
        }
        throw Problems.invalid("staff", "name a staff member or a branch (?staff= or ?branch=)");
    }

    @Transactional
    public List<RosterLine> roster(String staffId) {
        requireStaff(staffId);
        return ownerships.currentOf(staffId).stream().map(o -> {
            AssignedCustomerEntity c = customers.findById(o.customerNumber);
            Optional<VisitEntity> last = visits.latest(c.customerNumber);
            String importance = c.core ? "CORE" : ("PRIVILEGE".equals(c.tier) || "EXCELLENT".equals(c.tier)) ? "KEY"
                    : "STANDARD";
            return new RosterLine(c.customerNumber, c.name, c.address, c.phone, c.deposits, c.loans, c.tier,
                    importance, o.role, o.validFrom, last.map(v -> v.visitDate).orElse(null),
                    nextDue(c, o, last).orElse(null), c.locked);
        }).toList();
    }

    private List<Due> due(List<OwnershipEntity> owned, LocalDate day, boolean strictlyOverdue) {
        return owned.stream().filter(o -> o.role != OwnerRole.SECONDARY).map(o -> {
                    AssignedCustomerEntity c = customers.findById(o.customerNumber);
                    Optional<VisitEntity> last = visits.latest(c.customerNumber);
                    return nextDue(c, o, last).map(d -> new Due(c.customerNumber, c.name, c.tier, o.ownerType, o.ownerId,
                            o.role, last.map(v -> v.visitDate).orElse(null), d,
                            Math.max(0, d.until(day, java.time.temporal.ChronoUnit.DAYS)))).orElse(null);
                }).filter(d -> d != null && (strictlyOverdue ? d.dueDate().isBefore(day) : !d.dueDate().isAfter(day)))
                .sorted(Comparator.comparing(Due::dueDate).thenComparing(Due::customerNumber)).toList();
    }

    private Optional<LocalDate> nextDue(AssignedCustomerEntity c, OwnershipEntity o, Optional<VisitEntity> last) {
        return plan.nextDue(c.tier, last.map(v -> v.visitDate).orElse(null), last.map(v -> v.nextDate).orElse(null),
                o.validFrom.atZoneSameInstant(clock.getZone()).toLocalDate());
    }

    private StaffEntity requireStaff(String staffId) {
        StaffEntity s = staff.findById(staffId);
        if (s == null) {
            throw Problems.notFound("Staff member " + staffId);
        }
        return s;
    }

    private static void require(String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw Problems.invalid(field, "is required");
        }
    }
}
