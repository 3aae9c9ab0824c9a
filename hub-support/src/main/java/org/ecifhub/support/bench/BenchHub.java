package org.ecifhub.support.bench;

import org.ecifhub.support.hub.HubServices;
import org.ecifhub.support.hub.KafkaBrokerProcess;
import org.ecifhub.support.hub.ServiceProcess;
import org.ecifhub.support.infra.PostgresServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A fresh PostgreSQL, Kafka broker and customer-master (in its own JVM, at the heap given) for a benchmark, on
 * ports of their own (system properties {@code bench.postgres.port}, {@code bench.kafka.port}, {@code bench.port}),
 * in a work directory emptied first; or the whole hub (the four services, the gateway at {@code bench.port} and the
 * services on the next three ports). Closing stops them all.
 */
final class BenchHub implements AutoCloseable {

    final PostgresServer postgres;
    final Process kafka;
    final HubServices services;
    final ServiceProcess customerMaster;
    final String kafkaBootstrap;
    final String customerMasterUrl;

    BenchHub(Path root, Path work, String heap) throws IOException {
        this(root, work, heap, false, Map.of());
    }

    /**
     * @param wholeHub whether to start all four services rather than customer-master alone
     * @param settings extra configuration per service (e.g. the gateway's rate limit for a load test)
     */
    BenchHub(Path root, Path work, String heap, boolean wholeHub, Map<String, Map<String, String>> settings)
            throws IOException {
        int pgPort = Integer.getInteger("bench.postgres.port", 56432);
        int kafkaPort = Integer.getInteger("bench.kafka.port", 59192);
        int servicePort = Integer.getInteger("bench.port", 58081);
        postgres = PostgresServer.start(PostgresServer.usableDataDir(work.resolve("pgdata")), pgPort, true,
                work.resolve("postgres.log"));
        kafka = KafkaBrokerProcess.start(work.resolve("kafka"), kafkaPort, kafkaPort + 1, work.resolve("kafka.log"),
                Duration.ofSeconds(60));
        kafkaBootstrap = "127.0.0.1:" + kafkaPort;
        Map<String, Integer> ports = wholeHub ? HubServices.defaultPorts(servicePort)
                : Map.of(HubServices.CUSTOMER_MASTER, servicePort);
        services = new HubServices(new HubServices.Settings(root, work.resolve("logs"), postgres.jdbcUrl(),
                kafkaBootstrap, ports, heap, Duration.ofSeconds(180)), pid -> { });
        settings.forEach((service, keys) -> keys.forEach((k, v) -> services.configure(service, k, v)));
        // -Dbench.set.<service>.<key>=<value>: one more setting for a service, e.g. DEBUG logging of one category
        // to see where a slow run spends its time, without editing the benchmark.
        System.getProperties().stringPropertyNames().stream().filter(p -> p.startsWith("bench.set.")).forEach(p -> {
            String rest = p.substring("bench.set.".length());
            String service = HubServices.defaultPorts(servicePort).keySet().stream().filter(s -> rest.startsWith(s + "."))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("no such service in " + p));
            services.configure(service, rest.substring(service.length() + 1), System.getProperty(p));
        });
        if (wholeHub) {
            services.startAll();
        } else {
            services.start(HubServices.CUSTOMER_MASTER);
        }
        customerMaster = services.get(HubServices.CUSTOMER_MASTER);
        customerMasterUrl = "http://127.0.0.1:" + customerMaster.port();
    }

    /** Empties (or creates) a benchmark's work directory. */
    static void clean(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
    }

    @Override
    public void close() throws InterruptedException {
        services.stopAll();
        kafka.destroy();
        kafka.waitFor(30, TimeUnit.SECONDS);
        postgres.close();
    }
}
