package org.ecifhub.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.ecifhub.gateway.config.GatewayConfig;
import org.ecifhub.gateway.domain.AccessPolicy;
import org.ecifhub.gateway.domain.Caller;
import org.ecifhub.gateway.domain.RateLimiter;
import org.ecifhub.gateway.domain.RouteTable;
import org.ecifhub.gateway.domain.Service;
import org.ecifhub.gateway.service.CallerResolver;
import org.ecifhub.gateway.service.Upstreams;
import org.jboss.logging.Logger;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The gate in front of every {@code /api/v1} request, forwarded or answered by the gateway: who is calling (the
 * bearer token), may their roles do this here ({@link AccessPolicy}), and is the customer in their data scope.
 * A customer outside the scope and a customer that does not exist get the same 403, so a caller cannot probe for
 * customer numbers beyond their scope.
 */
@ApplicationScoped
public class GatewaySecurity {

    /** Routing-context key of the verified {@link Caller}; absent when security is switched off. */
    public static final String CALLER = "ecif.caller";
    /** Routing-context key of the request URI to forward, when the gateway narrowed it (a forced branch). */
    public static final String FORWARD_URI = "ecif.forward-uri";
    /** Routing-context key of the staff id a customer manager's search is limited to (answered by the gateway). */
    public static final String OWNED_BY = "ecif.owned-by";

    private static final Logger LOG = Logger.getLogger(GatewaySecurity.class);

    private final GatewayConfig config;
    private final CallerResolver callers;
    private final Upstreams upstreams;

    private final RateLimiter limiter;

    public GatewaySecurity(GatewayConfig config, CallerResolver callers, Upstreams upstreams) {
        this.config = config;
        this.callers = callers;
        this.upstreams = upstreams;
        this.limiter = new RateLimiter(config.limits().ratePerSecond(), config.limits().burst(), System::nanoTime);
    }

    /** Whether the client may make another request now; answers 429 when not. */
    private boolean withinRate(RoutingContext ctx, String client) {
        long wait = limiter.acquire(client);
        if (wait == 0) {
            return true;
        }
        ctx.response().putHeader("Retry-After", String.valueOf(wait));
        Problems.send(ctx.response(), 429, "rate-limited", "Too many requests",
                "More than " + config.limits().ratePerSecond() + " requests a second; retry after " + wait + " s");
        return false;
    }

    void routes(@Observes Router router) {
        router.route("/api/v1/*").order(-20).handler(this::guard);
    }

    public static Optional<Caller> caller(RoutingContext ctx) {
        return Optional.ofNullable(ctx.get(CALLER));
    }

    private void guard(RoutingContext ctx) {
        if (!config.security().enabled()) {
            String address = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().host();
            if (withinRate(ctx, "address:" + address)) {
                ctx.next();
            }
            return;
        }
        HttpServerRequest in = ctx.request();
        Caller caller;
        try {
            Optional<Caller> resolved = callers.resolve(in.getHeader("Authorization"));
            if (resolved.isEmpty()) {
                Problems.send(ctx.response(), 401, "unauthenticated", "Authentication required",
                        "Send a bearer token: Authorization: Bearer <JWT>");
                return;
            }
            caller = resolved.get();
            if (!withinRate(ctx, "subject:" + caller.subject())) {
                return;
            }
        } catch (CallerResolver.InvalidToken e) {
            Problems.send(ctx.response(), 401, "invalid-token", "Invalid token", e.getMessage());
            return;
        }
        if (!RouteTable.answeredByGateway(in.path()) && RouteTable.serviceFor(in.path()).isEmpty()) {
            Problems.send(ctx.response(), 404, "not-found", "Not found", "No ECIF Hub API at " + in.path());
            return;
        }
        AccessPolicy.Decision decision = AccessPolicy.decide(in.method().name(), in.path(), caller);
        if (!decision.allowed()) {
            Problems.send(ctx.response(), 403, "forbidden", "Forbidden", decision.reason());
            return;
        }
        ctx.put(CALLER, caller);
        if (decision.forceBranch() != null) {
            ctx.put(FORWARD_URI, withBranch(in, decision.forceBranch()));
        }
        if (decision.forceOwner() != null) {
            ctx.put(OWNED_BY, decision.forceOwner());
        }
        if (decision.scopedCustomer() == null) {
            ctx.next();
            return;
        }
        in.pause();
        inScope(caller, decision.scopedCustomer()).onComplete(result -> {
            if (result.failed()) {
                in.resume();
                LOG.warnf("Data scope check failed: %s", result.cause().getMessage());
                Problems.send(ctx.response(), 503, "service-unavailable", "customer-master unavailable",
                        "The customer's data scope could not be checked; try again later");
            } else if (!result.result()) {
                in.resume();
                Problems.send(ctx.response(), 403, "out-of-scope", "Forbidden",
                        "This customer is not within your data scope");
            } else if (RouteTable.answeredByGateway(in.path())) {
                in.resume();
                ctx.next();
            } else {
                // The proxy takes the still paused request over and streams its body on.
                ctx.next();
            }
        });
    }

    private Future<Boolean> inScope(Caller caller, String customerNumber) {
        String n = URLEncoder.encode(customerNumber, StandardCharsets.UTF_8);
        return upstreams.getJson(Service.CUSTOMER_MASTER, "/api/v1/customers/" + n, config.timeout())
                .compose(customer -> {
                    if (customer.status() == 404) {
                        return Future.succeededFuture(AccessPolicy.inScope(caller, false, null, Set.of()));
                    }
                    if (!customer.ok() || customer.body() == null) {
                        return Future.failedFuture("customer-master answered " + customer.status());
                    }
                    String branch = customer.body().path("attributes").path("branchCode").asText(null);
                    if (caller.scope() != Caller.Scope.OWNED) {
                        return Future.succeededFuture(AccessPolicy.inScope(caller, true, branch, Set.of()));
                    }
                    String survivor = customer.body().path("customerNumber").asText(customerNumber);
                    return upstreams.getJson(Service.MANAGER_ASSIGNMENT, "/api/v1/customers/"
                                    + URLEncoder.encode(survivor, StandardCharsets.UTF_8) + "/owners", config.timeout())
                            .map(owners -> AccessPolicy.inScope(caller, true, branch,
                                    owners.ok() ? currentOwnerIds(owners.body()) : Set.of()));
                });
    }

    private static Set<String> currentOwnerIds(JsonNode owners) {
        Set<String> ids = new HashSet<>();
        if (owners != null) {
            owners.path("current").forEach(o -> {
                if (o.path("ownerId").isTextual()) {
                    ids.add(o.path("ownerId").asText());
                }
            });
        }
        return ids;
    }

    private static String withBranch(HttpServerRequest in, String branch) {
        StringBuilder uri = new StringBuilder(in.path()).append("?branch=")
                .append(URLEncoder.encode(branch, StandardCharsets.UTF_8));
        MultiMap params = in.params();
        params.forEach(p -> {
            if (!"branch".equals(p.getKey())) {
                uri.append('&').append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
            }
        });
        return uri.toString();
    }
}
