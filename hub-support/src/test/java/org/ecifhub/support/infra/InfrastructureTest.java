package org.ecifhub.support.infra;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InfrastructureTest {

    @Test
    void postgresRunsWithLogicalDecodingAndTheEcifDatabase() throws Exception {
        TestInfrastructure infra = TestInfrastructure.get();
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl(), PostgresServer.USER, "");
             ResultSet rs = c.createStatement().executeQuery("SHOW wal_level")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("logical");
        }
    }

    @Test
    void kafkaRoundTripsAMessage() {
        String bootstrap = TestInfrastructure.get().kafkaBootstrapServers();
        try (var producer = new KafkaProducer<String, String>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("infra-test", "C1", "hello")).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        try (var consumer = new KafkaConsumer<String, String>(Map.of("bootstrap.servers", bootstrap,
                "group.id", "infra-test", "auto.offset.reset", "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("infra-test"));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            for (int i = 0; i < 30 && records.isEmpty(); i++) {
                records = consumer.poll(Duration.ofMillis(500));
            }
            assertThat(records.count()).isEqualTo(1);
            assertThat(records.iterator().next().value()).isEqualTo("hello");
        }
    }

    @Test
    void serversOfAKilledJvmAreReapedAtTheNextStart() throws Exception {
        // An instance directory whose owner is a process that has already exited, as after a SIGKILL.
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path stale = InstanceDirectory.baseDirectory().resolve("stale-test");
        Files.createDirectories(stale);
        Files.writeString(stale.resolve(InstanceDirectory.OWNER_FILE), Long.toString(gone.pid()));
        PostgresServer orphanPostgres = PostgresServer.start(stale.resolve(InstanceDirectory.POSTGRES_DIR), Os.freePort(), false);
        long postgresPid = Long.parseLong(Files.readAllLines(
                stale.resolve(InstanceDirectory.POSTGRES_DIR).resolve("postmaster.pid")).get(0).trim());
        Process orphanChild = new ProcessBuilder("sleep", "600").start();
        Files.writeString(stale.resolve(InstanceDirectory.CHILDREN_FILE), orphanChild.pid() + "\n");

        int reaped = InstanceDirectory.reapStale();

        assertThat(reaped).isGreaterThanOrEqualTo(1);
        assertThat(orphanChild.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 100 && Os.isAlive(postgresPid); i++) {
            Thread.sleep(100);
        }
        assertThat(Os.isAlive(postgresPid)).as("orphaned postmaster stopped").isFalse();
        assertThat(stale).doesNotExist();
        assertThat(orphanPostgres.dataDir()).doesNotExist();
    }

    @Test
    void theLiveInstanceOfThisJvmIsNotReaped() {
        TestInfrastructure infra = TestInfrastructure.get();
        InstanceDirectory.reapStale();
        assertThat(infra.directory().path()).exists();
    }
}
