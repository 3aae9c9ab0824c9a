package org.ecifhub.support.infra;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

import java.util.Map;

/**
 * A single-node Kafka (KRaft, broker and controller combined) running inside the test JVM, so that it dies
 * with the JVM whatever way the JVM ends.
 */
public final class KafkaTestCluster implements AutoCloseable {

    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;

    private KafkaTestCluster(KafkaClusterTestKit cluster, String bootstrapServers) {
        this.cluster = cluster;
        this.bootstrapServers = bootstrapServers;
    }

    public static KafkaTestCluster start() {
        // The test kit deletes its directories in a JVM shutdown hook that runs alongside ours; a broker still
        // stopping then sees its log directory vanish and would halt the JVM with a non-zero code, which the test
        // runner reports as a crashed fork. In-process, a broker must never end the JVM.
        Exit.setHaltProcedure((code, message) -> { });
        Exit.setExitProcedure((code, message) -> { });
        int port = Os.freePort();
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                // The test kit defaults to the newest *testing* metadata version; we test what production runs.
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        singleNodeBrokerConfig().forEach(builder::setConfigProp);
        // The kit binds its own listeners to ephemeral ports on all interfaces; an extra listener of our own is
        // bound as configured, on loopback only, and is the one clients use.
        builder.setConfigProp("listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,CLIENTS://127.0.0.1:" + port);
        builder.setConfigProp("listener.security.protocol.map",
                "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,CLIENTS:PLAINTEXT");
        try {
            KafkaClusterTestKit kit = builder.build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return new KafkaTestCluster(kit, "127.0.0.1:" + port);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the in-process Kafka broker", e);
        }
    }

    /**
     * Broker settings for a one-node cluster: every internal topic with replication factor 1. Topics get 3
     * partitions, or {@code -Decif.test.kafka.partitions} (a benchmark takes the hub's 6, see KafkaBrokerProcess).
     */
    static Map<String, String> singleNodeBrokerConfig() {
        return Map.of(
                "auto.create.topics.enable", "true",
                "num.partitions", System.getProperty("ecif.test.kafka.partitions", "3"),
                "offsets.topic.replication.factor", "1",
                "offsets.topic.num.partitions", "3",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "share.coordinator.state.topic.replication.factor", "1",
                "share.coordinator.state.topic.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0");
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            // Shutting down; nothing useful to do with it.
        }
    }
}
