package org.ecifhub.customermaster.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Map;
import java.util.Set;

@ConfigMapping(prefix = "ecif.customer-master")
public interface CustomerMasterConfig {

    /** The source systems whose feeds are accepted. */
    @WithDefault("DEPOSIT,LOAN,EBANK")
    Set<String> sources();

    /** The most records one synchronous feed request may carry; larger files go through bulk import. */
    @WithDefault("1000")
    int maxBatchRecords();

    /** Where uploaded bulk import files are kept while they are consolidated. */
    @WithDefault("${java.io.tmpdir}/ecif-imports")
    String importDirectory();

    /** Source trust for survivorship (see SourceTrust): which system is believed first, per attribute. */
    Trust trust();

    interface Trust {
        @WithDefault("LOAN,DEPOSIT,EBANK")
        List<String> defaultOrder();

        /** e.g. {@code ecif.customer-master.trust.by-attribute.phone=EBANK,LOAN,DEPOSIT} */
        Map<String, List<String>> byAttribute();
    }
}
