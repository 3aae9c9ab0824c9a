package org.ecifhub.gateway.domain;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which role may do what at which public path. The first rule whose method and path match decides; a path no
 * rule names is refused. Customer paths ({@code /api/v1/customers/{n}/...}) are also subject to the caller's data
 * scope, which {@link Decision#scopedCustomer()} names for the gateway to check against the customer's branch and
 * owners; a branch-scoped search has its branch forced to the caller's ({@link Decision#forceBranch()}), a customer
 * manager's search is limited to the customers they own ({@link Decision#forceOwner()}).
 */
public final class AccessPolicy {

    private static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);
    private static final Set<String> READ = Set.of("GET", "HEAD");
    private static final Set<String> WRITE = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> ANY = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    private static final String CUSTOMER = "/api/v1/customers/([^/]+)";

    private record Rule(Set<String> methods, Pattern path, Set<Role> roles, boolean customerScoped,
                        boolean branchForced) {
    }

    private static Rule rule(Set<String> methods, String regex, Set<Role> roles) {
        return new Rule(methods, Pattern.compile("^" + regex + "$"), roles, regex.startsWith(CUSTOMER), false);
    }

    private static final List<Rule> RULES = List.of(
            rule(READ, "/api/v1/audit(/.*)?", EnumSet.of(Role.AUDITOR)),
            rule(READ, "/api/v1/stream(/.*)?", EVERYONE),
            // List queries read (POST only carries the criteria); the caller's data scope narrows the list itself.
            rule(Set.of("POST"), "/api/v1/customers/query(/export)?", EVERYONE),
            // Feeds and bulk imports come from other bank systems only.
            rule(WRITE, "/api/v1/feeds(/.*)?", EnumSet.of(Role.SYSTEM)),
            rule(READ, "/api/v1/(feeds|imports)(/.*)?", EnumSet.of(Role.SYSTEM, Role.OPS, Role.STEWARD)),
            // Stewardship: merges, splits and the duplicate queue.
            rule(ANY, "/api/v1/stewardship(/.*)?", EnumSet.of(Role.STEWARD)),
            rule(WRITE, CUSTOMER + "/(merge|split)", EnumSet.of(Role.STEWARD)),
            rule(WRITE, CUSTOMER + "/(tier-override|owners)(/.*)?", EnumSet.of(Role.HEAD_OFFICE, Role.BRANCH_MANAGER)),
            rule(WRITE, CUSTOMER + "/(relationships|profile)(/.*)?",
                    EnumSet.of(Role.STEWARD, Role.BRANCH_MANAGER, Role.CUSTOMER_MANAGER)),
            rule(READ, CUSTOMER + "(/.*)?", EVERYONE),
            new Rule(READ, Pattern.compile("^/api/v1/customers/?$"), EVERYONE, false, true),
            rule(READ, "/api/v1/xref(/.*)?", EnumSet.of(Role.SYSTEM, Role.HEAD_OFFICE, Role.STEWARD)),
            rule(READ, "/api/v1/data-quality(/.*)?", EnumSet.of(Role.STEWARD, Role.HEAD_OFFICE, Role.OPS)),
            // The organisation: everyone reads it; the HR system and head office maintain it.
            rule(READ, "/api/v1/(staff|branches)(/.*)?", EVERYONE),
            rule(WRITE, "/api/v1/(staff|branches)(/.*)?", EnumSet.of(Role.SYSTEM, Role.HEAD_OFFICE)),
            rule(READ, "/api/v1/visits(/.*)?", EVERYONE),
            rule(WRITE, "/api/v1/visits(/.*)?", EnumSet.of(Role.CUSTOMER_MANAGER, Role.BRANCH_MANAGER)),
            rule(READ, "/api/v1/(assignment|scoring)(/.*)?", EnumSet.of(Role.HEAD_OFFICE, Role.OPS)),
            rule(WRITE, "/api/v1/(assignment|scoring)(/.*)?", EnumSet.of(Role.HEAD_OFFICE)));

    private AccessPolicy() {
    }

    /**
     * @param allowed        whether the caller's roles allow the request at all
     * @param scopedCustomer the customer number the caller's data scope must cover, or null when none applies
     * @param forceBranch    the branch a search must be limited to, or null
     * @param forceOwner     the staff id whose customers a search must be limited to, or null
     * @param reason         why a request is refused, for the problem detail
     */
    public record Decision(boolean allowed, String scopedCustomer, String forceBranch, String forceOwner,
                           String reason) {

        static Decision deny(String reason) {
            return new Decision(false, null, null, null, reason);
        }
    }

    public static Decision decide(String method, String path, Caller caller) {
        String m = method.toUpperCase(Locale.ROOT);
        for (Rule rule : RULES) {
            if (!rule.methods().contains(m)) {
                continue;
            }
            Matcher matcher = rule.path().matcher(path);
            if (!matcher.matches()) {
                continue;
            }
            if (!caller.hasAny(rule.roles())) {
                return Decision.deny("Your roles " + caller.roles() + " may not " + m + " " + path);
            }
            Caller.Scope scope = caller.scope();
            if (scope == Caller.Scope.NONE) {
                return Decision.deny("No data scope");
            }
            String customer = rule.customerScoped() && scope != Caller.Scope.ALL ? matcher.group(1) : null;
            String branch = null;
            String owner = null;
            if (rule.branchForced() && scope == Caller.Scope.OWNED) {
                if (caller.staff() == null) {
                    return Decision.deny("A customer manager's search needs a staff claim in the token");
                }
                owner = caller.staff();
            } else if (rule.branchForced() && scope != Caller.Scope.ALL) {
                if (caller.branch() == null) {
                    return Decision.deny("A branch-scoped search needs a branch claim in the token");
                }
                branch = caller.branch();
            }
            return new Decision(true, customer, branch, owner, null);
        }
        return Decision.deny("No role may " + m + " " + path);
    }

    /**
     * Whether a customer of {@code customerBranch}, currently owned by {@code ownerIds}, lies in the caller's
     * scope. A customer that does not exist is never in a restricted scope, so the answer cannot tell apart
     * "not yours" from "no such customer".
     */
    public static boolean inScope(Caller caller, boolean exists, String customerBranch, Set<String> ownerIds) {
        return switch (caller.scope()) {
            case ALL -> true;
            case BRANCH -> exists && caller.branch() != null && caller.branch().equals(customerBranch);
            case OWNED -> exists && caller.staff() != null && ownerIds.contains(caller.staff());
            case NONE -> false;
        };
    }
}
