package org.ecifhub.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Plays customer-master and contribution-scoring with a small real HTTP server that echoes what it received;
 * manager-assignment points at a closed port, as when that service is down.
 */
public class StubServicesResource implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body ->
                req.response().putHeader("Content-Type", "application/json")
                        .end("{\"method\":\"" + req.method() + "\",\"uri\":\"" + req.uri() + "\",\"bodyLength\":"
                                + body.length() + "}")));
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            int closedPort;
            try (ServerSocket s = new ServerSocket(0)) {
                closedPort = s.getLocalPort();
            }
            String url = "http://127.0.0.1:" + server.actualPort();
            return Map.of("ecif.gateway.customer-master-url", url,
                    "ecif.gateway.contribution-scoring-url", url,
                    "ecif.gateway.manager-assignment-url", "http://127.0.0.1:" + closedPort);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        vertx.close();
    }
}
