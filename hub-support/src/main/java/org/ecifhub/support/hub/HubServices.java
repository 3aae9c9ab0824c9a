package org.ecifhub.support.hub;

import org.ecifhub.support.infra.PostgresServer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/** Starts and stops the four services of the hub as processes, wired to one PostgreSQL and one Kafka. */
public final class HubServices {

    public static final String CUSTOMER_MASTER = "customer-master";
    public static final String CONTRIBUTION_SCORING = "contribution-scoring";
    public static final String MANAGER_ASSIGNMENT = "manager-assignment";
    public static final String GATEWAY = "gateway";

    /** Where things are and which ports to use. */
    public record Settings(Path projectRoot, Path logDir, String jdbcUrl, String kafkaBootstrapServers,
                           Map<String, Integer> ports, String heap, Duration startTimeout) {
    }

    private final Settings settings;
    private final LongConsumer childRecorder;
    private final Map<String, ServiceProcess> running = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> extra = new LinkedHashMap<>();

    /** @param childRecorder told each started pid, so that a launcher killed mid-way leaves nothing behind */
    public HubServices(Settings settings, LongConsumer childRecorder) {
        this.settings = settings;
        this.childRecorder = childRecorder;
    }

    /**
     * Starts customer-master first (its relay creates the customer topic), then the two consumers, then the
     * gateway, each waited for until ready.
     */
    /** A setting for one service, given at its next start (e.g. the demo organisation for {@code ./hub up}). */
    public void configure(String service, String key, String value) {
        extra.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(key, value);
    }

    public void startAll() {
        start(CUSTOMER_MASTER);
        List<String> consumers = List.of(CONTRIBUTION_SCORING, MANAGER_ASSIGNMENT);
        consumers.forEach(this::launch);
        consumers.forEach(name -> running.get(name).awaitReady(settings.startTimeout()));
        start(GATEWAY);
    }

    public ServiceProcess start(String name) {
        ServiceProcess p = launch(name);
        p.awaitReady(settings.startTimeout());
        return p;
    }

    private ServiceProcess launch(String name) {
        Path jar = settings.projectRoot().resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        ServiceProcess p = ServiceProcess.start(name, jar, port(name), config(name),
                settings.logDir().resolve(name + ".log"), settings.heap());
        childRecorder.accept(p.pid());
        running.put(name, p);
        return p;
    }

    public ServiceProcess get(String name) {
        return running.get(name);
    }

    public int port(String name) {
        return settings.ports().get(name);
    }

    public String url(String name) {
        return "http://127.0.0.1:" + port(name);
    }

    /** Stops the gateway first and customer-master last, so nothing is accepted that cannot be relayed. */
    public void stopAll() {
        List<ServiceProcess> order = new ArrayList<>(running.values());
        java.util.Collections.reverse(order);
        for (ServiceProcess p : order) {
            p.stop(Duration.ofSeconds(20));
        }
        running.clear();
    }

    private Map<String, String> config(String name) {
        Map<String, String> c = new LinkedHashMap<>();
        // Every service uses PostgreSQL and Kafka; the gateway too (its access audit and change-stream journal).
        c.put("quarkus.datasource.jdbc.url", settings.jdbcUrl());
        c.put("quarkus.datasource.username", PostgresServer.USER);
        c.put("quarkus.datasource.password", PostgresServer.PASSWORD);
        c.put("kafka.bootstrap.servers", settings.kafkaBootstrapServers());
        if (GATEWAY.equals(name)) {
            c.put("ecif.gateway.customer-master-url", url(CUSTOMER_MASTER));
            c.put("ecif.gateway.contribution-scoring-url", url(CONTRIBUTION_SCORING));
            c.put("ecif.gateway.manager-assignment-url", url(MANAGER_ASSIGNMENT));
            TokenIssuer.ensureKeys(keyDir());
            c.put("mp.jwt.verify.publickey.location", keyDir().resolve(TokenIssuer.PUBLIC_KEY_FILE).toString());
            c.put("mp.jwt.verify.issuer", TokenIssuer.DEFAULT_ISSUER);
        }
        c.putAll(extra.getOrDefault(name, Map.of()));
        return c;
    }

    /** The hub's token keys, in its state directory beside the logs ({@code .hub/keys}, as {@code ./hub token} uses). */
    public Path keyDir() {
        return settings.logDir().toAbsolutePath().getParent().resolve("keys");
    }

    /** A bearer token for this hub's gateway. */
    public String token(String subject, String... roles) {
        return TokenIssuer.forKeyDir(keyDir(), TokenIssuer.DEFAULT_ISSUER)
                .issue(subject, List.of(roles), null, null, Duration.ofHours(12));
    }

    public static Map<String, Integer> defaultPorts(int gatewayPort) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(GATEWAY, gatewayPort);
        ports.put(CUSTOMER_MASTER, gatewayPort + 1);
        ports.put(CONTRIBUTION_SCORING, gatewayPort + 2);
        ports.put(MANAGER_ASSIGNMENT, gatewayPort + 3);
        return ports;
    }
}
