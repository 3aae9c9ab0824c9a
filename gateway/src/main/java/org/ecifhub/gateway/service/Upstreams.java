package org.ecifhub.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.ecifhub.gateway.config.GatewayConfig;
import org.ecifhub.gateway.domain.Service;

import java.net.URI;
import java.time.Duration;

/** The one HTTP client pool to the services behind the gateway. */
@ApplicationScoped
public class Upstreams {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Upstreams.class);

    /** A service's JSON answer: status and body (null when the body was empty or not JSON). */
    public record JsonAnswer(int status, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final GatewayConfig config;
    private static final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient client;

    public Upstreams(GatewayConfig config, Vertx vertx) {
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(200).setKeepAlive(true)
                .setConnectTimeout(2000));
    }

    public HttpClient client() {
        return client;
    }

    public URI base(Service service) {
        return URI.create(switch (service) {
            case CUSTOMER_MASTER -> config.customerMasterUrl();
            case CONTRIBUTION_SCORING -> config.contributionScoringUrl();
            case MANAGER_ASSIGNMENT -> config.managerAssignmentUrl();
        });
    }

    /** GETs {@code uri} (path and query) from a service as JSON, within {@code timeout}. */
    public Future<JsonAnswer> getJson(Service service, String uri, Duration timeout) {
        URI base = base(service);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(base.getHost())
                .setPort(base.getPort()).setURI(uri).setTimeout(timeout.toMillis())
                .putHeader("Accept", "application/json");
        return client.request(options)
                .compose(req -> req.send())
                .compose(resp -> resp.body().map(body -> {
                    JsonNode json = null;
                    if (body.length() > 0) {
                        try {
                            json = mapper.readTree(body.getBytes());
                        } catch (Exception e) {
                            LOG.warnf("%s answered %s with a body that is not JSON: %s", service, uri, e.getMessage());
                        }
                    }
                    return new JsonAnswer(resp.statusCode(), json);
                }));
    }
}
