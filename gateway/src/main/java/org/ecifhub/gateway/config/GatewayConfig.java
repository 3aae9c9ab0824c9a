package org.ecifhub.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Set;

@ConfigMapping(prefix = "ecif.gateway")
public interface GatewayConfig {

    String customerMasterUrl();

    String contributionScoringUrl();

    String managerAssignmentUrl();

    /** How long a service may take to answer before the gateway answers 504 for it. */
    @WithDefault("10s")
    Duration timeout();

    Security security();

    View view();

    Stream stream();

    Limits limits();

    interface Limits {

        /** Requests a second one client (token subject, or address without a token) may make on average. */
        @WithDefault("200")
        double ratePerSecond();

        /** Requests one client may make at once. */
        @WithDefault("400")
        int burst();

        /**
         * Largest request body, except bulk imports ({@code POST /api/v1/feeds/{source}/imports}), which stream
         * through to customer-master whatever their size.
         */
        @WithDefault("10M")
        io.quarkus.runtime.configuration.MemorySize maxRequestBody();
    }

    interface Security {

        /**
         * Whether callers need a bearer token. Off, the gateway forwards every request unmasked, as before
         * security existed: only for a closed test network.
         */
        @WithDefault("true")
        boolean enabled();

        /** Roles cleared to see unmasked personal data (when they also say why, in the reason header). */
        @WithDefault("SYSTEM,HEAD_OFFICE,BRANCH_MANAGER,CUSTOMER_MANAGER,STEWARD")
        Set<String> clearedRoles();

        /** The request header that carries why a cleared caller needs unmasked data. */
        @WithDefault("X-Access-Reason")
        String reasonHeader();
    }

    interface View {

        /** How long each service may take to answer its section of the unified view. */
        @WithDefault("2s")
        Duration sectionTimeout();

        /** Calls in the breaker's rolling window before it may open. */
        @WithDefault("10")
        int breakerVolume();

        /** Share of failed calls in the window that opens the breaker. */
        @WithDefault("0.5")
        double breakerFailureRatio();

        /** How long an open breaker stays open before trying again. */
        @WithDefault("10s")
        Duration breakerDelay();

        Cache cache();
    }

    /**
     * The services' raw answers behind the unified view, kept per customer and section and dropped when an event
     * says the customer changed (see gateway/README.md, "Unified view cache", for the freshness this gives).
     */
    interface Cache {

        /** Off, every view asks the services. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Most customers held (their least recently used go first). Kept as JSON text: in the benchmark 20,000
         * customers took about 120 MB of heap.
         */
        @WithDefault("50000")
        long maxCustomers();

        /**
         * The safety net: an answer older than this is asked for again even without an event, which bounds how
         * stale a change that no event announces can get (end-of-day re-scoring that leaves the tier as it was).
         */
        @WithDefault("5m")
        Duration ttl();

        /**
         * Score and owners are recomputed by scoring and assignment after they consume the same customer or tier
         * event the gateway sees; read in between, the old value would be cached again. So those events drop the
         * customer once more this long after they arrived: long enough for the services to have applied them.
         */
        @WithDefault("5s")
        Duration derivedSettle();

        /** The topics whose events drop a customer's cached sections. */
        @WithDefault("ecif.customer.v1,ecif.tier.v1,ecif.ownership.v1")
        List<String> topics();

        /**
         * Each gateway instance reads every event for itself (its own consumer group: this prefix and a random
         * suffix), from the newest on; until it is following the topics the cache is bypassed.
         */
        @WithDefault("gateway-view-cache")
        String consumerGroupPrefix();
    }

    interface Stream {

        /** Whether the gateway consumes the event topics into its change journal. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("ecif.customer.v1,ecif.tier.v1,ecif.ownership.v1")
        List<String> topics();

        @WithDefault("gateway-change-stream")
        String consumerGroup();

        /** How often an open stream looks for new changes in the journal. */
        @WithDefault("500ms")
        Duration pollInterval();

        /** Comment lines sent on an idle stream so that proxies keep it open. */
        @WithDefault("15s")
        Duration heartbeat();

        /** How long the journal keeps events, i.e. how far back a client can resume. */
        @WithDefault("7d")
        Duration retention();
    }
}
