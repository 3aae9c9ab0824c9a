package org.ecifhub.assignment.service;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.ecifhub.assignment.domain.CoveragePolicy;
import org.ecifhub.assignment.domain.Owner;
import org.ecifhub.assignment.domain.OwnershipChanged;
import org.ecifhub.assignment.messaging.OwnershipEventPublisher;
import org.ecifhub.assignment.persistence.AssignedCustomerEntity;
import org.ecifhub.assignment.persistence.AssignedCustomerRepository;
import org.ecifhub.assignment.persistence.OwnershipEntity;
import org.ecifhub.assignment.persistence.OwnershipRepository;
import org.ecifhub.assignment.persistence.StaffRepository;
import org.ecifhub.commons.events.EventEnvelope;
import org.ecifhub.commons.inbox.ProcessedEvents;

import java.time.OffsetDateTime;
import java.util.List;

/** Keeps each customer's owner current from customer and tier events, exactly once in effect. */
@ApplicationScoped
public class AssignmentService {

    static final String CUSTOMER_TOPIC = "ecif.customer.v1";
    static final String TIER_TOPIC = "ecif.tier.v1";

    private final AssignedCustomerRepository customers;
    private final OwnershipRepository ownerships;
    private final StaffRepository staff;
    private final ProcessedEvents inbox;
    private final OwnershipEventPublisher events;

    public AssignmentService(AssignedCustomerRepository customers, OwnershipRepository ownerships,
                             StaffRepository staff, ProcessedEvents inbox, OwnershipEventPublisher events) {
        this.customers = customers;
        this.ownerships = ownerships;
        this.staff = staff;
        this.inbox = inbox;
        this.events = events;
    }

    @Transactional
    public void applyCustomerEvent(EventEnvelope event) {
        if (!inbox.firstDelivery(event.eventId(), CUSTOMER_TOPIC)) {
            return;
        }
        AssignedCustomerEntity customer = customers.lockOrCreate(event.subject());
        JsonNode branch = switch (event.eventType()) {
            case "CustomerCreated", "CustomerUpdated" -> event.data().path("attributes").path("branchCode");
            case "HoldingsChanged" -> event.data().path("branchCode");
            default -> null;
        };
        customer.eventsApplied++;
        customer.updatedAt = OffsetDateTime.now();
        if (branch != null && branch.isTextual() && !branch.asText().equals(customer.branchCode)) {
            customer.branchCode = branch.asText();
            if (customer.tier != null) {
                reassign(customer, "home branch is now " + customer.branchCode);
            }
        }
    }

    @Transactional
    public void applyTierEvent(EventEnvelope event) {
        if (!inbox.firstDelivery(event.eventId(), TIER_TOPIC)) {
            return;
        }
        AssignedCustomerEntity customer = customers.lockOrCreate(event.subject());
        JsonNode data = event.data();
        if (data.path("branchCode").isTextual()) {
            customer.branchCode = data.path("branchCode").asText();
        }
        customer.tier = data.path("to").asText(null);
        customer.eventsApplied++;
        customer.updatedAt = OffsetDateTime.now();
        reassign(customer, "tier " + data.path("from").asText("none") + " -> " + customer.tier);
    }

    /** Gives the customer the owner the coverage policy asks for, keeping the current one when it still fits. */
    private void reassign(AssignedCustomerEntity customer, String reason) {
        if (customer.branchCode == null) {
            return; // no home branch yet: the customer event that names it will trigger the assignment
        }
        List<OwnershipEntity> current = ownerships.current(customer.customerNumber);
        Owner wanted = CoveragePolicy.ownerFor(customer.tier, customer.branchCode,
                staff.candidates(customer.branchCode));
        if (current.size() == 1 && fits(current.get(0).owner(), wanted)) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now();
        Owner previous = current.isEmpty() ? null : current.get(0).owner();
        for (OwnershipEntity o : current) {
            o.validTo = now;
        }
        OwnershipEntity next = new OwnershipEntity();
        next.customerNumber = customer.customerNumber;
        next.role = wanted.role();
        next.ownerType = wanted.ownerType();
        next.ownerId = wanted.ownerId();
        next.reason = reason;
        next.validFrom = now;
        ownerships.persist(next);
        events.publish(new OwnershipChanged(customer.customerNumber, previous, wanted, wanted.role(), reason, now),
                customer.eventsApplied);
    }

    /** The current owner still fits when it has the role the policy wants (same branch, same kind of owner). */
    private static boolean fits(Owner current, Owner wanted) {
        if (current.role() != wanted.role()) {
            return false;
        }
        return current.role() != org.ecifhub.assignment.domain.OwnerRole.BRANCH || current.ownerId().equals(wanted.ownerId());
    }
}
