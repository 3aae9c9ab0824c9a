package org.ecifhub.support.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A scratch directory owned by one JVM, holding the servers that JVM started.
 *
 * <p>Shutdown hooks stop those servers on a normal exit, but a JVM killed with SIGKILL runs no hook. So each
 * directory records its owner's pid and the pids of the processes it started; the next start of any
 * instance {@linkplain #reapStale() reaps} directories whose owner is gone: it stops their PostgreSQL,
 * kills their processes and deletes the directory.
 */
public final class InstanceDirectory {

    static final String OWNER_FILE = "owner.pid";
    static final String CHILDREN_FILE = "children.pids";
    static final String POSTGRES_DIR = "pg";

    private final Path dir;

    private InstanceDirectory(Path dir) {
        this.dir = dir;
    }

    public static Path baseDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "ecif-hub-infra");
    }

    /** Reaps stale instances, then creates a fresh directory owned by this JVM. */
    public static InstanceDirectory create() {
        reapStale();
        Path dir = baseDirectory().resolve(UUID.randomUUID().toString().substring(0, 8));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new InstanceDirectory(dir);
    }

    public Path path() {
        return dir;
    }

    public Path postgresData() {
        return dir.resolve(POSTGRES_DIR);
    }

    /** Records a child process so that it is killed if this JVM dies without stopping it. */
    public void recordChild(long pid) {
        try {
            Files.writeString(dir.resolve(CHILDREN_FILE), pid + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete() {
        Os.deleteTree(dir);
    }

    /** Stops and deletes every instance whose owning JVM no longer runs. Returns how many were reaped. */
    public static int reapStale() {
        Path base = baseDirectory();
        if (!Files.isDirectory(base)) {
            return 0;
        }
        int reaped = 0;
        try (Stream<Path> instances = Files.list(base)) {
            for (Path instance : instances.toList()) {
                if (ownerAlive(instance)) {
                    continue;
                }
                reap(instance);
                reaped++;
            }
        } catch (IOException e) {
            return reaped;
        }
        return reaped;
    }

    private static boolean ownerAlive(Path instance) {
        try {
            long owner = Long.parseLong(Files.readString(instance.resolve(OWNER_FILE)).trim());
            return Os.isAlive(owner);
        } catch (IOException | NumberFormatException e) {
            // A directory still being created has no owner file for a moment; only reap old ones.
            return isYoung(instance);
        }
    }

    private static boolean isYoung(Path instance) {
        try {
            return Files.getLastModifiedTime(instance).toMillis() > System.currentTimeMillis() - 60_000;
        } catch (IOException e) {
            return false;
        }
    }

    private static void reap(Path instance) {
        Path children = instance.resolve(CHILDREN_FILE);
        if (Files.exists(children)) {
            try {
                for (String line : Files.readAllLines(children)) {
                    if (!line.isBlank()) {
                        ProcessHandle.of(Long.parseLong(line.trim())).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // Best effort.
            }
        }
        PostgresServer.stopQuietly(instance.resolve(POSTGRES_DIR));
        Os.deleteTree(instance);
    }
}
