package org.ecifhub.assignment.service;

import org.ecifhub.assignment.persistence.AssignedCustomerEntity;
import org.ecifhub.assignment.persistence.OwnershipEntity;
import org.ecifhub.assignment.persistence.OwnershipRepository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The current owners and the former staff owners of the customers a transaction works on, read in two queries
 * for all of them and kept current as the transaction changes owners: deciding for many customers (a chunk of
 * events, a re-evaluation page) then costs no query per customer. The customers' rows must be locked first.
 */
final class OwnersInHand {

    private final OwnershipRepository ownerships;
    private final Map<String, List<OwnershipEntity>> current;
    private final Map<String, List<String>> previous;

    private OwnersInHand(OwnershipRepository ownerships, Map<String, List<OwnershipEntity>> current,
                         Map<String, List<String>> previous) {
        this.ownerships = ownerships;
        this.current = current;
        this.previous = previous;
    }

    static OwnersInHand load(OwnershipRepository ownerships, Collection<String> customerNumbers) {
        List<String> numbers = List.copyOf(customerNumbers);
        return new OwnersInHand(ownerships, ownerships.currentOfAll(numbers), ownerships.staffOwnersOfAll(numbers));
    }

    /** Current rows, main owner (PRIMARY, BRANCH, TELLER) before the SECONDARY. */
    List<OwnershipEntity> current(String customerNumber) {
        return current.getOrDefault(customerNumber, List.of());
    }

    /** Staff who owned the customer, most recent first; for a split-off party, then the original's owners. */
    List<String> previous(AssignedCustomerEntity customer) {
        List<String> ids = new ArrayList<>(previous.getOrDefault(customer.customerNumber, List.of()));
        if (customer.splitFrom != null) {
            ownerships.staffOwners(customer.splitFrom).stream().filter(s -> !ids.contains(s)).forEach(ids::add);
        }
        return ids;
    }

    void record(String customerNumber, OwnershipWriter.Change change) {
        if (!change.changed()) {
            return;
        }
        current.put(customerNumber, change.current());
        List<String> ids = new ArrayList<>();
        change.opened().stream().filter(o -> "STAFF".equals(o.ownerType())).forEach(o -> ids.add(o.ownerId()));
        previous.getOrDefault(customerNumber, List.of()).stream().filter(s -> !ids.contains(s)).forEach(ids::add);
        previous.put(customerNumber, ids);
    }
}
