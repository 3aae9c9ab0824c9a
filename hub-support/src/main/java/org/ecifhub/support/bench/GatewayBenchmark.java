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
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
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
    /** Connections of the first-read run (each customer's view once): as many as the closed loop's best. */
    private static final int FIRST_READ_CONNECTIONS = 16;
    private static final int WARM_UP_SECONDS = 20;

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

            // The gateway reads every customer the events named into its view store in the background, while
            // the load runs; how long after the load it has all of them.
            out.printf(Locale.ROOT, "view store filled in the background: %s%n", awaitViewStore(hub.postgres,
                    Duration.ofMinutes(15)));

            Path numbersFile = work.resolve("numbers.txt");
            Files.write(numbersFile, numbers);
            Path tokenFile = work.resolve("token.txt");
            Files.writeString(tokenFile, hub.services.token("bench-reader", "HEAD_OFFICE") + "\n");
            checkOne(http, gateway, Files.readString(tokenFile).strip(), numbers);

            // After a bulk load PostgreSQL still has autovacuum, analyze and a checkpoint of the loaded data ahead
            // of it; done now, not inside a measured run.
            out.printf(Locale.ROOT, "settled: VACUUM ANALYZE and CHECKPOINT in %d s%n", settle(hub.postgres));
            Path script = root.resolve("bench/gateway.lua");
            CpuMeter cpu = new CpuMeter(hub, List.of(HubServices.GATEWAY, HubServices.CUSTOMER_MASTER,
                    HubServices.CONTRIBUTION_SCORING, HubServices.MANAGER_ASSIGNMENT));
            // The tier and owner counts stop growing before scoring, assignment and the outbox relays have worked
            // off the later feeds' events: wait until the hub is idle, or that work is measured as the reads' cost.
            out.printf(Locale.ROOT, "idle: %s%n", cpu.awaitIdle(Duration.ofMinutes(5)));
            GcMeter gc = new GcMeter(hub);

            // What the store costs to keep: every customer read into it again (as after a change to each, or
            // the max-age safety net), nothing else running.
            cpu.start();
            Instant refreshStart = Instant.now();
            int marked = markEveryCustomerDue(hub.postgres);
            String refreshed = awaitViewStore(hub.postgres, Duration.ofMinutes(15));
            long refreshMillis = Duration.between(refreshStart, Instant.now()).toMillis();
            out.printf(Locale.ROOT, "view store refresh of every customer (background, 4 at a time): %d customers "
                            + "in %.1f s, %.0f customers/s (%s)%n  %s%n", marked, refreshMillis / 1000.0,
                    marked * 1000.0 / refreshMillis, refreshed, cpu.per(marked, "customer"));

            ViewStoreMeter store = new ViewStoreMeter(http, gateway);
            String view = "GET /api/v1/customers/{n}/view";
            // First reads: the numbers walked in a shuffled order, each customer once per pass (the first pass is
            // each customer's first read since the gateway started; the gateway keeps nothing per read, so later
            // passes differ only in PostgreSQL's buffers). The JVMs have not run the read path yet: warmed up first
            // on the other end of the same order.
            List<String> shuffled = new ArrayList<>(numbers);
            Collections.shuffle(shuffled, new Random(20261122L));
            Path walkFile = work.resolve("numbers-walk.txt");
            Files.write(walkFile, shuffled);
            Path warmUpFile = work.resolve("numbers-warm-up.txt");
            List<String> reversed = new ArrayList<>(shuffled);
            Collections.reverse(reversed);
            Files.write(warmUpFile, reversed);
            Result viewWarmUp = wrk(gateway, script, warmUpFile, tokenFile, "/view", 4, 0, WARM_UP_SECONDS, true);
            out.printf(Locale.ROOT, "%s warm-up (not measured): %d s closed loop, 4 connections, %d requests "
                    + "(the same walk in reverse order)%n", view, WARM_UP_SECONDS, viewWarmUp.requests());
            cpu.start();
            gc.start();
            store.start();
            Result first = wrk(gateway, script, walkFile, tokenFile, "/view", FIRST_READ_CONNECTIONS, 0, seconds, true);
            out.printf(Locale.ROOT, "%s walk (shuffled, each customer once per pass, %.1f passes; closed loop, %d "
                    + "connections): %s%n", view, first.requests() / (double) numbers.size(), FIRST_READ_CONNECTIONS,
                    first);
            out.printf(Locale.ROOT, "  %s; %s; %s%n", store.since(), cpu.perRequest(first.requests()), gc.since());

            measure(out, view, "/view", gateway, script, numbersFile, tokenFile, rate, seconds, cpu, gc, store);

            String read = "GET /api/v1/customers/{n}";
            // Warm-up: JIT of the proxy path in the gateway, connection pools.
            Result warmUp = wrk(gateway, script, numbersFile, tokenFile, "", 4, 0, WARM_UP_SECONDS, false);
            out.printf(Locale.ROOT, "%s warm-up (not measured): %d s closed loop, 4 connections, %d requests%n",
                    read, WARM_UP_SECONDS, warmUp.requests());
            // GET /customers/{n} is answered from the view's store (its golden record section) when it holds the
            // customer: the hit ratio says how many were.
            measure(out, read, "", gateway, script, numbersFile, tokenFile, rate, seconds, cpu, gc, store);
        }
    }

    /** Makes every customer the view store knows due for a background refresh now; how many. */
    private static int markEveryCustomerDue(PostgresServer postgres) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USER,
                PostgresServer.PASSWORD); Statement s = c.createStatement()) {
            return s.executeUpdate("UPDATE gateway.view_customer SET refresh_due = now()");
        }
    }

    /**
     * Waits until the view store has no refresh pending (checked every second, at most {@code limit}); says how
     * many customers it holds whole (all five sections at their current generation) and when it got there.
     */
    private static String awaitViewStore(PostgresServer postgres, Duration limit) throws Exception {
        Instant start = Instant.now();
        Instant deadline = start.plus(limit);
        while (true) {
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USER,
                    PostgresServer.PASSWORD); Statement s = c.createStatement()) {
                long pending;
                try (ResultSet rs = s.executeQuery(
                        "SELECT count(*) FROM gateway.view_customer WHERE refresh_due IS NOT NULL")) {
                    rs.next();
                    pending = rs.getLong(1);
                }
                boolean late = Instant.now().isAfter(deadline);
                if (pending == 0 || late) {
                    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM gateway.view_customer v WHERE "
                            + "(SELECT count(*) FROM gateway.view_section s WHERE s.customer_number = v.customer_number "
                            + "AND s.generation = v.generation) = 5")) {
                        rs.next();
                        return String.format(Locale.ROOT, "%d customers held whole, %d pending, %d s after this wait "
                                        + "began%s", rs.getLong(1), pending,
                                Duration.between(start, Instant.now()).toSeconds(), late ? " (gave up)" : "");
                    }
                }
            }
            Thread.sleep(1000);
        }
    }

    /** Paced at the target rate, then closed loop with a few connections for the maximum rate. */
    private static void measure(PrintStream out, String name, String suffix, String gateway, Path script, Path numbers,
                                Path token, int rate, int seconds, CpuMeter cpu, GcMeter gc, ViewStoreMeter store)
            throws Exception {
        cpu.start();
        gc.start();
        if (store != null) {
            store.start();
        }
        // Paced at the target rate, shared by wrk's threads (see bench/gateway.lua).
        Result paced = wrk(gateway, script, numbers, token, suffix, PACED_CONNECTIONS, rate / WRK_THREADS, seconds,
                false);
        out.printf(Locale.ROOT, "%s paced at %d/s (%d connections): %s%n", name, rate, PACED_CONNECTIONS, paced);
        out.printf(Locale.ROOT, "  %s%s; %s%n", store != null ? store.since() + "; " : "",
                cpu.perRequest(paced.requests()), gc.since());
        for (int c : CLOSED_CONNECTIONS) {
            cpu.start();
            gc.start();
            if (store != null) {
                store.start();
            }
            Result max = wrk(gateway, script, numbers, token, suffix, c, 0, seconds, false);
            out.printf(Locale.ROOT, "%s closed loop (%d connections): %s%n", name, c, max);
            out.printf(Locale.ROOT, "  %s%s; %s%n", store != null ? store.since() + "; " : "",
                    cpu.perRequest(max.requests()), gc.since());
        }
    }

    /** VACUUM ANALYZE and CHECKPOINT; the seconds they took. */
    private static long settle(PostgresServer postgres) throws Exception {
        Instant start = Instant.now();
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), PostgresServer.USER,
                PostgresServer.PASSWORD); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE");
            s.execute("CHECKPOINT");
        }
        return Duration.between(start, Instant.now()).toSeconds();
    }

    /**
     * The gateway's view-store counters ({@code /q/metrics}: ecif_gateway_view_store_requests_total by section and
     * result), to report the hit ratio of a run.
     */
    static final class ViewStoreMeter {
        private static final Pattern LINE = Pattern.compile(
                "^ecif_gateway_view_store_requests_total\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
        private static final Pattern RESULT_LABEL = Pattern.compile("result=\"(\\w+)\"");
        private static final Pattern SECTION_LABEL = Pattern.compile("section=\"(\\w+)\"");
        private final HttpClient http;
        private final String gateway;
        private Map<String, Double> before = Map.of();

        ViewStoreMeter(HttpClient http, String gateway) {
            this.http = http;
            this.gateway = gateway;
        }

        void start() throws Exception {
            before = read();
        }

        /** Hit ratio of the section answers since {@link #start()}, overall and per section. */
        String since() throws Exception {
            Map<String, Double> after = read();
            Map<String, double[]> bySection = new java.util.TreeMap<>();
            after.forEach((key, value) -> {
                String[] resultSection = key.split("/");
                double[] hm = bySection.computeIfAbsent(resultSection[1], s -> new double[3]);
                double delta = value - before.getOrDefault(key, 0.0);
                hm["hit".equals(resultSection[0]) ? 0 : "miss".equals(resultSection[0]) ? 1 : 2] += delta;
            });
            double hits = 0;
            double all = 0;
            StringBuilder sections = new StringBuilder();
            for (Map.Entry<String, double[]> e : bySection.entrySet()) {
                double[] hm = e.getValue();
                double total = hm[0] + hm[1] + hm[2];
                hits += hm[0];
                all += total;
                sections.append(String.format(Locale.ROOT, " %s %.1f %%,", e.getKey(), total == 0 ? 0 : 100 * hm[0] / total));
            }
            return String.format(Locale.ROOT, "view store hit ratio %.1f %% of %.0f section answers (%s)",
                    all == 0 ? 0 : 100 * hits / all, all, sections.toString().strip().replaceAll(",$", ""));
        }

        private Map<String, Double> read() throws Exception {
            String text = http.send(HttpRequest.newBuilder(URI.create(gateway + "/q/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Map<String, Double> counts = new java.util.HashMap<>();
            Matcher m = LINE.matcher(text);
            while (m.find()) {
                Matcher result = RESULT_LABEL.matcher(m.group(1));
                Matcher section = SECTION_LABEL.matcher(m.group(1));
                if (result.find() && section.find()) {
                    counts.put(result.group(1) + "/" + section.group(1), Double.parseDouble(m.group(2)));
                }
            }
            return counts;
        }
    }

    /**
     * Garbage collections of each service during a run, from {@code jstat -gc} (collections and their total pause
     * time, young and full), to tell GC pauses from other causes of a latency tail.
     */
    static final class GcMeter {
        private final Map<String, Long> pids = new java.util.LinkedHashMap<>();
        private Map<String, double[]> before = Map.of();

        GcMeter(BenchHub hub) {
            for (String s : List.of(HubServices.GATEWAY, HubServices.CUSTOMER_MASTER, HubServices.CONTRIBUTION_SCORING,
                    HubServices.MANAGER_ASSIGNMENT)) {
                pids.put(s, hub.services.get(s).pid());
            }
        }

        void start() {
            before = read();
        }

        String since() {
            Map<String, double[]> after = read();
            StringBuilder out = new StringBuilder("GC (collections, pause ms):");
            after.forEach((name, a) -> {
                double[] b = before.getOrDefault(name, new double[2]);
                out.append(String.format(Locale.ROOT, " %s %.0f, %.0f;", name, a[0] - b[0], (a[1] - b[1]) * 1000));
            });
            return out.toString().replaceAll(";$", "");
        }

        /** A service's heap in use now (survivor, eden and old generation), from {@code jstat -gc}. */
        String heapInUse(String service) {
            try {
                Process p = new ProcessBuilder("jstat", "-gc", String.valueOf(pids.get(service)))
                        .redirectErrorStream(true).start();
                String[] lines = new String(p.getInputStream().readAllBytes()).strip().split("\n");
                p.waitFor();
                List<String> head = List.of(lines[0].trim().split("\\s+"));
                String[] v = lines[1].trim().split("\\s+");
                double kb = 0;
                for (String column : List.of("S0U", "S1U", "EU", "OU")) {
                    kb += Double.parseDouble(v[head.indexOf(column)]);
                }
                return String.format(Locale.ROOT, "%.0f MB (old generation %.0f MB)", kb / 1024,
                        Double.parseDouble(v[head.indexOf("OU")]) / 1024);
            } catch (Exception e) {
                return "unknown";
            }
        }

        /** Per service: collections (young + full) and their total time in seconds. */
        private Map<String, double[]> read() {
            Map<String, double[]> gc = new java.util.LinkedHashMap<>();
            pids.forEach((name, pid) -> {
                try {
                    Process p = new ProcessBuilder("jstat", "-gc", String.valueOf(pid)).redirectErrorStream(true)
                            .start();
                    String[] lines = new String(p.getInputStream().readAllBytes()).strip().split("\n");
                    p.waitFor();
                    List<String> head = List.of(lines[0].trim().split("\\s+"));
                    String[] v = lines[1].trim().split("\\s+");
                    double collections = Double.parseDouble(v[head.indexOf("YGC")]) + Double.parseDouble(v[head.indexOf("FGC")]);
                    double seconds = Double.parseDouble(v[head.indexOf("YGCT")]) + Double.parseDouble(v[head.indexOf("FGCT")]);
                    gc.put(name, new double[] {collections, seconds});
                } catch (Exception e) {
                    gc.put(name, new double[2]);
                }
            });
            return gc;
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
                              int perThreadRate, int seconds, boolean walk) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t" + WRK_THREADS, "-c" + connections, "-d" + seconds + "s",
                "--timeout", "5s", "-s", script.toString(), gateway, "--", numbers.toString(), token.toString(),
                suffix, String.valueOf(perThreadRate), walk ? "walk" : "random", String.valueOf(WRK_THREADS)));
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
