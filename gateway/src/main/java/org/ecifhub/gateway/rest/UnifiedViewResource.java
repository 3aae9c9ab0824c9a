package org.ecifhub.gateway.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.ecifhub.gateway.config.GatewayConfig;
import org.ecifhub.gateway.domain.Caller;
import org.ecifhub.gateway.service.Disclosure;
import org.ecifhub.gateway.service.UnifiedViewService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

@Path("/api/v1/customers/{customerNumber}/view")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Unified view", description = "One customer from every service in one call")
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
@SecurityRequirement(name = "bearer")
public class UnifiedViewResource {

    static final String EXAMPLE = """
            {"customerNumber": "1000000001", "redirectedFrom": "1000000009", "retired": true,
             "customer": {"status": "AVAILABLE", "data": {"customerNumber": "1000000001", "status": "ACTIVE",
               "attributes": {"name": "张伟", "idNumber": "4313**********123X", "phone": "138****5678",
                 "address": "湖南省娄底市冷水江市****", "branchCode": "LSJ001"},
               "sources": [{"source": "DEPOSIT", "sourceCustomerId": "CB1"}], "accounts": []}},
             "relationships": {"status": "AVAILABLE", "data": []},
             "score": {"status": "UNAVAILABLE", "reason": "not reachable: Connection refused"},
             "owners": {"status": "AVAILABLE", "data": {"current": [{"role": "PRIMARY", "ownerType": "STAFF",
               "ownerId": "S0101"}]}},
             "visits": {"status": "AVAILABLE", "data": {"last": {"date": "2026-11-02", "staffId": "S0101",
               "nextDate": "2026-12-02"}, "next": "2026-12-02", "count": 3}},
             "unavailable": ["score"], "complete": false}""";

    private final UnifiedViewService views;
    private final Disclosure disclosure;
    private final CurrentVertxRequest request;
    private final GatewayConfig config;

    public UnifiedViewResource(UnifiedViewService views, Disclosure disclosure, CurrentVertxRequest request,
                               GatewayConfig config) {
        this.views = views;
        this.disclosure = disclosure;
        this.request = request;
        this.config = config;
    }

    @GET
    @Operation(summary = "The unified customer view",
            description = "Golden record with sources and holdings, relationships, score with breakdown and tier, "
                    + "owners, last and next visit. A section whose service is down, slow or behind an open circuit "
                    + "breaker has status UNAVAILABLE and is named in `unavailable`; the view still answers 200. A "
                    + "retired number answers with the survivor's view, `retired: true` and `redirectedFrom`. Personal "
                    + "data is masked unless a cleared role sends X-Access-Reason (then the read is audited).\n\n"
                    + "**Freshness.** The services' answers are stored in the gateway's database per customer and "
                    + "section, and no longer answered as soon as an event announces a change (ecif.customer.v1, "
                    + "ecif.tier.v1, ecif.ownership.v1 including VisitReported): a change shows once its event has "
                    + "reached the gateway, normally within a second of its commit. The gateway then reads the "
                    + "customer again in the background (score and owners, which scoring and assignment recompute "
                    + "from those events, 5 s later: ecif.gateway.view.store.derived-settle), so that a view is "
                    + "answered from the store even for a customer nobody has looked at. A change no event announces "
                    + "(a re-scoring that leaves the tier as it was) shows within the max age, 24 hours by default "
                    + "(ecif.gateway.view.store.max-age). A stored section is answered even while its service is "
                    + "down. Masking, data scope and audit apply to every request, whether its sections came from "
                    + "the store or not.")
    @APIResponse(responseCode = "200", description = "The view (sections may be UNAVAILABLE)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    examples = @ExampleObject(name = "retired number, scoring down", value = EXAMPLE)))
    @APIResponse(responseCode = "401", description = "No or invalid bearer token",
            content = @Content(mediaType = Problems.MEDIA_TYPE, examples = @ExampleObject(name = "no token",
                    value = "{\"type\": \"urn:ecif:problem:unauthenticated\", \"title\": \"Authentication required\", "
                            + "\"status\": 401, \"detail\": \"Send a bearer token: Authorization: Bearer <JWT>\"}")))
    @APIResponse(responseCode = "403", description = "Outside the caller's data scope (also for an unknown number "
            + "when the caller's scope is restricted)",
            content = @Content(mediaType = Problems.MEDIA_TYPE, examples = @ExampleObject(name = "out of scope",
                    value = "{\"type\": \"urn:ecif:problem:out-of-scope\", \"title\": \"Forbidden\", \"status\": 403, "
                            + "\"detail\": \"This customer is not within your data scope\"}")))
    @APIResponse(responseCode = "404", description = "No such customer",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public String view(@Parameter(example = "1000000001") @PathParam("customerNumber") String customerNumber,
                           @Parameter(description = "Why a cleared caller needs unmasked data (audited)",
                                   example = "loan review LN20260001") @HeaderParam("X-Access-Reason") String reason)
            throws InterruptedException {
        ObjectNode view;
        try {
            view = views.view(customerNumber).toCompletableFuture()
                    .get(config.view().sectionTimeout().toMillis() * 3 + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnifiedViewService.NoSuchCustomer
                    || (e.getCause() != null && e.getCause().getCause() instanceof UnifiedViewService.NoSuchCustomer)) {
                throw new GatewayProblem(404, "not-found", "Not found", "Customer " + customerNumber + " not found");
            }
            throw new GatewayProblem(503, "service-unavailable", "View unavailable", "The view could not be built");
        } catch (TimeoutException e) {
            throw new GatewayProblem(504, "service-unavailable", "View unavailable", "The view took too long");
        }
        RoutingContext ctx = request.getCurrent();
        Caller caller = GatewaySecurity.caller(ctx).orElse(null);
        if (caller != null) {
            String why = reason != null ? reason : ctx.request().getHeader(config.security().reasonHeader());
            try {
                disclosure.disclose(caller, why, "GET", ctx.request().uri(), view);
            } catch (RuntimeException e) {
                throw new GatewayProblem(503, "audit-unavailable", "Audit unavailable",
                        "The answer could not be prepared for you (masking or audit failed); try again later");
            }
        }
        return view.toString();
    }
}
