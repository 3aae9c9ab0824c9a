package org.ecifhub.assignment.rest;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.ecifhub.assignment.domain.OwnerRole;
import org.ecifhub.assignment.persistence.AssignedCustomerEntity;
import org.ecifhub.assignment.persistence.AssignedCustomerRepository;
import org.ecifhub.assignment.persistence.OwnershipEntity;
import org.ecifhub.assignment.persistence.OwnershipRepository;
import org.ecifhub.commons.inbox.ProcessedEvents;
import org.ecifhub.commons.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ownership", description = "Who owns each customer, and who did")
public class OwnersResource {

    public record OwnerView(OwnerRole role, String ownerType, String ownerId, String reason, OffsetDateTime since,
                            OffsetDateTime until) {
        static OwnerView of(OwnershipEntity o) {
            return new OwnerView(o.role, o.ownerType, o.ownerId, o.reason, o.validFrom, o.validTo);
        }
    }

    /** {@code eventsApplied}: customer and tier events applied for this customer (each exactly once). */
    public record OwnersView(String customerNumber, String branchCode, String tier, List<OwnerView> current,
                             List<OwnerView> history, long eventsApplied) {
    }

    private final AssignedCustomerRepository customers;
    private final OwnershipRepository ownerships;
    private final ProcessedEvents inbox;

    public OwnersResource(AssignedCustomerRepository customers, OwnershipRepository ownerships, ProcessedEvents inbox) {
        this.customers = customers;
        this.ownerships = ownerships;
        this.inbox = inbox;
    }

    @GET
    @Path("/customers/{customerNumber}/owners")
    @Transactional
    @Operation(summary = "A customer's current owners (role, since when) and the ownership history")
    public OwnersView owners(@PathParam("customerNumber") String customerNumber) {
        AssignedCustomerEntity customer = customers.findById(customerNumber);
        if (customer == null) {
            throw ProblemException.notFound("Customer " + customerNumber);
        }
        return new OwnersView(customerNumber, customer.branchCode, customer.tier,
                ownerships.current(customerNumber).stream().map(OwnerView::of).toList(),
                ownerships.history(customerNumber).stream().map(OwnerView::of).toList(), customer.eventsApplied);
    }

    @GET
    @Path("/assignment/consumption")
    @Operation(summary = "How many events this service has applied (operations)")
    public Map<String, Long> consumption() {
        return Map.of("eventsApplied", inbox.count(), "customers", customers.count());
    }
}
