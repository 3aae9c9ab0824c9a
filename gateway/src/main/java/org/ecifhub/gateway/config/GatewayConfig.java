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

        Store store();
    }

    /**
     * The services' answers behind the unified view, stored per customer and section in the gateway's database and
     * read again in the background when an event says the customer changed (see gateway/README.md, "Unified view
     * store", for the freshness this gives).
     */
    interface Store {

        /** Off, every view asks the services (and nothing is stored). */
        @WithDefault("true")
        boolean enabled();

        /**
         * The safety net for changes no event announces (an end-of-day or model re-scoring that leaves the tier as
         * it was): an answer read longer ago than this is read again in the background, and answered until then.
         */
        @WithDefault("24h")
        Duration maxAge();

        /** How often the store is searched for answers older than {@link #maxAge()}. */
        @WithDefault("1m")
        Duration agedScanInterval();

        /**
         * Score and owners are recomputed by scoring and assignment from the same customer and tier events the
         * gateway follows; a customer named by one is read again in the background only this long after, when the
         * services have applied it (a view asked for in between reads the services, as it would without the store).
         */
        @WithDefault("5s")
        Duration derivedSettle();

        /** Customers read by the background refresh at once (five service calls each). */
        @WithDefault("4")
        int refreshConcurrency();

        /** How long a customer whose refresh failed (a service down) waits before the next attempt. */
        @WithDefault("30s")
        Duration retryDelay();

        /** The topics whose events say a customer's view changed. */
        @WithDefault("ecif.customer.v1,ecif.tier.v1,ecif.ownership.v1")
        List<String> topics();

        /**
         * When no gateway has applied a poll of the topics for this long (Kafka or the feeders down), nothing keeps
         * the store honest: views ask the services and nothing is stored until the events are followed again.
         */
        @WithDefault("30s")
        Duration feedSilence();

        /**
         * How long a view waits for the store before asking the services instead (a slow or unreachable database
         * must not hold the view up).
         */
        @WithDefault("250ms")
        Duration readTimeout();

        /**
         * The store is shared by every gateway instance, and so is this consumer group: each event is applied once,
         * by whichever instance holds its partition, from the first event on.
         */
        @WithDefault("gateway-view-store")
        String consumerGroup();
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
