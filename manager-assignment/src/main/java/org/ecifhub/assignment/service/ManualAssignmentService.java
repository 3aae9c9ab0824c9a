package org.ecifhub.assignment.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.ecifhub.assignment.domain.CoveragePolicy;
import org.ecifhub.assignment.domain.Owner;
import org.ecifhub.assignment.domain.OwnerRole;
import org.ecifhub.assignment.domain.StaffRole;
import org.ecifhub.assignment.domain.StaffStatus;
import org.ecifhub.assignment.persistence.AssignedCustomerEntity;
import org.ecifhub.assignment.persistence.AssignedCustomerRepository;
import org.ecifhub.assignment.persistence.BranchRepository;
import org.ecifhub.assignment.persistence.OwnershipEntity;
import org.ecifhub.assignment.persistence.OwnershipRepository;
import org.ecifhub.assignment.persistence.StaffEntity;
import org.ecifhub.assignment.persistence.StaffRepository;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Manual assignment by an operator, with a lock that keeps automatic changes away. */
@ApplicationScoped
public class ManualAssignmentService {

    public record Command(OwnerRole role, String ownerId, Boolean lock, String reason, String operator) {
    }

    private final AssignedCustomerRepository customers;
    private final OwnershipRepository ownerships;
    private final StaffRepository staff;
    private final BranchRepository branches;
    private final OwnershipWriter writer;
    private final AssignmentService assignment;
    private final StaffLoads loads;
    private final Clock clock;

    public ManualAssignmentService(AssignedCustomerRepository customers, OwnershipRepository ownerships,
                                   StaffRepository staff, BranchRepository branches, OwnershipWriter writer,
                                   AssignmentService assignment, StaffLoads loads, Clock clock) {
        this.loads = loads;
        this.customers = customers;
        this.ownerships = ownerships;
        this.staff = staff;
        this.branches = branches;
        this.writer = writer;
        this.assignment = assignment;
        this.clock = clock;
    }

    @Transactional
    public void assign(String customerNumber, Command c) {
        require("role", c.role());
        require("ownerId", c.ownerId());
        require("reason", c.reason());
        require("operator", c.operator());
        AssignedCustomerEntity customer = lockedCustomer(customerNumber);
        List<OwnershipEntity> current = ownerships.current(customerNumber);
        List<CoveragePolicy.Assignment> wanted = new ArrayList<>();
        String why = "manual assignment by " + c.operator();
        if (c.role() == OwnerRole.BRANCH) {
            if (branches.findById(c.ownerId()) == null) {
                throw Problems.invalid("ownerId", "branch " + c.ownerId() + " is not known");
            }
            wanted.add(new CoveragePolicy.Assignment(Owner.branch(c.ownerId()), why));
        } else {
            StaffEntity s = staff.findById(c.ownerId());
            if (s == null) {
                throw Problems.invalid("ownerId", "staff member " + c.ownerId() + " does not exist");
            }
            if (s.status != StaffStatus.ACTIVE) {
                throw Problems.conflict("ownerId", "staff member " + c.ownerId() + " is " + s.status
                        + ": only ACTIVE staff take customers");
            }
            boolean teller = s.role == StaffRole.TELLER;
            if (teller != (c.role() == OwnerRole.TELLER)) {
                throw Problems.invalid("role", teller ? "a teller owns customers in role TELLER"
                        : "a customer manager owns customers as PRIMARY or SECONDARY");
            }
            // Capacity is checked under the staff member's branch assignment lock, which every transaction that
            // gives them customers holds while it decides: two assignments at once cannot both take the last place.
            boolean alreadyOwner = current.stream().anyMatch(o -> "STAFF".equals(o.ownerType)
                    && o.ownerId.equals(c.ownerId()));
            org.ecifhub.assignment.domain.Candidate load = loads.candidate(c.ownerId()).orElseThrow();
            if (!alreadyOwner && !load.hasRoom()) {
                throw Problems.conflict("ownerId", "staff member " + c.ownerId() + " is at capacity ("
                        + load.load() + " of " + load.capacity() + " customers)");
            }
            Owner owner = Owner.staff(c.role(), c.ownerId());
            if (c.role() == OwnerRole.SECONDARY) {
                OwnershipEntity primary = current.stream().filter(o -> o.role == OwnerRole.PRIMARY).findFirst()
                        .orElseThrow(() -> Problems.conflict("role", "a secondary needs a primary customer manager"));
                if (primary.ownerId.equals(c.ownerId())) {
                    throw Problems.conflict("ownerId", c.ownerId() + " is already the primary");
                }
                wanted.add(new CoveragePolicy.Assignment(primary.owner(), "kept"));
            } else if (c.role() == OwnerRole.PRIMARY) {
                current.stream().filter(o -> o.role == OwnerRole.SECONDARY && !o.ownerId.equals(c.ownerId()))
                        .findFirst().ifPresent(o -> wanted.add(new CoveragePolicy.Assignment(o.owner(), "kept")));
            }
            wanted.add(new CoveragePolicy.Assignment(owner, why));
        }
        writer.apply(customer, wanted, "manual: " + c.reason(), OffsetDateTime.now(clock), c.operator());
        customer.locked = c.lock() == null || c.lock();
        customer.lockReason = customer.locked ? c.reason() : null;
        customer.lockOperator = customer.locked ? c.operator() : null;
    }

    /** Lifts the lock; the coverage policy applies again at once. */
    @Transactional
    public void unlock(String customerNumber, String operator, String reason) {
        require("operator", operator);
        require("reason", reason);
        AssignedCustomerEntity customer = lockedCustomer(customerNumber);
        customer.locked = false;
        customer.lockReason = null;
        customer.lockOperator = null;
        if (customer.tier != null) {
            assignment.reevaluate(customer, "unlocked by " + operator + ": " + reason, OffsetDateTime.now(clock),
                    operator, Set.of());
        }
    }

    private AssignedCustomerEntity lockedCustomer(String customerNumber) {
        AssignedCustomerEntity customer = customers.findById(customerNumber, LockModeType.PESSIMISTIC_WRITE);
        if (customer == null) {
            throw Problems.notFound("Customer " + customerNumber);
        }
        if (customer.mergedInto != null) {
            throw Problems.conflict(null, "customer " + customerNumber + " was merged into " + customer.mergedInto);
        }
        return customer;
    }

    private static void require(String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw Problems.invalid(field, "is required");
        }
    }
}
