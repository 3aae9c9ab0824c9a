package org.ecifhub.systemtests;

import org.ecifhub.support.infra.InstanceDirectory;
import org.ecifhub.support.infra.Os;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first command: {@code ./hub up -d} brings PostgreSQL, Kafka, the four services and the demo data
 * up; the gateway answers for a demo customer; {@code ./hub down} leaves no process behind.
 */
class HubScriptTest {

    record Run(int exitCode, String output, Duration took) {
    }

    @Test
    void hubUpServesADemoCustomerAndHubDownLeavesNoProcess() throws Exception {
        Path root = Path.of(System.getProperty("ecif.project.root", "..")).toAbsolutePath().normalize();
        // Inside /tmp and world-traversable, so that PostgreSQL (run as 'postgres' when we are root) can use it.
        Path state = Files.createDirectories(InstanceDirectory.baseDirectory().getParent()
                .resolve("ecif-hub-script-test-" + ProcessHandle.current().pid()));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));
        int gatewayPort = freeRange(4);
        int kafkaPort = freeRange(2);
        Map<String, String> env = Map.of(
                "ECIF_HUB_STATE", state.toString(),
                "ECIF_HUB_CLASSPATH", System.getProperty("java.class.path"),
                "ECIF_GATEWAY_PORT", Integer.toString(gatewayPort),
                "ECIF_POSTGRES_PORT", Integer.toString(Os.freePort()),
                "ECIF_KAFKA_PORT", Integer.toString(kafkaPort));
        List<Long> pids = new ArrayList<>();
        try {
            Run up = hub(root, env, Duration.ofMinutes(4), "up", "-d");
            System.out.println("./hub up -d took " + up.took().toSeconds() + " s:\n" + up.output());
            assertThat(up.exitCode()).as(up.output()).isZero();
            pids.addAll(pidsOf(state));
            assertThat(pids).hasSize(6);

            Matcher demo = Pattern.compile("A demo customer.*?(http://\\S+)").matcher(up.output());
            assertThat(demo.find()).as("banner names a demo customer").isTrue();
            assertThat(new Http("").get(demo.group(1)).status()).as("no token").isEqualTo(401);
            Run token = hub(root, env, Duration.ofSeconds(60), "token", "HEAD_OFFICE");
            assertThat(token.exitCode()).as(token.output()).isZero();
            String bearer = token.output().strip().lines().reduce((a, b) -> b).orElseThrow();
            Http.Response view = new Http("", bearer).get(demo.group(1));
            assertThat(view.status()).isEqualTo(200);
            assertThat(view.json().path("customer").path("data").path("attributes").path("name").asText())
                    .isNotBlank();
            // The demo organisation: named branches with neighbours, and their managers.
            String gatewayUrl = demo.group(1).substring(0, demo.group(1).indexOf("/api/"));
            Http.Response branch = new Http(gatewayUrl, bearer).get("/api/v1/branches/LSJ001");
            assertThat(branch.status()).as(branch.body()).isEqualTo(200);
            assertThat(branch.json().path("name").asText()).isNotBlank();
            assertThat(branch.json().path("neighbours").size()).isPositive();
            assertThat(new Http(gatewayUrl, bearer).get("/api/v1/staff/S101").status()).isEqualTo(200);
            // The operations console, with an operator's token in the link the banner prints.
            Matcher console = Pattern.compile("Operations console\\s+(http://\\S+)/#token=(\\S+)").matcher(up.output());
            assertThat(console.find()).as("banner links the console").isTrue();
            Http.Response page = new Http("").get(console.group(1) + "/");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.contentType()).startsWith("text/html");
            assertThat(page.body()).contains("operations console");
            assertThat(new Http(gatewayUrl, console.group(2)).get("/api/v1/stewardship/tasks").status()).isEqualTo(200);

            Run status = hub(root, env, Duration.ofSeconds(60), "status");
            assertThat(status.exitCode()).as(status.output()).isZero();
            assertThat(status.output()).contains("gateway").contains("running");
        } finally {
            Run down = hub(root, env, Duration.ofMinutes(2), "down");
            assertThat(down.exitCode()).as(down.output()).isZero();
        }
        for (long pid : pids) {
            assertThat(Os.isAlive(pid)).as("process " + pid + " after ./hub down").isFalse();
        }
        assertThat(Os.isListening(gatewayPort)).isFalse();
        Os.deleteTree(state);
    }

    private static Run hub(Path root, Map<String, String> env, Duration timeout, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(root.resolve("hub").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Path out = Files.createTempFile("hub-", ".log");
        pb.redirectOutput(out.toFile());
        Instant start = Instant.now();
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
        }
        Duration took = Duration.between(start, Instant.now());
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        return new Run(p.isAlive() ? -1 : p.exitValue(), output, took);
    }

    private static List<Long> pidsOf(Path state) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(state.resolve("hub.state"))) {
            p.load(in);
        }
        return p.values().stream().map(v -> Long.parseLong(v.toString().split(" ")[0])).toList();
    }

    /** The first of {@code n} consecutive ports that are all free. */
    private static int freeRange(int n) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20000, 40000);
            boolean free = true;
            for (int i = 0; i < n && free; i++) {
                free = Os.isPortFree(base + i);
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no " + n + " consecutive free ports");
    }
}
