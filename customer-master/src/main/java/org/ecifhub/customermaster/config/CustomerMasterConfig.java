package org.ecifhub.customermaster.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Set;

@ConfigMapping(prefix = "ecif.customer-master")
public interface CustomerMasterConfig {

    /** The source systems whose feeds are accepted. */
    @WithDefault("DEPOSIT,LOAN,EBANK")
    Set<String> sources();

    /** The most records one synchronous feed request may carry; larger files go through bulk import. */
    @WithDefault("1000")
    int maxBatchRecords();
}
