package org.ecifhub.customermaster;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "org.ecifhub.customermaster", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The domain knows nothing of JAX-RS, Kafka, messaging, Hibernate/Panache or the other layers. */
    @ArchTest
    static final ArchRule domainIsPlainJava = noClasses().that().resideInAPackage("..domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "jakarta.ws.rs..", "org.apache.kafka..", "io.smallrye.reactive.messaging..",
                    "org.eclipse.microprofile.reactive.messaging..", "io.quarkus..", "jakarta.persistence..",
                    "org.hibernate..", "jakarta.transaction..", "com.fasterxml.jackson..",
                    "..rest..", "..persistence..", "..messaging..", "..service..");
}
