package org.ecifhub.support.infra;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The PostgreSQL and Kafka that one test JVM shares between all its tests: started on first use, stopped by a
 * shutdown hook, and reaped by the next start if the JVM was killed before the hook could run.
 */
public final class TestInfrastructure {

    private static TestInfrastructure instance;

    private final InstanceDirectory directory;
    private final PostgresServer postgres;
    private final KafkaTestCluster kafka;

    private TestInfrastructure(InstanceDirectory directory, PostgresServer postgres, KafkaTestCluster kafka) {
        this.directory = directory;
        this.postgres = postgres;
        this.kafka = kafka;
    }

    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static TestInfrastructure start() {
        InstanceDirectory directory = InstanceDirectory.create();
        PostgresServer postgres;
        try {
            postgres = PostgresServer.start(directory.postgresData(), Os.freePort(), false);
        } catch (IOException e) {
            directory.delete();
            throw new UncheckedIOException(e);
        }
        KafkaTestCluster kafka;
        try {
            kafka = KafkaTestCluster.start();
        } catch (RuntimeException e) {
            postgres.close();
            directory.delete();
            throw e;
        }
        TestInfrastructure infra = new TestInfrastructure(directory, postgres, kafka);
        Runtime.getRuntime().addShutdownHook(new Thread(infra::stop, "ecif-test-infrastructure-stop"));
        return infra;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public InstanceDirectory directory() {
        return directory;
    }

    private void stop() {
        kafka.close();
        postgres.close();
        directory.delete();
    }
}
