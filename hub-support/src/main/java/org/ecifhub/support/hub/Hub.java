package org.ecifhub.support.hub;

import org.ecifhub.support.infra.Os;
import org.ecifhub.support.infra.PostgresServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * The local hub behind {@code ./hub}: PostgreSQL, Kafka and the four services on this machine, with demo data.
 *
 * <pre>
 *   up [-d]   start everything (in the foreground until Ctrl-C, or detached with -d)
 *   down      stop everything this hub started
 *   status    what runs where
 * </pre>
 * State lives in the state directory (default {@code .hub/}): PostgreSQL and Kafka data, logs, and
 * {@code hub.state}, which names every process so that {@code down} can stop them from another shell.
 */
public final class Hub {

    private static final String STATE_FILE = "hub.state";

    private final Path projectRoot;
    private final Path state;
    private final int gatewayPort;
    private final int postgresPort;
    private final int kafkaPort;

    Hub(Path projectRoot, Path state, int gatewayPort, int postgresPort, int kafkaPort) {
        this.projectRoot = projectRoot;
        this.state = state;
        this.gatewayPort = gatewayPort;
        this.postgresPort = postgresPort;
        this.kafkaPort = kafkaPort;
    }

    public static void main(String[] args) {
        // Kafka's storage formatting logs its whole configuration at INFO; the launcher's console is for people.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Path root = Path.of(System.getProperty("ecif.project.root", ".")).toAbsolutePath().normalize();
        String stateDir = System.getenv("ECIF_HUB_STATE");
        Hub hub = new Hub(root, stateDir == null || stateDir.isBlank() ? root.resolve(".hub") : Path.of(stateDir),
                Integer.getInteger("ecif.hub.gateway-port", envInt("ECIF_GATEWAY_PORT", 8080)),
                envInt("ECIF_POSTGRES_PORT", 55432), envInt("ECIF_KAFKA_PORT", 59092));
        String command = args.length == 0 ? "status" : args[0];
        int rc;
        try {
            rc = switch (command) {
                case "up" -> hub.up(List.of(args).contains("-d"));
                case "down" -> hub.down();
                case "status" -> hub.status();
                case "token" -> TokenIssuer.command(hub.state.resolve("keys"), List.of(args).subList(1, args.length));
                default -> {
                    System.err.println("usage: ./hub up [-d] | down | status | token ROLE [--branch B] [--staff S]");
                    yield 2;
                }
            };
        } catch (RuntimeException e) {
            System.err.println("\n./hub " + command + " failed: " + e.getMessage());
            rc = 1;
        }
        System.exit(rc);
    }

    int up(boolean detach) {
        if (Files.exists(state.resolve(STATE_FILE)) && anyAlive(readState())) {
            System.out.println("The hub is already running.");
            return status();
        }
        Instant started = Instant.now();
        Map<String, String> processes = new LinkedHashMap<>();
        Path logs = state.resolve("logs");
        try {
            Path pgData = PostgresServer.usableDataDir(state.resolve("pgdata"));
            step("PostgreSQL on port " + postgresPort);
            requireFree(postgresPort, "PostgreSQL");
            PostgresServer postgres = PostgresServer.start(pgData, postgresPort, true, logs.resolve("postgres.log"));
            processes.put("postgres", postgres.pid() + " " + postgresPort + " " + pgData);
            writeState(processes);

            step("Kafka on port " + kafkaPort);
            requireFree(kafkaPort, "Kafka");
            Process kafka = KafkaBrokerProcess.start(state.resolve("kafka"), kafkaPort, kafkaPort + 1,
                    logs.resolve("kafka.log"), Duration.ofSeconds(60));
            processes.put("kafka", kafka.pid() + " " + kafkaPort);
            writeState(processes);

            Map<String, Integer> ports = HubServices.defaultPorts(gatewayPort);
            ports.forEach((name, port) -> requireFree(port, name));
            HubServices services = new HubServices(new HubServices.Settings(projectRoot, logs, postgres.jdbcUrl(),
                    "127.0.0.1:" + kafkaPort, ports, "512m", Duration.ofSeconds(120)), pid -> { });
            // The demo organisation (branches LSJ001-LSJ006 with names and neighbours, managers of every grade and
            // tellers) is manager-assignment's own demo data set, loaded at its start.
            services.configure(HubServices.MANAGER_ASSIGNMENT, "ecif.assignment.demo-organisation", "true");
            step("customer-master, contribution-scoring, manager-assignment, gateway");
            try {
                services.startAll();
            } finally {
                for (String name : ports.keySet()) {
                    ServiceProcess p = services.get(name);
                    if (p != null) {
                        processes.put(name, p.pid() + " " + p.port());
                    }
                }
                writeState(processes);
            }

            DemoLoader demo = new DemoLoader(services.url(HubServices.GATEWAY), services.token("demo-loader", "SYSTEM"));
            Path demoDir = state.resolve("demo");
            if (!Files.exists(demoDir.resolve("loaded"))) {
                step("demo data (a demo organisation and three generated feeds)");
                long records = demo.load(demoDir, 3000);
                Files.writeString(demoDir.resolve("loaded"), records + " records\n");
            }
            banner(services, demo.firstDemoCustomer(demoDir), Duration.between(started, Instant.now()));
        } catch (RuntimeException | IOException e) {
            System.err.println("\nStart failed: " + e.getMessage());
            System.err.println("Stopping what was started; logs stay in " + logs);
            down();
            return 1;
        }
        if (detach) {
            System.out.println("Running in the background. Stop with: ./hub down");
            return 0;
        }
        System.out.println("Press Ctrl-C to stop.");
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the hub ...");
            down();
        }));
        try {
            forever.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    int down() {
        Map<String, String> processes = readState();
        List<String> order = new ArrayList<>(List.of(HubServices.GATEWAY, HubServices.MANAGER_ASSIGNMENT,
                HubServices.CONTRIBUTION_SCORING, HubServices.CUSTOMER_MASTER, "kafka"));
        for (String name : order) {
            String entry = processes.get(name);
            if (entry != null) {
                long pid = Long.parseLong(entry.split(" ")[0]);
                ProcessHandle.of(pid).ifPresent(h -> ServiceProcess.stop(h, Duration.ofSeconds(20)));
            }
        }
        String pg = processes.get("postgres");
        if (pg != null) {
            PostgresServer.stopCluster(Path.of(pg.split(" ", 3)[2]), "fast");
        }
        Instant deadline = Instant.now().plusSeconds(20);
        while (anyAlive(processes) && Instant.now().isBefore(deadline)) {
            Os.sleep(Duration.ofMillis(200));
        }
        boolean clean = !anyAlive(processes);
        try {
            Files.deleteIfExists(state.resolve(STATE_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println(processes.isEmpty() ? "The hub is not running." : clean ? "The hub is stopped."
                : "Some processes did not stop: " + processes);
        return clean ? 0 : 1;
    }

    int status() {
        Map<String, String> processes = readState();
        if (processes.isEmpty()) {
            System.out.println("The hub is not running.");
            return 3;
        }
        System.out.printf("%-22s %-8s %-7s %s%n", "PART", "PID", "PORT", "STATE");
        for (Map.Entry<String, String> e : processes.entrySet()) {
            String[] f = e.getValue().split(" ");
            long pid = Long.parseLong(f[0]);
            int port = Integer.parseInt(f[1]);
            boolean alive = Os.isAlive(pid) || ("postgres".equals(e.getKey()) && Os.isListening(port));
            System.out.printf("%-22s %-8s %-7s %s%n", e.getKey(), pid, port,
                    alive ? (Os.isListening(port) ? "running" : "starting") : "stopped");
        }
        return anyAlive(processes) ? 0 : 3;
    }

    private void banner(HubServices services, String demoCustomer, Duration took) {
        String gw = services.url(HubServices.GATEWAY);
        System.out.println();
        System.out.println("ECIF Hub is up (" + took.toSeconds() + " s).");
        System.out.println("  Gateway            " + gw + "/api/v1/...");
        System.out.println("  Swagger UI         " + services.url(HubServices.CUSTOMER_MASTER) + "/q/swagger-ui (customer-master)");
        System.out.println("                     " + services.url(HubServices.CONTRIBUTION_SCORING) + "/q/swagger-ui (contribution-scoring)");
        System.out.println("                     " + services.url(HubServices.MANAGER_ASSIGNMENT) + "/q/swagger-ui (manager-assignment)");
        System.out.println("  OpenAPI            " + gw + "/openapi (every public path)");
        // The token rides in the link's fragment, which the browser never sends to a server.
        String operator = services.token("operator", "OPS", "STEWARD");
        System.out.println("  Operations console " + gw + "/console/#token=" + operator);
        System.out.println("  A token            ./hub token HEAD_OFFICE   (or SYSTEM, TELLER --branch B, AUDITOR, ...)");
        if (demoCustomer != null) {
            System.out.println("  A demo customer    curl -H \"Authorization: Bearer $(./hub token HEAD_OFFICE)\" "
                    + gw + "/api/v1/customers/" + demoCustomer + "/view");
        }
        System.out.println("  Logs               " + state.resolve("logs"));
    }

    private static void step(String what) {
        System.out.println("Starting " + what + " ...");
    }

    private static void requireFree(int port, String what) {
        if (Os.isListening(port)) {
            throw new IllegalStateException("port " + port + " for " + what + " is taken by another program; "
                    + "set another one (ECIF_GATEWAY_PORT, ECIF_POSTGRES_PORT, ECIF_KAFKA_PORT)");
        }
    }

    private boolean anyAlive(Map<String, String> processes) {
        return processes.values().stream().anyMatch(v -> Os.isAlive(Long.parseLong(v.split(" ")[0])));
    }

    private Map<String, String> readState() {
        Path file = state.resolve(STATE_FILE);
        Map<String, String> processes = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return processes;
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String key : List.of("postgres", "kafka", HubServices.CUSTOMER_MASTER, HubServices.CONTRIBUTION_SCORING,
                HubServices.MANAGER_ASSIGNMENT, HubServices.GATEWAY)) {
            if (p.getProperty(key) != null) {
                processes.put(key, p.getProperty(key));
            }
        }
        return processes;
    }

    private void writeState(Map<String, String> processes) {
        Properties p = new Properties();
        p.putAll(processes);
        try {
            Files.createDirectories(state);
            try (var out = Files.newBufferedWriter(state.resolve(STATE_FILE))) {
                p.store(out, "processes of the local hub: pid port [data directory]");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int envInt(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }
}
