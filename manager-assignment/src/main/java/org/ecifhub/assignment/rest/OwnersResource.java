package org.ecifhub.assignment.rest;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.ecifhub.assignment.domain.OwnerRole;
import org.ecifhub.assignment.persistence.AssignedCustomerEntity;
import org.ecifhub.assignment.persistence.AssignedCustomerRepository;
import org.ecifhub.assignment.persistence.OwnershipEntity;
import org.ecifhub.assignment.persistence.OwnershipRepository;
import org.ecifhub.assignment.service.ManualAssignmentService;
import org.ecifhub.commons.inbox.ProcessedEvents;
import org.ecifhub.commons.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Every resource of this service shares the class-level path {@code /api/v1} (one prefix, no matching surprises). */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ownership", description = "Who owns each customer, and who did")
public class OwnersResource {

    public record OwnerView(OwnerRole role, String ownerType, String ownerId, String reason, String operator,
                            OffsetDateTime since, OffsetDateTime until) {
        static OwnerView of(OwnershipEntity o) {
            return new OwnerView(o.role, o.ownerType, o.ownerId, o.reason, o.operator, o.validFrom, o.validTo);
        }
    }

    /** {@code eventsApplied}: customer and tier events applied for this customer (each exactly once). */
    /** {@code at} and {@code owners} answer "who owned the customer then" when {@code ?at=} is given. */
    public record OwnersView(String customerNumber, String branchCode, String tier, boolean core, boolean locked,
                             String lockReason, String lockOperator, String mergedInto, List<OwnerView> current,
                             List<OwnerView> history, long eventsApplied, OffsetDateTime at, List<OwnerView> owners) {
    }

    public record Unlock(String operator, String reason) {
    }

    private static final String OWNERS_EXAMPLE = """
            {"customerNumber": "1000000001", "branchCode": "LSJ001", "tier": "PRIVILEGE", "core": true, "locked": false,
             "current": [{"role": "PRIMARY", "ownerType": "STAFF", "ownerId": "S0101", "since": "2026-11-22T10:00:00+08:00"},
                         {"role": "SECONDARY", "ownerType": "STAFF", "ownerId": "S0105", "since": "2026-11-22T10:00:00+08:00"}],
             "history": [], "eventsApplied": 3}""";

    private final AssignedCustomerRepository customers;
    private final OwnershipRepository ownerships;
    private final ProcessedEvents inbox;
    private final ManualAssignmentService manual;
    private final java.time.Clock clock;

    public OwnersResource(AssignedCustomerRepository customers, OwnershipRepository ownerships, ProcessedEvents inbox,
                          ManualAssignmentService manual, java.time.Clock clock) {
        this.clock = clock;
        this.customers = customers;
        this.ownerships = ownerships;
        this.inbox = inbox;
        this.manual = manual;
    }

    @GET
    @Path("/customers/{customerNumber}/owners")
    @Transactional
    @Operation(summary = "A customer's current owners (role, since when) and the ownership history")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "core customer", value = OWNERS_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No event about this customer has arrived")
    public OwnersView owners(@PathParam("customerNumber") String customerNumber,
                             @Parameter(description = "A date-time with offset, or a date (its start in the bank's "
                                     + "time zone): also answer who owned the customer then", example = "2026-03-01")
                             @QueryParam("at") String at) {
        AssignedCustomerEntity customer = customers.findById(customerNumber);
        if (customer == null) {
            throw ProblemException.notFound("Customer " + customerNumber);
        }
        List<OwnershipEntity> history = ownerships.history(customerNumber);
        OffsetDateTime when = at == null || at.isBlank() ? null : instant(at);
        List<OwnerView> then = when == null ? null : history.stream()
                .filter(o -> !o.validFrom.isAfter(when) && (o.validTo == null || o.validTo.isAfter(when)))
                .sorted(java.util.Comparator.comparing(o -> o.role)).map(OwnerView::of).toList();
        return new OwnersView(customerNumber, customer.branchCode, customer.tier, customer.core, customer.locked,
                customer.lockReason, customer.lockOperator, customer.mergedInto,
                ownerships.current(customerNumber).stream().map(OwnerView::of).toList(),
                history.stream().map(OwnerView::of).toList(), customer.eventsApplied, when, then);
    }

    private OffsetDateTime instant(String at) {
        try {
            return at.length() <= 10 ? java.time.LocalDate.parse(at).atStartOfDay(clock.getZone()).toOffsetDateTime()
                    : OffsetDateTime.parse(at);
        } catch (java.time.format.DateTimeParseException e) {
            throw org.ecifhub.assignment.service.Problems.invalid("at", "not a date or a date-time with offset: " + at);
        }
    }

    @POST
    @Path("/customers/{customerNumber}/owners")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Assign an owner by hand; locked by default, so automatic changes leave the customer alone")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "manual primary",
            value = "{\"role\": \"PRIMARY\", \"ownerId\": \"S0101\", \"lock\": true, \"reason\": \"客户指定\", "
                    + "\"operator\": \"OP001\"}")))
    @APIResponse(responseCode = "200", description = "The customer's owners after the change")
    @APIResponse(responseCode = "400", description = "A value is refused (problem+json naming the field)")
    @APIResponse(responseCode = "409", description = "Staff not ACTIVE, no primary for a secondary, customer merged away")
    public OwnersView assign(@PathParam("customerNumber") String customerNumber, ManualAssignmentService.Command command) {
        if (command == null) {
            throw org.ecifhub.assignment.service.Problems.invalid("body", "is required");
        }
        manual.assign(customerNumber, command);
        return owners(customerNumber, null);
    }

    @POST
    @Path("/customers/{customerNumber}/owners/unlock")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Lift a manual lock; the coverage policy applies again at once")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "unlock",
            value = "{\"operator\": \"OP001\", \"reason\": \"客户要求已结束\"}")))
    public OwnersView unlock(@PathParam("customerNumber") String customerNumber, Unlock body) {
        manual.unlock(customerNumber, body == null ? null : body.operator(), body == null ? null : body.reason());
        return owners(customerNumber, null);
    }

    @GET
    @Path("/assignment/consumption")
    @Operation(summary = "How many events this service has applied (operations)")
    public Map<String, Long> consumption() {
        return Map.of("eventsApplied", inbox.count(), "customers", customers.count());
    }
}
