package org.ecifhub.gateway;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.ecifhub.support.arch.LayerRules;

@AnalyzeClasses(packages = "org.ecifhub.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsPlainJava = LayerRules.DOMAIN_IS_PLAIN_JAVA;
}
