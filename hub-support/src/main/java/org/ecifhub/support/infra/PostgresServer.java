package org.ecifhub.support.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server run from the machine's own binaries, without Docker.
 *
 * <p>It is configured for logical decoding ({@code wal_level=logical}) because every service relays its
 * outbox with Debezium. PostgreSQL refuses to run as root, so when this JVM is root the server runs as
 * the {@code postgres} user through {@code runuser}.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String DATABASE = "ecif";
    public static final String USER = "postgres";
    /**
     * Local clusters trust every loopback connection, so this password guards nothing; it exists because some
     * clients (Debezium's JDBC offset store) refuse an empty one.
     */
    public static final String PASSWORD = "ecif";

    private final Path binDir;
    private final Path dataDir;
    private final int port;
    private final boolean asPostgresUser;
    private final Path log;
    private Process process;

    private PostgresServer(Path binDir, Path dataDir, int port, boolean asPostgresUser, Path log) {
        this.binDir = binDir;
        this.dataDir = dataDir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
        this.log = log;
    }

    /**
     * Initialises {@code dataDir} when it holds no cluster yet, starts the server on {@code port} and
     * creates the {@value #DATABASE} database.
     *
     * @param durable false for throw-away test clusters: fsync off, which makes initdb and commits fast
     */
    public static PostgresServer start(Path dataDir, int port, boolean durable) throws IOException {
        return start(dataDir, port, durable, dataDir.resolveSibling(dataDir.getFileName() + ".log"));
    }

    /** As {@link #start(Path, int, boolean)}, with the server's log written to {@code log}. */
    public static PostgresServer start(Path dataDir, int port, boolean durable, Path log) throws IOException {
        Path binDir = findBinaries();
        boolean asPostgresUser = Os.isRoot();
        Files.createDirectories(log.getParent());
        PostgresServer server = new PostgresServer(binDir, dataDir, port, asPostgresUser, log);
        server.initIfNeeded(durable);
        server.launch(durable);
        server.awaitReady(Duration.ofSeconds(60));
        server.createDatabaseIfMissing();
        return server;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public long pid() {
        return process.pid();
    }

    /** Stops the server with a fast shutdown (open sessions are rolled back) and waits for it to exit. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        stop(binDir, dataDir, asPostgresUser, "fast");
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    /** Stops whatever server runs on {@code dataDir}, if any; used to reap servers of a killed JVM. */
    static void stopQuietly(Path dataDir) {
        stopCluster(dataDir, "immediate");
    }

    /**
     * Stops the server running on {@code dataDir}, if any, from any process (the {@code ./hub down} case).
     *
     * @param mode pg_ctl's shutdown mode: {@code fast} rolls back open sessions, {@code immediate} just quits
     */
    public static void stopCluster(Path dataDir, String mode) {
        if (!Files.exists(dataDir.resolve("postmaster.pid"))) {
            return;
        }
        try {
            stop(findBinaries(), dataDir, Os.isRoot(), mode);
        } catch (RuntimeException e) {
            // Best effort: callers check the pid afterwards.
        }
    }

    /**
     * A data directory PostgreSQL can use for {@code wanted}: the same one unless this JVM is root and the
     * {@code postgres} user cannot reach it (a checkout under /root, say), then one under /var/tmp.
     */
    public static Path usableDataDir(Path wanted) {
        if (!Os.isRoot()) {
            return wanted;
        }
        Path parent = wanted.toAbsolutePath().getParent();
        Os.Result probe = Os.runQuietly(List.of("runuser", "-u", "postgres", "--", "test", "-x", parent.toString()),
                Duration.ofSeconds(10));
        if (probe.exitCode() == 0) {
            return wanted;
        }
        return Path.of("/var/tmp", "ecif-hub-" + Integer.toHexString(wanted.toAbsolutePath().toString().hashCode()),
                wanted.getFileName().toString());
    }

    private static void stop(Path binDir, Path dataDir, boolean asPostgresUser, String mode) {
        List<String> cmd = command(asPostgresUser, binDir.resolve("pg_ctl").toString(), "stop", "-D",
                dataDir.toString(), "-m", mode, "-w", "-t", "20");
        Os.run(cmd, Duration.ofSeconds(30));
    }

    private void initIfNeeded(boolean durable) throws IOException {
        if (Files.exists(dataDir.resolve("PG_VERSION"))) {
            return;
        }
        Files.createDirectories(dataDir);
        if (asPostgresUser) {
            Os.chownToPostgres(dataDir);
        }
        List<String> cmd = command(asPostgresUser, binDir.resolve("initdb").toString(), "-D", dataDir.toString(),
                "-U", USER, "-A", "trust", "-E", "UTF8", "--locale=C");
        if (!durable) {
            cmd.add("--no-sync");
        }
        Os.Result result = Os.run(cmd, Duration.ofSeconds(120));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("initdb failed (exit " + result.exitCode() + "):\n" + result.output());
        }
    }

    private void launch(boolean durable) throws IOException {
        List<String> cmd = command(asPostgresUser, binDir.resolve("postgres").toString(), "-D", dataDir.toString(),
                "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1",
                // The socket lives in the data directory: /var/run/postgresql may not exist or be writable.
                "-c", "unix_socket_directories=" + dataDir,
                "-c", "wal_level=logical",
                "-c", "max_replication_slots=16",
                "-c", "max_wal_senders=16",
                "-c", "max_connections=200",
                "-c", "shared_buffers=256MB",
                // Bulk imports write gigabytes of WAL; checkpoints every 1 GB (the default) would rewrite whole
                // pages again and again.
                "-c", "max_wal_size=4GB",
                "-c", "fsync=" + (durable ? "on" : "off"),
                // A commit survives a crash of PostgreSQL itself; only an OS crash could lose the last few
                // hundred milliseconds, never corrupt anything. Worth it for a local hub and for tests.
                "-c", "synchronous_commit=off",
                // With asynchronous commit the WAL writer flushes every wal_writer_delay (200 ms by default), and
                // logical decoding (the outbox relay) only sees flushed WAL: this bounds the feed-to-Kafka latency.
                "-c", "wal_writer_delay=10ms",
                "-c", "full_page_writes=" + (durable ? "on" : "off"));
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = builder.start();
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        SQLException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited at start (exit " + process.exitValue() + "); log: "
                        + Os.tail(log, 30));
            }
            try (Connection c = DriverManager.getConnection(adminUrl(), USER, "")) {
                return;
            } catch (SQLException e) {
                last = e;
                Os.sleep(Duration.ofMillis(50));
            }
        }
        throw new IllegalStateException("PostgreSQL did not accept connections on port " + port + " within "
                + timeout.toSeconds() + " s", last);
    }

    private void createDatabaseIfMissing() {
        try (Connection c = DriverManager.getConnection(adminUrl(), USER, "");
             Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8'");
            }
            s.execute("ALTER USER " + USER + " PASSWORD '" + PASSWORD + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + DATABASE, e);
        }
    }

    private String adminUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    private static List<String> command(boolean asPostgresUser, String... args) {
        List<String> cmd = new ArrayList<>();
        if (asPostgresUser) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * Finds the PostgreSQL server binaries: {@code ECIF_PG_BIN}, then the newest
     * {@code /usr/lib/postgresql/N/bin}, then the directory {@code pg_config --bindir} names.
     */
    static Path findBinaries() {
        String configured = System.getenv("ECIF_PG_BIN");
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            if (Files.isExecutable(dir.resolve("postgres")) && Files.isExecutable(dir.resolve("initdb"))) {
                return dir;
            }
            throw new IllegalStateException("ECIF_PG_BIN=" + configured + " holds no postgres and initdb binaries");
        }
        Optional<Path> debian = newestDebianInstall();
        if (debian.isPresent()) {
            return debian.get();
        }
        Os.Result pgConfig = Os.runQuietly(List.of("pg_config", "--bindir"), Duration.ofSeconds(10));
        if (pgConfig.exitCode() == 0) {
            Path dir = Path.of(pgConfig.output().trim());
            if (Files.isExecutable(dir.resolve("postgres")) && Files.isExecutable(dir.resolve("initdb"))) {
                return dir;
            }
        }
        throw new IllegalStateException("""
                PostgreSQL server binaries (initdb, postgres) were not found.
                ECIF Hub starts its own PostgreSQL (no Docker needed). Install the server, for example
                  Debian/Ubuntu: apt-get install postgresql
                  Fedora/RHEL:   dnf install postgresql-server
                  macOS:         brew install postgresql@15
                or point ECIF_PG_BIN at the directory holding initdb and postgres.""");
    }

    private static Optional<Path> newestDebianInstall() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .filter(v -> Files.isExecutable(v.resolve("bin/postgres")) && Files.isExecutable(v.resolve("bin/initdb")))
                    .max(Comparator.comparingDouble(v -> Double.parseDouble(v.getFileName().toString())))
                    .map(v -> v.resolve("bin"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
