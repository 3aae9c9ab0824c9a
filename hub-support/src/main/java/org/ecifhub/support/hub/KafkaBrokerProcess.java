package org.ecifhub.support.hub;

import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.ecifhub.support.infra.Os;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A single-node Kafka (KRaft, combined broker and controller) as its own JVM, from the Kafka jars on this
 * launcher's class path: the local hub's broker. Its storage is formatted once and kept between runs.
 */
public final class KafkaBrokerProcess {

    private KafkaBrokerProcess() {
    }

    /** Formats {@code dir} if needed, starts the broker and waits until it accepts connections. */
    public static Process start(Path dir, int port, int controllerPort, Path log, Duration timeout) {
        try {
            Path data = dir.resolve("data");
            Path properties = dir.resolve("server.properties");
            Files.createDirectories(data);
            Files.writeString(properties, serverProperties(data, port, controllerPort));
            if (!Files.exists(data.resolve("meta.properties"))) {
                format(properties);
            }
            List<String> cmd = new ArrayList<>();
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                cmd.add("/usr/bin/setsid");
            }
            cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-XX:+UseSerialGC",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-Dorg.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer=info",
                    "-cp", System.getProperty("java.class.path"), "kafka.Kafka", properties.toString()));
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            awaitPort(p, port, log, timeout);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Kafka", e);
        }
    }

    static String serverProperties(Path data, int port, int controllerPort) {
        return """
                process.roles=broker,controller
                node.id=1
                controller.quorum.bootstrap.servers=127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                log.dirs=%3$s
                num.partitions=6
                auto.create.topics.enable=true
                # Messages are kept for good: consumers start at a topic's first event, and dead letters wait to be read.
                log.retention.ms=-1
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=6
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                """.formatted(port, controllerPort, data);
    }

    private static void format(Path properties) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = StorageTool.execute(new String[]{"format", "-t", Uuid.randomUuid().toString(), "-c",
                properties.toString(), "--standalone"}, new PrintStream(out, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IllegalStateException("Formatting Kafka storage failed: " + out.toString(StandardCharsets.UTF_8));
        }
    }

    private static void awaitPort(Process p, int port, Path log, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) {
                throw new IllegalStateException("Kafka exited at start (exit " + p.exitValue() + "). Log " + log
                        + ":\n" + Os.tail(log, 40));
            }
            if (Os.isListening(port)) {
                return;
            }
            Os.sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException("Kafka did not listen on port " + port + " within " + timeout.toSeconds()
                + " s. Log " + log + ":\n" + Os.tail(log, 40));
    }
}
