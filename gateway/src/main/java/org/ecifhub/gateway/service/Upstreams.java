package org.ecifhub.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
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
    private final Vertx vertx;

    public Upstreams(GatewayConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
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
        if (Context.isOnEventLoopThread()) {
            return request(service, uri, timeout);
        }
        // Called from a worker thread (a blocking endpoint), the answer's body could arrive on the event loop
        // before its handler is set here, and be lost (a 200 with a content-length and no body): the exchange runs
        // on the event loop instead, where each step is set up before the next can happen.
        Context context = Vertx.currentContext() != null ? Vertx.currentContext() : vertx.getOrCreateContext();
        Promise<JsonAnswer> answer = Promise.promise();
        context.runOnContext(v -> request(service, uri, timeout).onComplete(answer));
        return answer.future();
    }

    private Future<JsonAnswer> request(Service service, String uri, Duration timeout) {
        URI base = base(service);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(base.getHost())
                .setPort(base.getPort()).setURI(uri).setTimeout(timeout.toMillis())
                .putHeader("Accept", "application/json");
        return client.request(options)
                .compose(req -> req.send())
                .compose(resp -> resp.body().map(body -> {
                    JsonNode json = null;
                    if (body.length() == 0 && resp.statusCode() >= 200 && resp.statusCode() < 300) {
                        LOG.warnf("%s answered %s with HTTP %d and no body (headers %s)", service, uri,
                                resp.statusCode(), resp.headers().entries());
                    }
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
