package org.ecifhub.assignment.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.ecifhub.assignment.domain.CoveragePolicy;
import org.ecifhub.assignment.domain.Owner;
import org.ecifhub.assignment.domain.OwnerRole;
import org.ecifhub.assignment.domain.OwnershipChanged;
import org.ecifhub.assignment.domain.OwnershipEnded;
import org.ecifhub.assignment.messaging.OwnershipEventPublisher;
import org.ecifhub.assignment.persistence.AssignedCustomerEntity;
import org.ecifhub.assignment.persistence.OwnershipEntity;
import org.ecifhub.assignment.persistence.OwnershipRepository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a customer's current owners into the wanted ones: ends the rows that no longer hold, opens the new ones
 * and publishes one event per change, all in the caller's transaction (the caller holds the customer's row lock).
 */
@ApplicationScoped
public class OwnershipWriter {

    private static final int MAX_REASON = 300;

    private final OwnershipRepository ownerships;
    private final OwnershipEventPublisher events;
    private final StaffLoads loads;

    public OwnershipWriter(OwnershipRepository ownerships, OwnershipEventPublisher events, StaffLoads loads) {
        this.ownerships = ownerships;
        this.events = events;
        this.loads = loads;
    }

    /**
     * What an {@link #apply} did.
     *
     * @param current the customer's current rows afterwards, main owner first
     * @param opened  the owners new to the customer
     */
    public record Change(boolean changed, List<OwnershipEntity> current, List<Owner> opened) {
    }

    private static boolean isMain(OwnerRole role) {
        return role != OwnerRole.SECONDARY;
    }

    /** @return true when anything changed */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(AssignedCustomerEntity customer, List<CoveragePolicy.Assignment> wanted, String trigger,
                         OffsetDateTime requested, String operator) {
        return apply(customer, ownerships.current(customer.customerNumber), wanted, trigger, requested, operator)
                .changed();
    }

    /** @param current the customer's current rows, as read in this transaction (under the customer's row lock) */
    @Transactional(Transactional.TxType.MANDATORY)
    public Change apply(AssignedCustomerEntity customer, List<OwnershipEntity> current,
                        List<CoveragePolicy.Assignment> wanted, String trigger, OffsetDateTime requested,
                        String operator) {
        Map<OwnerRole, OwnershipEntity> byRole = new EnumMap<>(OwnerRole.class);
        current.forEach(o -> byRole.put(o.role, o));
        Map<OwnerRole, CoveragePolicy.Assignment> wantedByRole = new EnumMap<>(OwnerRole.class);
        wanted.forEach(a -> wantedByRole.put(a.owner().role(), a));
        OffsetDateTime effective = effective(current, requested);

        List<OwnershipEntity> ended = new ArrayList<>();
        for (OwnershipEntity o : current) {
            CoveragePolicy.Assignment w = wantedByRole.get(o.role);
            if (w == null || !w.owner().equals(o.owner())) {
                o.validTo = effective;
                ended.add(o);
            }
        }
        List<CoveragePolicy.Assignment> opened = wanted.stream()
                .filter(a -> byRole.get(a.owner().role()) == null || !byRole.get(a.owner().role()).owner().equals(a.owner()))
                .toList();
        if (ended.isEmpty() && opened.isEmpty()) {
            return new Change(false, current, List.of());
        }
        if (!ended.isEmpty()) {
            // End the old rows before the new ones (one current owner per role, enforced by an index). Only then:
            // a flush checks the whole session, which in a chunk of hundreds of customers is most of the cost.
            ownerships.flush();
        }
        Owner previousMain = ended.stream().filter(o -> isMain(o.role)).map(OwnershipEntity::owner).findFirst().orElse(null);
        Owner previousSecondary = ended.stream().filter(o -> o.role == OwnerRole.SECONDARY).map(OwnershipEntity::owner)
                .findFirst().orElse(null);
        boolean mainOpened = false;
        boolean secondaryOpened = false;
        List<OwnershipEntity> after = new ArrayList<>(current);
        after.removeAll(ended);
        for (CoveragePolicy.Assignment a : opened) {
            String reason = reason(trigger, a.reason());
            OwnershipEntity next = new OwnershipEntity();
            next.customerNumber = customer.customerNumber;
            next.role = a.owner().role();
            next.ownerType = a.owner().ownerType();
            next.ownerId = a.owner().ownerId();
            next.reason = reason;
            next.operator = operator;
            next.validFrom = effective;
            ownerships.persist(next);
            after.add(next);
            Owner from = isMain(next.role) ? previousMain : previousSecondary;
            mainOpened |= isMain(next.role);
            secondaryOpened |= !isMain(next.role);
            events.publish(new OwnershipChanged(customer.customerNumber, from, a.owner(), a.owner().role(), reason,
                    effective), customer.nextOwnershipVersion());
        }
        for (OwnershipEntity o : ended) {
            boolean replaced = isMain(o.role) ? mainOpened : secondaryOpened;
            if (!replaced) {
                events.publish(new OwnershipEnded(customer.customerNumber, o.owner(), o.role, reason(trigger,
                        "no successor in this role"), effective, null), customer.nextOwnershipVersion());
            }
        }
        List<Owner> openedOwners = opened.stream().map(CoveragePolicy.Assignment::owner).toList();
        loads.moved(ended.stream().map(OwnershipEntity::owner).toList(), openedOwners);
        after.sort(java.util.Comparator.comparing(o -> o.role));
        return new Change(true, after, openedOwners);
    }

    /** Ends every current ownership of a customer retired by a merge. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void endAll(AssignedCustomerEntity customer, String reason, OffsetDateTime requested, String mergedInto) {
        List<OwnershipEntity> current = ownerships.current(customer.customerNumber);
        OffsetDateTime effective = effective(current, requested);
        loads.moved(current.stream().map(OwnershipEntity::owner).toList(), List.of());
        for (OwnershipEntity o : current) {
            o.validTo = effective;
            events.publish(new OwnershipEnded(customer.customerNumber, o.owner(), o.role, reason(reason, null),
                    effective, mergedInto), customer.nextOwnershipVersion());
        }
    }

    /** Never before the current rows began: intervals stay well-formed whatever order events arrive in. */
    private static OffsetDateTime effective(List<OwnershipEntity> current, OffsetDateTime requested) {
        OffsetDateTime effective = requested;
        for (OwnershipEntity o : current) {
            if (o.validFrom.isAfter(effective)) {
                effective = o.validFrom;
            }
        }
        return effective;
    }

    static String reason(String trigger, String detail) {
        String r = detail == null || detail.isBlank() ? trigger : trigger + "; " + detail;
        return r.length() <= MAX_REASON ? r : r.substring(0, MAX_REASON);
    }
}
