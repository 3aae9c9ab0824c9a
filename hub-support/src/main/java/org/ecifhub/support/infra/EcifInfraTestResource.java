package org.ecifhub.support.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a {@code @QuarkusTest} application at the test JVM's real PostgreSQL and Kafka.
 *
 * <p>Use with {@code @WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)}.
 */
public class EcifInfraTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestInfrastructure infra = TestInfrastructure.get();
        return Map.of(
                "quarkus.datasource.jdbc.url", infra.jdbcUrl(),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", PostgresServer.PASSWORD,
                "kafka.bootstrap.servers", infra.kafkaBootstrapServers());
    }

    @Override
    public void stop() {
        // The servers outlive a single application start; the JVM's shutdown hook stops them.
    }
}
