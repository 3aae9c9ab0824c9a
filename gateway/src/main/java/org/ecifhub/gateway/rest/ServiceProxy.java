package org.ecifhub.gateway.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.ecifhub.gateway.config.GatewayConfig;
import org.ecifhub.gateway.domain.RouteTable;
import org.ecifhub.gateway.domain.Service;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Forwards {@code /api/v1/**} to the service that owns the path. Bodies are streamed both ways (a bulk import
 * passes through without being held in memory); a service that is down or slow gets a problem+json answer.
 */
@ApplicationScoped
public class ServiceProxy {

    private static final Logger LOG = Logger.getLogger(ServiceProxy.class);
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host");

    private final GatewayConfig config;
    private final ObjectMapper mapper;
    private HttpClient client;

    public ServiceProxy(GatewayConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
    }

    void init(@Observes StartupEvent event, Vertx vertx) {
        client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(200).setKeepAlive(true)
                .setConnectTimeout(2000));
    }

    void routes(@Observes Router router) {
        router.route("/api/v1/*").order(-10).handler(this::forward);
    }

    private void forward(RoutingContext ctx) {
        HttpServerRequest in = ctx.request();
        Service service = RouteTable.serviceFor(in.path()).orElse(null);
        if (service == null) {
            problem(ctx.response(), 404, "not-found", "Not found", "No ECIF Hub API at " + in.path());
            return;
        }
        URI base = URI.create(baseUrl(service));
        in.pause();
        RequestOptions options = new RequestOptions()
                .setMethod(in.method())
                .setHost(base.getHost())
                .setPort(base.getPort())
                .setURI(in.uri())
                .setTimeout(config.timeout().toMillis());
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        copyHeaders(in.headers(), headers);
        options.setHeaders(headers);
        options.putHeader("X-Forwarded-For", in.remoteAddress() == null ? "" : in.remoteAddress().host());
        options.putHeader("X-Forwarded-Host", in.authority() == null ? "" : in.authority().toString());
        client.request(options)
                .onFailure(err -> unavailable(ctx, service, err))
                .onSuccess(out -> relay(ctx, service, in, out));
    }

    private void relay(RoutingContext ctx, Service service, HttpServerRequest in, HttpClientRequest out) {
        if (!in.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
            out.setChunked(true);
        }
        out.response()
                .onFailure(err -> unavailable(ctx, service, err))
                .onSuccess(answer -> respond(ctx.response(), answer));
        in.pipeTo(out).onFailure(err -> LOG.debugf(err, "Request body to %s not fully sent", service));
    }

    private static void respond(HttpServerResponse response, HttpClientResponse answer) {
        if (response.ended()) {
            return;
        }
        response.setStatusCode(answer.statusCode());
        copyHeaders(answer.headers(), response.headers());
        if (!answer.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
            response.setChunked(true);
        }
        answer.pipeTo(response);
    }

    private void unavailable(RoutingContext ctx, Service service, Throwable err) {
        String name = service.name().toLowerCase(Locale.ROOT).replace('_', '-');
        boolean timeout = err instanceof java.util.concurrent.TimeoutException
                || String.valueOf(err.getMessage()).contains("timeout");
        LOG.warnf("%s unavailable: %s", name, err.getMessage());
        problem(ctx.response(), timeout ? 504 : 503, "service-unavailable", name + " unavailable",
                name + " did not answer" + (timeout ? " in time" : "") + "; try again later");
    }

    private void problem(HttpServerResponse response, int status, String kind, String title, String detail) {
        if (response.headWritten()) {
            response.reset();
            return;
        }
        ObjectNode body = mapper.createObjectNode()
                .put("type", "urn:ecif:problem:" + kind)
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .end(body.toString());
    }

    private static void copyHeaders(MultiMap from, MultiMap to) {
        from.forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                to.add(h.getKey(), h.getValue());
            }
        });
    }

    private String baseUrl(Service service) {
        return switch (service) {
            case CUSTOMER_MASTER -> config.customerMasterUrl();
            case CONTRIBUTION_SCORING -> config.contributionScoringUrl();
            case MANAGER_ASSIGNMENT -> config.managerAssignmentUrl();
        };
    }
}
