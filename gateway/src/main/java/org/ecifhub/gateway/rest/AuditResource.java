package org.ecifhub.gateway.rest;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.ecifhub.gateway.persistence.AccessAuditRepository;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

@Path("/api/v1/audit/access")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Who saw whose unmasked personal data, when and why (AUDITOR only)")
@SecurityRequirement(name = "bearer")
public class AuditResource {

    static final int MAX_LIMIT = 1000;

    private final AccessAuditRepository audit;

    public AuditResource(AccessAuditRepository audit) {
        this.audit = audit;
    }

    @GET
    @Operation(summary = "Unmasked reads, newest first", description = "Every answer that carried unmasked personal "
            + "data: one entry per customer disclosed. Filters combine.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "one read", value = """
                    [{"id": 7, "occurredAt": "2026-11-22T08:15:00Z", "actor": "S0101",
                      "actorRoles": "CUSTOMER_MANAGER", "actorBranch": "LSJ001", "actorStaff": "S0101",
                      "customerNumber": "1000000001", "reason": "loan review LN20260001", "method": "GET",
                      "path": "/api/v1/customers/1000000001"}]""")))
    @APIResponse(responseCode = "400", description = "A filter is malformed",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public List<AccessAuditRepository.Entry> find(
            @Parameter(description = "Token subject of the reader", example = "S0101") @QueryParam("actor") String actor,
            @Parameter(description = "Customer disclosed", example = "1000000001") @QueryParam("customer") String customer,
            @Parameter(description = "From (inclusive), ISO-8601 with offset", example = "2026-11-01T00:00:00+08:00")
            @QueryParam("from") String from,
            @Parameter(description = "To (exclusive), ISO-8601 with offset") @QueryParam("to") String to,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw GatewayProblem.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return audit.find(new AccessAuditRepository.Query(blank(actor), blank(customer), instant("from", from),
                instant("to", to), limit));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static OffsetDateTime instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw GatewayProblem.invalid(name, "must be an ISO-8601 timestamp with offset, e.g. 2026-11-01T00:00:00+08:00");
        }
    }
}
