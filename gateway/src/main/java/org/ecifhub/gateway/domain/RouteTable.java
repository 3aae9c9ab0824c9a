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
            new Rule(Pattern.compile("^/api/v1/customers/[^/]+/score(/.*)?$"), Service.CONTRIBUTION_SCORING),
            new Rule(Pattern.compile("^/api/v1/scoring(/.*)?$"), Service.CONTRIBUTION_SCORING),
            new Rule(Pattern.compile("^/api/v1/customers/[^/]+/owners(/.*)?$"), Service.MANAGER_ASSIGNMENT),
            new Rule(Pattern.compile("^/api/v1/(staff|visits|assignment|branches)(/.*)?$"), Service.MANAGER_ASSIGNMENT),
            new Rule(Pattern.compile("^/api/v1/(feeds|customers|xref|imports|stewardship|data-quality)(/.*)?$"),
                    Service.CUSTOMER_MASTER));

    private RouteTable() {
    }

    public static Optional<Service> serviceFor(String path) {
        return RULES.stream().filter(r -> r.path().matcher(path).matches()).map(Rule::service).findFirst();
    }
}
