package org.ecifhub.gateway.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A list query (名单制营销): which customers, across customer-master (branch, attributes, holdings, data quality),
 * contribution-scoring (tier, score) and manager-assignment (owners). Every criterion is optional and they all
 * combine; a list (tiers, productsHeld, ...) matches on any of its values, except {@code productsHeld} and
 * {@code qualityFlags}, which must all be there.
 *
 * @param branch          home branch (归属机构)
 * @param tiers           any of these tiers
 * @param owner           a staff id among the customer's current owners
 * @param partyType       PERSON or ORGANIZATION
 * @param productsHeld    product categories the customer holds, all of them
 * @param productsNotHeld product categories the customer holds none of
 * @param depositBalance  total deposit balance within the range
 * @param loanBalance     total loan balance within the range
 * @param wealthBalance   total wealth-management balance within the range
 * @param qualityFlags    data-quality flags the customer's attributes carry, all of them
 * @param page            page number from 0 (JSON answers only)
 * @param size            page size (JSON answers only)
 * @param sort            the order of the list
 */
public record ListCriteria(String branch, List<String> tiers, String owner, String partyType,
                           List<String> productsHeld, List<String> productsNotHeld, Range depositBalance,
                           Range loanBalance, Range wealthBalance, List<String> qualityFlags, int page, int size,
                           Sort sort) {

    public static final int MAX_PAGE_SIZE = 500;
    public static final int DEFAULT_PAGE_SIZE = 50;

    public static final Set<String> TIERS = Set.of("PRIVILEGE", "EXCELLENT", "POTENTIAL", "GENERAL");
    public static final Set<String> PARTY_TYPES = Set.of("PERSON", "ORGANIZATION");

    public ListCriteria {
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
        productsHeld = productsHeld == null ? List.of() : List.copyOf(productsHeld);
        productsNotHeld = productsNotHeld == null ? List.of() : List.copyOf(productsNotHeld);
        qualityFlags = qualityFlags == null ? List.of() : List.copyOf(qualityFlags);
        sort = sort == null ? Sort.DEFAULT : sort;
    }

    /**
     * The criteria narrowed to the caller's data scope: a branch role's list is its branch's, a customer manager's
     * the customers they own. Empty when the criteria ask for customers outside the scope (another branch, another
     * owner) or the token lacks the claim the scope needs.
     */
    public Optional<ListCriteria> scopedTo(Caller caller) {
        return switch (caller.scope()) {
            case ALL -> Optional.of(this);
            case BRANCH -> caller.branch() == null || (branch != null && !branch.equals(caller.branch()))
                    ? Optional.empty() : Optional.of(narrowedTo(caller.branch(), null));
            case OWNED -> caller.staff() == null || (owner != null && !owner.equals(caller.staff()))
                    ? Optional.empty() : Optional.of(narrowedTo(null, caller.staff()));
            case NONE -> Optional.empty();
        };
    }

    /** The same criteria limited to {@code branchCode} and/or to the customers {@code staffId} owns. */
    private ListCriteria narrowedTo(String branchCode, String staffId) {
        return new ListCriteria(branchCode != null ? branchCode : branch, tiers, staffId != null ? staffId : owner,
                partyType, productsHeld, productsNotHeld, depositBalance, loanBalance, wealthBalance, qualityFlags,
                page, size, sort);
    }

    /** An amount range; either end may be open. */
    public record Range(BigDecimal min, BigDecimal max) {
    }

    /** A sort key and direction; the customer number breaks ties so that pages never overlap. */
    public record Sort(SortKey key, boolean descending) {
        public static final Sort DEFAULT = new Sort(SortKey.customerNumber, false);

        /** Parses {@code key} or {@code key,asc|desc}. */
        public static Optional<Sort> parse(String text) {
            String[] parts = text.strip().split("\\s*,\\s*");
            if (parts.length > 2) {
                return Optional.empty();
            }
            Optional<SortKey> key = SortKey.parse(parts[0]);
            if (key.isEmpty()) {
                return Optional.empty();
            }
            if (parts.length == 1) {
                return Optional.of(new Sort(key.get(), false));
            }
            return switch (parts[1].toLowerCase(java.util.Locale.ROOT)) {
                case "asc" -> Optional.of(new Sort(key.get(), false));
                case "desc" -> Optional.of(new Sort(key.get(), true));
                default -> Optional.empty();
            };
        }
    }

    /** What a list can be sorted by. */
    public enum SortKey {
        customerNumber, name, branch, tier, score, depositBalance, loanBalance, wealthBalance;

        static Optional<SortKey> parse(String s) {
            for (SortKey k : values()) {
                if (k.name().equals(s)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /** One refused criterion: the field (JSON path in the body) and why. */
    public record Invalid(String field, String reason) {
    }

    /** The first thing wrong with these criteria, if any. */
    public Optional<Invalid> validate() {
        for (String t : tiers) {
            if (!TIERS.contains(t)) {
                return Optional.of(new Invalid("tiers", "must be among " + sorted(TIERS) + ", not " + t));
            }
        }
        if (partyType != null && !PARTY_TYPES.contains(partyType)) {
            return Optional.of(new Invalid("partyType", "must be PERSON or ORGANIZATION"));
        }
        for (String p : productsHeld) {
            if (!ProductCategory.isKnown(p)) {
                return Optional.of(new Invalid("productsHeld", "unknown product category " + p + "; one of "
                        + ProductCategory.names()));
            }
        }
        for (String p : productsNotHeld) {
            if (!ProductCategory.isKnown(p)) {
                return Optional.of(new Invalid("productsNotHeld", "unknown product category " + p + "; one of "
                        + ProductCategory.names()));
            }
            if (productsHeld.contains(p)) {
                return Optional.of(new Invalid("productsNotHeld", p + " is also in productsHeld"));
            }
        }
        for (String f : qualityFlags) {
            if (!QualityFlags.isKnown(f)) {
                return Optional.of(new Invalid("qualityFlags", "unknown data-quality flag " + f + "; one of "
                        + QualityFlags.names()));
            }
        }
        Optional<Invalid> range = checkRange("depositBalance", depositBalance);
        if (range.isEmpty()) {
            range = checkRange("loanBalance", loanBalance);
        }
        if (range.isEmpty()) {
            range = checkRange("wealthBalance", wealthBalance);
        }
        if (range.isPresent()) {
            return range;
        }
        if (page < 0) {
            return Optional.of(new Invalid("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            return Optional.of(new Invalid("size", "must be between 1 and " + MAX_PAGE_SIZE
                    + "; use the CSV export for longer lists"));
        }
        return Optional.empty();
    }

    private static Optional<Invalid> checkRange(String field, Range r) {
        if (r == null) {
            return Optional.empty();
        }
        if (r.min() != null && r.max() != null && r.min().compareTo(r.max()) > 0) {
            return Optional.of(new Invalid(field + ".min", "must not be greater than " + field + ".max"));
        }
        return Optional.empty();
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }
}
