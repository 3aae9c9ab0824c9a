package org.ecifhub.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.ecifhub.gateway.config.GatewayConfig;
import org.ecifhub.gateway.domain.Caller;
import org.ecifhub.gateway.domain.RouteTable;
import org.ecifhub.gateway.domain.Service;
import org.ecifhub.gateway.service.Disclosure;
import org.ecifhub.gateway.service.UnifiedViewService;
import org.ecifhub.gateway.service.Upstreams;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Forwards {@code /api/v1/**} to the service that owns the path. Request bodies are streamed (a bulk import
 * passes through without being held in memory), and so are answers, except the JSON answers to reads made with
 * a token: those are read whole so that personal data can be masked, or audited when a cleared caller gave a
 * reason. A service that is down or slow gets a problem+json answer. The golden record now
 * ({@code GET /api/v1/customers/{n}}) comes from the unified view's store when it holds it.
 */
@ApplicationScoped
public class ServiceProxy {

    private static final Logger LOG = Logger.getLogger(ServiceProxy.class);
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "authorization");

    private final GatewayConfig config;
    private final Upstreams upstreams;
    private final Disclosure disclosure;
    private final UnifiedViewService views;
    private static final ObjectMapper mapper = new ObjectMapper();
    /** A golden record now: {@code GET /api/v1/customers/{n}} without a query (no {@code asOf}). */
    private static final Pattern CUSTOMER_RECORD = Pattern.compile("^/api/v1/customers/([^/]+)$");

    public ServiceProxy(GatewayConfig config, Upstreams upstreams, Disclosure disclosure, UnifiedViewService views) {
        this.config = config;
        this.upstreams = upstreams;
        this.disclosure = disclosure;
        this.views = views;
    }

    void routes(@Observes Router router) {
        router.route("/api/v1/*").order(-10).handler(this::forward);
    }

    private void forward(RoutingContext ctx) {
        HttpServerRequest in = ctx.request();
        if (RouteTable.answeredByGateway(in.path())) {
            ctx.next();
            return;
        }
        Service service = RouteTable.serviceFor(in.path()).orElse(null);
        if (service == null) {
            Problems.send(ctx.response(), 404, "not-found", "Not found", "No ECIF Hub API at " + in.path());
            return;
        }
        long limit = bulkImport(in) ? -1 : config.limits().maxRequestBody().asLongValue();
        String declared = in.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (limit >= 0 && declared != null && parseLong(declared) > limit) {
            tooLarge(ctx, limit);
            return;
        }
        Matcher customerRecord = CUSTOMER_RECORD.matcher(in.path());
        if (service == Service.CUSTOMER_MASTER && in.method() == HttpMethod.GET && in.query() == null
                && customerRecord.matches() && ctx.get(GatewaySecurity.FORWARD_URI) == null) {
            answerCustomerRecord(ctx, service, customerRecord.group(1), limit);
            return;
        }
        forward(ctx, service, limit);
    }

    /**
     * {@code GET /api/v1/customers/{n}} (the golden record now) is answered from the unified view's store when it
     * holds the record, as fresh as the view (see gateway/README.md); otherwise, and whenever customer-master could
     * not answer through it, forwarded as usual.
     */
    private void answerCustomerRecord(RoutingContext ctx, Service service, String customerNumber, long limit) {
        io.vertx.core.Context context = ctx.vertx().getOrCreateContext();
        views.customerRecord(java.net.URLDecoder.decode(customerNumber, java.nio.charset.StandardCharsets.UTF_8))
                .whenComplete((answer, err) -> context.runOnContext(v -> {
                    if (ctx.response().ended()) {
                        return;
                    }
                    if (err != null || answer.body() == null || (!answer.ok() && answer.status() != 404)) {
                        forward(ctx, service, limit);
                        return;
                    }
                    // The scope check may have paused the request (for the proxy to stream a body on): a GET has
                    // none, and the connection's next request waits until this one is read to its end.
                    ctx.request().resume();
                    if (answer.status() == 404) {
                        ctx.response().setStatusCode(404).putHeader(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE)
                                .end(answer.body().toString());
                    } else {
                        Caller caller = ctx.get(GatewaySecurity.CALLER);
                        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                                .add(HttpHeaders.CONTENT_TYPE, "application/json;charset=UTF-8");
                        if (caller == null) {
                            ctx.response().setStatusCode(answer.status()).headers().addAll(headers);
                            ctx.response().end(answer.body().toString());
                        } else {
                            disclose(ctx, caller, answer.status(), headers, () -> answer.body());
                        }
                    }
                }));
    }

    private void forward(RoutingContext ctx, Service service, long limit) {
        HttpServerRequest in = ctx.request();
        URI base = upstreams.base(service);
        in.pause();
        String uri = ctx.get(GatewaySecurity.FORWARD_URI, in.uri());
        RequestOptions options = new RequestOptions()
                .setMethod(in.method())
                .setHost(base.getHost())
                .setPort(base.getPort())
                .setURI(uri)
                .setTimeout(config.timeout().toMillis());
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        copyHeaders(in.headers(), headers);
        options.setHeaders(headers);
        options.putHeader("X-Forwarded-For", in.remoteAddress() == null ? "" : in.remoteAddress().host());
        options.putHeader("X-Forwarded-Host", in.authority() == null ? "" : in.authority().toString());
        upstreams.client().request(options)
                .onFailure(err -> unavailable(ctx, service, err))
                .onSuccess(out -> relay(ctx, service, in, out, limit));
    }

    /** A bulk import streams through to customer-master whatever its size. */
    private static boolean bulkImport(HttpServerRequest in) {
        return in.method() == HttpMethod.POST && in.path().matches("^/api/v1/feeds/[^/]+/imports$");
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void tooLarge(RoutingContext ctx, long limit) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        Problems.send(ctx.response(), 413, "payload-too-large", "Request too large",
                "Request bodies are limited to " + limit + " bytes (bulk imports excepted: POST "
                        + "/api/v1/feeds/{source}/imports)");
    }

    private void relay(RoutingContext ctx, Service service, HttpServerRequest in, HttpClientRequest out, long limit) {
        if (!in.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
            out.setChunked(true);
        }
        out.response()
                .onFailure(err -> unavailable(ctx, service, err))
                .onSuccess(answer -> respond(ctx, answer));
        if (in.isEnded()) {
            // The body (if any) was read while the gateway checked the caller's data scope.
            out.end();
            return;
        }
        if (limit < 0) {
            in.pipeTo(out).onFailure(err -> LOG.debugf(err, "Request body to %s not fully sent", service));
            return;
        }
        // Streamed on as it arrives, counted: a body that outgrows the limit is cut off and refused.
        long[] received = {0};
        in.handler(chunk -> {
            received[0] += chunk.length();
            if (received[0] > limit) {
                in.handler(null);
                // Refused first: resetting the forwarded request fails its response, which must find this answer sent.
                try {
                    tooLarge(ctx, limit);
                } finally {
                    out.reset();
                }
                return;
            }
            out.write(chunk);
            if (out.writeQueueFull()) {
                in.pause();
                out.drainHandler(v -> in.resume());
            }
        });
        in.endHandler(v -> {
            if (received[0] <= limit) {
                out.end();
            }
        });
        in.exceptionHandler(err -> out.reset());
        in.resume();
    }

    private void respond(RoutingContext ctx, HttpClientResponse answer) {
        HttpServerResponse response = ctx.response();
        if (response.ended()) {
            return;
        }
        Caller caller = ctx.get(GatewaySecurity.CALLER);
        String type = answer.getHeader(HttpHeaders.CONTENT_TYPE);
        boolean json = type != null && type.toLowerCase(Locale.ROOT).contains("json");
        if (caller != null && ctx.request().method() == HttpMethod.GET && json
                && answer.statusCode() >= 200 && answer.statusCode() < 300) {
            answer.body()
                    .onFailure(err -> Problems.send(response, 502, "bad-gateway", "Bad gateway",
                            "The service's answer could not be read"))
                    .onSuccess(body -> disclose(ctx, caller, answer.statusCode(), answer.headers(),
                            () -> mapper.readTree(body.getBytes())));
            return;
        }
        response.setStatusCode(answer.statusCode());
        copyHeaders(answer.headers(), response.headers());
        if (!answer.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
            response.setChunked(true);
        }
        answer.pipeTo(response);
    }

    private void disclose(RoutingContext ctx, Caller caller, int status, MultiMap headers,
                          java.util.concurrent.Callable<JsonNode> body) {
        HttpServerRequest in = ctx.request();
        String reason = in.getHeader(config.security().reasonHeader());
        java.util.concurrent.Callable<Buffer> prepare = () -> {
            JsonNode tree = body.call();
            disclosure.disclose(caller, reason, in.method().name(), in.uri(), tree);
            return Buffer.buffer(tree.toString());
        };
        // Masking alone is a short walk over the answer: done on the event loop, saving two thread hand-overs on
        // the most common read. An unmasked answer is audited first (a database write): off the event loop.
        io.vertx.core.Future<Buffer> prepared;
        if (disclosure.mayUnmask(caller, reason)) {
            prepared = ctx.vertx().executeBlocking(prepare, false);
        } else {
            try {
                prepared = io.vertx.core.Future.succeededFuture(prepare.call());
            } catch (Exception e) {
                prepared = io.vertx.core.Future.failedFuture(e);
            }
        }
        prepared.onComplete(result -> {
            HttpServerResponse response = ctx.response();
            if (result.failed()) {
                LOG.warnf(result.cause(), "Could not disclose %s", in.path());
                Problems.send(response, 503, "audit-unavailable", "Audit unavailable",
                        "The answer could not be prepared for you (masking or audit failed); try again later");
                return;
            }
            response.setStatusCode(status);
            copyHeaders(headers, response.headers());
            response.headers().remove(HttpHeaders.CONTENT_LENGTH);
            response.end(result.result());
        });
    }

    private void unavailable(RoutingContext ctx, Service service, Throwable err) {
        String name = service.name().toLowerCase(Locale.ROOT).replace('_', '-');
        boolean timeout = err instanceof java.util.concurrent.TimeoutException
                || String.valueOf(err.getMessage()).contains("timeout");
        LOG.warnf("%s unavailable: %s", name, err.getMessage());
        if (ctx.response().headWritten()) {
            // Already answered (a body refused as too large), or the answer was under way when the service failed.
            if (!ctx.response().ended()) {
                ctx.response().reset();
            }
            return;
        }
        Problems.send(ctx.response(), timeout ? 504 : 503, "service-unavailable", name + " unavailable",
                name + " did not answer" + (timeout ? " in time" : "") + "; try again later");
    }

    private static void copyHeaders(MultiMap from, MultiMap to) {
        from.forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                to.add(h.getKey(), h.getValue());
            }
        });
    }
}
