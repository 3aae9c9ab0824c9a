package org.ecifhub.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.ecifhub.gateway.service.OpenApiAggregator;
import org.ecifhub.gateway.service.Upstreams;

/**
 * {@code GET /openapi}: one OpenAPI document (JSON) of every public path of the hub, as callers see it through the
 * gateway. Public, like {@code /q/openapi}: it describes the API, not data.
 */
@ApplicationScoped
public class OpenApiRoute {

    private static final ObjectMapper mapper = new ObjectMapper();

    private final OpenApiAggregator aggregator;
    private final Upstreams upstreams;

    public OpenApiRoute(OpenApiAggregator aggregator, Upstreams upstreams) {
        this.aggregator = aggregator;
        this.upstreams = upstreams;
    }

    void routes(@Observes Router router) {
        router.get("/openapi").handler(this::serve);
    }

    private void serve(RoutingContext ctx) {
        // The gateway's own document, as Quarkus serves it on this same server.
        int port = ctx.request().localAddress().port();
        HttpClient client = upstreams.client();
        client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
                        .setURI("/q/openapi?format=json").setTimeout(5000))
                .compose(req -> req.send())
                .compose(resp -> resp.body())
                .map(body -> {
                    try {
                        return (JsonNode) mapper.readTree(body.getBytes());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .compose(aggregator::aggregate)
                .onFailure(err -> Problems.send(ctx.response(), 503, "service-unavailable", "OpenAPI unavailable",
                        "The OpenAPI document could not be assembled: " + err.getMessage()))
                .onSuccess(doc -> ctx.response().putHeader("Content-Type", "application/json").end(doc.toString()));
    }
}
