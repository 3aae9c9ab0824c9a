package org.ecifhub.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "ecif.gateway")
public interface GatewayConfig {

    String customerMasterUrl();

    String contributionScoringUrl();

    String managerAssignmentUrl();

    /** How long a service may take to answer before the gateway answers 504 for it. */
    @WithDefault("10s")
    Duration timeout();
}
