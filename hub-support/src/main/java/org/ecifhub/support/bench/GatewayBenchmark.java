package org.ecifhub.support.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.ecifhub.support.demo.FeedGenerator;
import org.ecifhub.support.demo.FeedSource;
import org.ecifhub.support.hub.HubServices;
import org.ecifhub.support.infra.PostgresServer;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Latency and throughput of reads through the gateway: the whole hub (its own PostgreSQL and Kafka, the four
 * services in their own JVMs) loaded with generated deposit, loan and e-banking feeds through the gateway's bulk
 * import, scored and assigned from the events, then {@code GET /api/v1/customers/{n}/view} and
 * {@code GET /api/v1/customers/{n}} for random customers of the loaded set, with a HEAD_OFFICE token, measured by
 * wrk: paced at a target rate (wrk has no fixed-rate mode; bench/gateway.lua keeps a schedule per wrk thread in its
 * delay()), and closed-loop with a few connections for the maximum rate. The bench client's rate
 * limit is raised by configuration ({@code ecif.gateway.limits.*}).
 *
 * <p>{@code GatewayBenchmark PROJECT_ROOT WORK_DIR PARTIES HEAP RATE SECONDS} (all four services packaged).
 */
public final class GatewayBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RESULT = Pattern.compile("RESULT requests=(\\d+) duration_us=(\\d+) p50_us=(\\d+) "
            + "p90_us=(\\d+) p99_us=(\\d+) max_us=(\\d+) non2xx=(\\d+) socket_errors=(\\d+)");
    /** Connections of the paced runs: enough that one is free at each slot while answers take up to 50 ms. */
    private static final int PACED_CONNECTIONS = 50;
    private static final int WRK_THREADS = 2;
    /** Connections of the closed-loop runs: a few, as many as keep two cores busy without queueing at the client. */
    private static final List<Integer> CLOSED_CONNECTIONS = List.of(4, 16);

    private GatewayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        int parties = Integer.parseInt(args[2]);
        String heap = args[3];
        int rate = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);
        PrintStream out = System.out;
        BenchHub.clean(work);

        // The shares of bench/bulk-import: a tenth of the parties with a second deposit customer, loans, e-banking.
        FeedGenerator.Counts counts = new FeedGenerator(FeedGenerator.Options.defaults().withParties(parties)
                .withSeed(20261122L).withSecondDepositShare(0.10).withLoanShare(0.13).withEbankShare(0.20))
                .writeTo(work.resolve("feeds"));
        out.printf(Locale.ROOT, "data: %s%n", counts);

        Map<String, Map<String, String>> settings = Map.of(
                HubServices.GATEWAY, Map.of("ecif.gateway.limits.rate-per-second", "1000000",
                        "ecif.gateway.limits.burst", "1000000", "quarkus.log.level", "WARN"),
                HubServices.MANAGER_ASSIGNMENT, Map.of("ecif.assignment.demo-organisation", "true"));
        try (BenchHub hub = new BenchHub(root, work, heap, true, settings)) {
            String gateway = hub.services.url(HubServices.GATEWAY);
            String system = hub.services.token("bench-loader", "SYSTEM");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            Instant loadStart = Instant.now();
            for (String feed : List.of("DEPOSIT", "LOAN", "EBANK")) {
                Path file = work.resolve("feeds").resolve(FeedSource.valueOf(feed).fileName());
                FeedImport.run(http, gateway, system, feed, file, state -> { });
            }
            List<String> numbers = activeCustomers(hub.postgres);
            String caughtUp = awaitScoredAndAssigned(hub.postgres);
            out.printf(Locale.ROOT, "loaded through the gateway's bulk import, scored and assigned: %d customers "
                    + "(%s) in %d s%n", numbers.size(), caughtUp, Duration.between(loadStart, Instant.now()).toSeconds());

            Path numbersFile = work.resolve("numbers.txt");
            Files.write(numbersFile, numbers);
            Path tokenFile = work.resolve("token.txt");
            Files.writeString(tokenFile, hub.services.token("bench-reader", "HEAD_OFFICE") + "\n");
            checkOne(http, gateway, Files.readString(tokenFile).strip(), numbers);

            Path script = root.resolve("bench/gateway.lua");
            CpuMeter cpu = new CpuMeter(hub);
            for (String[] endpoint : List.of(new String[] {"GET /api/v1/customers/{n}/view", "/view"},
                    new String[] {"GET /api/v1/customers/{n}", ""})) {
                String name = endpoint[0];
                // Warm-up: JIT, connection pools, caches.
                wrk(gateway, script, numbersFile, tokenFile, endpoint[1], 4, 0, 20);
                // Paced at the target rate, shared by wrk's threads (see bench/gateway.lua).
                cpu.start();
                Result paced = wrk(gateway, script, numbersFile, tokenFile, endpoint[1], PACED_CONNECTIONS,
                        rate / WRK_THREADS, seconds);
                out.printf(Locale.ROOT, "%s paced at %d/s (%d connections): %s%n", name, rate, PACED_CONNECTIONS,
                        paced);
                out.printf(Locale.ROOT, "  %s%n", cpu.perRequest(paced.requests()));
                for (int c : CLOSED_CONNECTIONS) {
                    cpu.start();
                    Result max = wrk(gateway, script, numbersFile, tokenFile, endpoint[1], c, 0, seconds);
                    out.printf(Locale.ROOT, "%s closed loop (%d connections): %s%n", name, c, max);
                    out.printf(Locale.ROOT, "  %s%n", cpu.perRequest(max.requests()));
                }
            }
        }
    }

    /**
     * CPU time each part of the hub spent (user + system, from /proc, children included for PostgreSQL's backends),
     * to find where the cost of a request goes. Linux only.
     */
    static final class CpuMeter {
        private final Map<String, Long> pids = new java.util.LinkedHashMap<>();
        private Map<String, Long> before = Map.of();

        CpuMeter(BenchHub hub) {
            for (String s : List.of(HubServices.GATEWAY, HubServices.CUSTOMER_MASTER, HubServices.CONTRIBUTION_SCORING,
                    HubServices.MANAGER_ASSIGNMENT)) {
                pids.put(s, hub.services.get(s).pid());
            }
            pids.put("postgres", hub.postgres.pid());
            pids.put("kafka", hub.kafka.pid());
        }

        void start() {
            before = ticks();
        }

        /** Milliseconds of CPU per request of each part since {@link #start()}. */
        String perRequest(long requests) {
            Map<String, Long> after = ticks();
            long hz = 100; // USER_HZ on Linux
            StringBuilder out = new StringBuilder("CPU ms per request:");
            double total = 0;
            for (String name : pids.keySet()) {
                double ms = (after.get(name) - before.getOrDefault(name, 0L)) * 1000.0 / hz / requests;
                total += ms;
                out.append(String.format(Locale.ROOT, " %s %.2f,", name, ms));
            }
            return out.append(String.format(Locale.ROOT, " total %.2f", total)).toString();
        }

        private Map<String, Long> ticks() {
            Map<String, Long> t = new java.util.LinkedHashMap<>();
            pids.forEach((name, pid) -> t.put(name, ticksOf(pid, "postgres".equals(name))));
            return t;
        }

        /** utime + stime of a process, and of its children (living ones read directly; reaped ones via cutime). */
        private static long ticksOf(long pid, boolean withChildren) {
            long sum = stat(pid, true);
            if (withChildren) {
                sum += ProcessHandle.of(pid).map(h -> h.descendants().mapToLong(d -> stat(d.pid(), false)).sum())
                        .orElse(0L);
            }
            return sum;
        }

        private static long stat(long pid, boolean reapedChildren) {
            try {
                String text = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
                // Fields after the name: state is f[0], utime f[11], stime f[12], cutime f[13], cstime f[14].
                long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                return reapedChildren ? own + Long.parseLong(f[13]) + Long.parseLong(f[14]) : own;
            } catch (Exception e) {
                return 0;
            }
        }
    }

    record Result(long requests, double seconds, double p50, double p90, double p99, double max, long non2xx,
                  long socketErrors) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.0f requests/s, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.1f ms "
                            + "(%d requests, %d non-2xx, %d socket errors)", requests / seconds, p50, p90, p99, max,
                    requests, non2xx, socketErrors);
        }
    }

    /** Runs wrk; {@code perThreadRate} 0 means closed loop. */
    private static Result wrk(String gateway, Path script, Path numbers, Path token, String suffix, int connections,
                              int perThreadRate, int seconds) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t" + WRK_THREADS, "-c" + connections, "-d" + seconds + "s",
                "--timeout", "5s", "-s", script.toString(), gateway, "--", numbers.toString(), token.toString(),
                suffix, String.valueOf(perThreadRate)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + text);
        }
        Matcher m = RESULT.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("wrk printed no result: " + text);
        }
        return new Result(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)) / 1e6,
                Long.parseLong(m.group(3)) / 1000.0, Long.parseLong(m.group(4)) / 1000.0,
                Long.parseLong(m.group(5)) / 1000.0, Long.parseLong(m.group(6)) / 1000.0,
                Long.parseLong(m.group(7)), Long.parseLong(m.group(8)));
    }

    private static List<String> activeCustomers(PostgresServer postgres) throws Exception {
        List<String> numbers = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USER,
                PostgresServer.PASSWORD); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT customer_number FROM customer_master.golden_record "
                     + "WHERE status = 'ACTIVE'")) {
            while (rs.next()) {
                numbers.add(rs.getString(1));
            }
        }
        return numbers;
    }

    /**
     * Waits until scoring and assignment have caught up with the load, as the gateway's read model sees it: the
     * customers with a tier and with an owner no longer grow for 10 s (at most 10 minutes). Returns the counts.
     */
    private static String awaitScoredAndAssigned(PostgresServer postgres) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        String last = "";
        int unchanged = 0;
        while (Instant.now().isBefore(deadline) && unchanged < 5) {
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USER,
                    PostgresServer.PASSWORD); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE tier IS NOT NULL), "
                         + "(SELECT count(DISTINCT customer_number) FROM gateway.customer_owner) "
                         + "FROM gateway.customer_list WHERE retired_into IS NULL")) {
                rs.next();
                String now = rs.getLong(1) + " with a tier, " + rs.getLong(2) + " with an owner";
                unchanged = now.equals(last) && rs.getLong(1) > 0 ? unchanged + 1 : 0;
                last = now;
            }
            Thread.sleep(2000);
        }
        return last;
    }

    /** One view must answer complete, else the benchmark would measure errors. */
    private static void checkOne(HttpClient http, String gateway, String token, List<String> numbers)
            throws Exception {
        String n = numbers.get(ThreadLocalRandom.current().nextInt(numbers.size()));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/customers/" + n
                + "/view")).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || !JSON.readTree(r.body()).path("complete").asBoolean()) {
            throw new IllegalStateException("The view of " + n + " is not complete: " + r.statusCode() + " "
                    + r.body());
        }
    }
}
