package org.ecifhub.systemtests;

import org.ecifhub.support.hub.HubServices;
import org.ecifhub.support.infra.Os;
import org.ecifhub.support.infra.TestInfrastructure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The four services as separate JVMs built by this reactor, on free ports, against the tests' PostgreSQL and Kafka. */
final class SystemHub {

    private SystemHub() {
    }

    static HubServices start(TestInfrastructure infra) {
        Path root = Path.of(System.getProperty("ecif.project.root", ".."));
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String s : List.of(HubServices.GATEWAY, HubServices.CUSTOMER_MASTER, HubServices.CONTRIBUTION_SCORING,
                HubServices.MANAGER_ASSIGNMENT)) {
            ports.put(s, Os.freePort());
        }
        HubServices hub = new HubServices(new HubServices.Settings(root, infra.directory().path().resolve("logs"),
                infra.jdbcUrl(), infra.kafkaBootstrapServers(), ports, "384m", Duration.ofSeconds(120)),
                infra.directory()::recordChild);
        hub.startAll();
        return hub;
    }
}
