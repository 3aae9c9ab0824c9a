package org.ecifhub.gateway.domain;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which service answers a public path. The first matching rule wins, so the narrower customer sub-resources
 * (score, owners) come before the customer itself.
 */
public final class RouteTable {

    private record Rule(Pattern path, Service service) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("^/api/v1/customers/[^/]+/(score|tier-override)(/.*)?$"),
                    Service.CONTRIBUTION_SCORING),
            new Rule(Pattern.compile("^/api/v1/scoring(/.*)?$"), Service.CONTRIBUTION_SCORING),
            new Rule(Pattern.compile("^/api/v1/customers/[^/]+/owners(/.*)?$"), Service.MANAGER_ASSIGNMENT),
            new Rule(Pattern.compile("^/api/v1/(staff|visits|assignment|branches)(/.*)?$"), Service.MANAGER_ASSIGNMENT),
            new Rule(Pattern.compile("^/api/v1/(feeds|customers|xref|imports|stewardship|data-quality)(/.*)?$"),
                    Service.CUSTOMER_MASTER));

    /** Paths the gateway answers itself: list queries, the unified view, the change stream, the audit log. */
    private static final Pattern GATEWAY_OWN = Pattern.compile(
            "^/api/v1/(customers/query(/export)?|customers/[^/]+/view|stream(/.*)?|audit(/.*)?)$");

    private RouteTable() {
    }

    /** Whether the gateway answers {@code path} itself rather than forwarding it. */
    public static boolean answeredByGateway(String path) {
        return GATEWAY_OWN.matcher(path).matches();
    }

    public static Optional<Service> serviceFor(String path) {
        return RULES.stream().filter(r -> r.path().matcher(path).matches()).map(Rule::service).findFirst();
    }
}
