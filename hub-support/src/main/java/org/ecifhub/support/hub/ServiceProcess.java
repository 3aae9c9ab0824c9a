package org.ecifhub.support.hub;

import org.ecifhub.support.infra.Os;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One of the hub's Quarkus services running as its own JVM, configured through system properties. */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private ServiceProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts {@code java -jar quarkus-run.jar} detached from the caller's terminal (its own session), so a Ctrl-C
     * in the terminal reaches only the launcher, which then stops the services in order.
     */
    public static ServiceProcess start(String name, Path quarkusRunJar, int port, Map<String, String> config,
                                       Path log, String heap) {
        if (!Files.isRegularFile(quarkusRunJar)) {
            throw new IllegalStateException(name + " is not built: " + quarkusRunJar
                    + " is missing (run ./mvnw package -DskipTests)");
        }
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            cmd.add("/usr/bin/setsid");
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.add("-XX:+UseSerialGC");
        // Extra JVM options for every service, e.g. a flight recording while a benchmark runs.
        String extra = System.getenv("ECIF_SERVICE_JVM_OPTS");
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        cmd.add("-Dquarkus.http.port=" + port);
        config.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(quarkusRunJar.toString());
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new ServiceProcess(name, port, log, p);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until the service reports ready ({@code /q/health/ready} answers 200). */
    public void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited at start (exit " + process.exitValue() + "). Log "
                        + log + ":\n" + Os.tail(log, 40));
            }
            if (isReady()) {
                return;
            }
            Os.sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException(name + " was not ready on port " + port + " within " + timeout.toSeconds()
                + " s. Log " + log + ":\n" + Os.tail(log, 40));
    }

    public boolean isReady() {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL: no shutdown hook, no goodbye; what a power cut or the OOM killer does. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM and wait for a graceful stop; SIGKILL after the grace period. */
    public void stop(Duration grace) {
        stop(process.toHandle(), grace);
    }

    public static void stop(ProcessHandle handle, Duration grace) {
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
        }
    }
}
