package org.ecifhub.support.arch;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Architecture rules every service keeps, checked by each service's ArchUnit test. */
public final class LayerRules {

    private LayerRules() {
    }

    /** The domain knows nothing of JAX-RS, Kafka, messaging, Vert.x, Hibernate/Panache, Jackson or other layers. */
    public static final ArchRule DOMAIN_IS_PLAIN_JAVA = noClasses().that().resideInAPackage("..domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "jakarta.ws.rs..", "org.apache.kafka..", "io.smallrye.reactive.messaging..",
                    "org.eclipse.microprofile.reactive.messaging..", "io.quarkus..", "io.vertx..",
                    "jakarta.persistence..", "org.hibernate..", "jakarta.transaction..", "com.fasterxml.jackson..",
                    "..rest..", "..persistence..", "..messaging..", "..service..")
            .because("the domain must stay testable and portable without frameworks");
}
