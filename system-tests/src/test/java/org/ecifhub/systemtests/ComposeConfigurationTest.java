package org.ecifhub.systemtests;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml cannot run on machines without Docker, so it is checked against the services'
 * configuration instead: every environment variable it sets overrides a real config key, ports agree, and every
 * topic a service consumes is published by some service.
 */
class ComposeConfigurationTest {

    static final List<String> SERVICES = List.of("customer-master", "contribution-scoring", "manager-assignment",
            "gateway");
    final Path root = Path.of(System.getProperty("ecif.project.root", "..")).toAbsolutePath().normalize();

    @SuppressWarnings("unchecked")
    Map<String, Object> composeServices() throws IOException {
        try (Reader in = Files.newBufferedReader(root.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(in);
            return (Map<String, Object>) compose.get("services");
        }
    }

    Properties config(String service) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(root.resolve(service).resolve("src/main/resources/application.properties"))) {
            p.load(in);
        }
        return p;
    }

    /** SmallRye's environment-variable form of a property name. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyEnvironmentVariableOverridesARealConfigKey() throws IOException {
        Map<String, Object> services = composeServices();
        for (String service : SERVICES) {
            assertThat(services).as("compose defines " + service).containsKey(service);
            Map<String, Object> definition = (Map<String, Object>) services.get(service);
            Map<String, Object> environment = (Map<String, Object>) definition.getOrDefault("environment", Map.of());
            Set<String> known = new HashSet<>();
            for (String key : config(service).stringPropertyNames()) {
                known.add(envName(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key));
            }
            for (String variable : environment.keySet()) {
                if (variable.startsWith("JAVA_")) {
                    continue; // JVM options, not application configuration
                }
                assertThat(known).as(service + ": " + variable + " overrides a key of application.properties")
                        .contains(variable);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void portsAgreeAndOnlyTheGatewayIsPublished() throws IOException {
        Map<String, Object> services = composeServices();
        for (String service : SERVICES) {
            Map<String, Object> definition = (Map<String, Object>) services.get(service);
            String port = config(service).getProperty("quarkus.http.port");
            String health = String.valueOf(((Map<String, Object>) definition.get("healthcheck")).get("test"));
            assertThat(health).as(service + " healthcheck port").contains(":" + port + "/q/health/ready");
            if ("gateway".equals(service)) {
                assertThat((List<Object>) definition.get("ports")).extracting(String::valueOf)
                        .contains(port + ":" + port);
            } else {
                assertThat(definition).as(service + " is not published").doesNotContainKey("ports");
            }
        }
        Properties gateway = config("gateway");
        Map<String, Object> gatewayEnv = (Map<String, Object>) ((Map<String, Object>) services.get("gateway")).get("environment");
        for (String service : List.of("customer-master", "contribution-scoring", "manager-assignment")) {
            String url = String.valueOf(gatewayEnv.get(envName("ecif.gateway." + service + "-url")));
            assertThat(url).isEqualTo("http://" + service + ":" + config(service).getProperty("quarkus.http.port"));
            assertThat(gateway.getProperty("ecif.gateway." + service + "-url")).endsWith(":" + config(service).getProperty("quarkus.http.port"));
        }
    }

    @Test
    void everyConsumedTopicIsPublishedBySomeService() throws IOException {
        Set<String> published = new HashSet<>();
        Set<String> consumed = new HashSet<>();
        for (String service : SERVICES) {
            Properties p = config(service);
            String topics = p.getProperty("ecif.outbox.topics");
            if (topics != null) {
                published.addAll(List.of(topics.split(",")));
            }
            for (String key : p.stringPropertyNames()) {
                if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topic")) {
                    consumed.add(p.getProperty(key));
                }
            }
        }
        assertThat(published).contains("ecif.customer.v1", "ecif.tier.v1", "ecif.ownership.v1");
        assertThat(published).containsAll(consumed);
    }
}
