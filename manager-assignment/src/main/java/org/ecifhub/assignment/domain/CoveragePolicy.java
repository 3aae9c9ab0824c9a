package org.ecifhub.assignment.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Who should own a customer (the coverage policy). Defaults, all configurable:
 * <ul>
 *   <li>PRIVILEGE: a customer manager of grade {@code privilegeGrade} (SENIOR) as PRIMARY;</li>
 *   <li>EXCELLENT: a customer manager of grade {@code excellentGrade} (MANAGER) or above as PRIMARY;</li>
 *   <li>POTENTIAL: the home branch (role BRANCH; the branch's staff work the pool);</li>
 *   <li>GENERAL: a teller of the home branch (role TELLER), or the branch when it has none;</li>
 *   <li>core customers get a team of two: a PRIMARY as above plus a SECONDARY customer manager of grade
 *       {@code secondaryGrade} (TRAINEE) or above. A customer is core when it is PRIVILEGE with a contribution
 *       of at least {@code corePrivilegeMinScore}, or an ORGANIZATION whose deposits plus loans reach
 *       {@code coreCorporateMinHoldings} (a large corporate customer, which gets a PRIMARY of grade
 *       {@code excellentGrade} or above whatever its tier).</li>
 * </ul>
 * Choosing a person, in order: the current owner when still eligible (ACTIVE or ON_LEAVE, right role and grade,
 * at the home branch or a neighbouring one); then someone who owned the customer before, most recent first; then
 * the least loaded (customers owned / capacity) with room at the home branch; then at the neighbouring branches,
 * nearest first. When no one fits, the branch owns the customer, so nobody is ever left unowned.
 */
public final class CoveragePolicy {

    public record Settings(Grade privilegeGrade, Grade excellentGrade, Grade secondaryGrade,
                           BigDecimal corePrivilegeMinScore, BigDecimal coreCorporateMinHoldings,
                           boolean useNeighbours) {

        public static Settings defaults() {
            return new Settings(Grade.SENIOR, Grade.MANAGER, Grade.TRAINEE, new BigDecimal("50000"),
                    new BigDecimal("50000000"), true);
        }
    }

    /** One owner the policy wants, and why. */
    public record Assignment(Owner owner, String reason) {
    }

    /** The owners the policy wants: one main owner (PRIMARY, BRANCH or TELLER) and, for core customers, a SECONDARY. */
    public record Decision(List<Assignment> owners) {

        public Optional<Assignment> in(OwnerRole role) {
            return owners.stream().filter(a -> a.owner().role() == role).findFirst();
        }
    }

    /**
     * The staff the policy may choose from.
     *
     * @param candidates   staff of the home branch and its neighbours (any status; the policy filters)
     * @param branchOrder  the home branch first, then its neighbours, nearest first
     */
    public record Pool(List<Candidate> candidates, List<String> branchOrder) {
    }

    private final Settings settings;

    public CoveragePolicy(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    public boolean isCore(CustomerFacts c) {
        boolean privilegeCore = "PRIVILEGE".equals(c.tier()) && c.score() != null
                && c.score().compareTo(settings.corePrivilegeMinScore()) >= 0;
        return privilegeCore || isLargeCorporate(c);
    }

    public boolean isLargeCorporate(CustomerFacts c) {
        return "ORGANIZATION".equals(c.partyType()) && c.holdings().compareTo(settings.coreCorporateMinHoldings()) >= 0;
    }

    /**
     * @param current       the customer's current owners
     * @param previousStaff staff who owned the customer before (or the customer it was split from), most recent first
     * @param excluded      staff who must not be chosen (e.g. the one departing)
     */
    public Decision decide(CustomerFacts customer, List<Owner> current, List<String> previousStaff, Pool pool,
                           Set<String> excluded) {
        String home = customer.branchCode();
        String tier = customer.tier();
        if (tier == null) {
            return new Decision(List.of(new Assignment(Owner.branch(home), "no tier yet: the home branch owns the customer")));
        }
        boolean core = isCore(customer);
        List<String> managerScope = settings.useNeighbours() ? pool.branchOrder() : List.of(home);
        Predicate<Candidate> primaryFits;
        String wantedWhat;
        List<String> scope = managerScope;
        OwnerRole role = OwnerRole.PRIMARY;
        if ("PRIVILEGE".equals(tier)) {
            primaryFits = c -> c.isManagerOfAtLeast(settings.privilegeGrade());
            wantedWhat = settings.privilegeGrade() + " customer manager";
        } else if ("EXCELLENT".equals(tier) || isLargeCorporate(customer)) {
            primaryFits = c -> c.isManagerOfAtLeast(settings.excellentGrade());
            wantedWhat = "customer manager of grade " + settings.excellentGrade() + " or above";
        } else if ("POTENTIAL".equals(tier)) {
            return new Decision(List.of(new Assignment(Owner.branch(home), "POTENTIAL: the home branch works the pool")));
        } else {
            primaryFits = c -> c.role() == StaffRole.TELLER;
            wantedWhat = "teller";
            scope = List.of(home);
            role = OwnerRole.TELLER;
        }
        List<Assignment> owners = new ArrayList<>();
        Optional<Assignment> primary = choose(role, primaryFits, wantedWhat, current, previousStaff, pool, scope,
                excluded, Set.of());
        if (primary.isEmpty()) {
            owners.add(new Assignment(Owner.branch(home), "no eligible " + wantedWhat + " at " + home
                    + (scope.size() > 1 ? " or its neighbours" : "") + ": the home branch owns the customer"));
            return new Decision(owners);
        }
        owners.add(primary.get());
        if (core && role == OwnerRole.PRIMARY) {
            String primaryId = primary.get().owner().ownerId();
            choose(OwnerRole.SECONDARY, c -> c.isManagerOfAtLeast(settings.secondaryGrade()),
                    "core customer: second customer manager", current, previousStaff, pool, managerScope, excluded,
                    Set.of(primaryId)).ifPresent(owners::add);
        }
        return new Decision(owners);
    }

    private Optional<Assignment> choose(OwnerRole role, Predicate<Candidate> fits, String wantedWhat, List<Owner> current,
                                        List<String> previousStaff, Pool pool, List<String> scope,
                                        Set<String> excluded, Set<String> avoid) {
        Predicate<Candidate> allowed = c -> fits.test(c) && scope.contains(c.branchCode())
                && !excluded.contains(c.staffId()) && !avoid.contains(c.staffId());
        // 1. The current owner, same role first (a secondary may step up to primary), while still eligible.
        List<Owner> currentStaff = current.stream().filter(o -> "STAFF".equals(o.ownerType()))
                .sorted(Comparator.comparing((Owner o) -> o.role() != role)).toList();
        for (Owner o : currentStaff) {
            Optional<Candidate> c = find(pool, o.ownerId()).filter(allowed).filter(x -> x.status().keepsCustomers());
            if (c.isPresent()) {
                return Optional.of(new Assignment(Owner.staff(role, o.ownerId()), o.role() == role
                        ? "current " + role + " still eligible" : "current " + o.role() + " steps up to " + role));
            }
        }
        // 2. Someone who owned the customer before.
        for (String staffId : previousStaff) {
            Optional<Candidate> c = find(pool, staffId).filter(allowed)
                    .filter(x -> x.status() == StaffStatus.ACTIVE && x.hasRoom());
            if (c.isPresent()) {
                return Optional.of(new Assignment(Owner.staff(role, staffId),
                        "owned the customer before (" + wantedWhat + ")"));
            }
        }
        // 3. The least loaded with room, at the home branch, then at the neighbours, nearest first.
        for (String branch : scope) {
            Optional<Candidate> c = pool.candidates().stream().filter(allowed)
                    .filter(x -> x.branchCode().equals(branch) && x.status() == StaffStatus.ACTIVE && x.hasRoom())
                    .min(Comparator.comparingDouble(Candidate::utilisation).thenComparing(Candidate::staffId));
            if (c.isPresent()) {
                boolean home = branch.equals(scope.get(0));
                return Optional.of(new Assignment(Owner.staff(role, c.get().staffId()), "least loaded " + wantedWhat
                        + (home ? " at the home branch " : " at neighbouring branch ") + branch + " ("
                        + c.get().load() + "/" + c.get().capacity() + ")"));
            }
        }
        return Optional.empty();
    }

    private static Optional<Candidate> find(Pool pool, String staffId) {
        return pool.candidates().stream().filter(c -> c.staffId().equals(staffId)).findFirst();
    }
}
