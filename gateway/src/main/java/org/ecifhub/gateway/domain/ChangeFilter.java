package org.ecifhub.gateway.domain;

import java.util.Set;

/**
 * What a change-stream client asked for (event types, branch, tier; each empty means any) narrowed by what the
 * caller may see: a branch-scoped caller sees its own branch only, whatever it asked for; a customer manager the
 * changes of the customers they currently own ({@code owner}, their staff id, checked against the journal's
 * owners when reading it).
 */
public record ChangeFilter(Set<String> types, String branch, String tier, String owner) {

    public ChangeFilter {
        types = types == null ? Set.of() : Set.copyOf(types);
        branch = branch == null || branch.isBlank() ? null : branch.strip();
        tier = tier == null || tier.isBlank() ? null : tier.strip();
        owner = owner == null || owner.isBlank() ? null : owner.strip();
    }

    public ChangeFilter(Set<String> types, String branch, String tier) {
        this(types, branch, tier, null);
    }

    /** The filter narrowed to the caller's scope; an empty optional when the caller may see no change at all. */
    public java.util.Optional<ChangeFilter> scopedTo(Caller caller) {
        return switch (caller.scope()) {
            case ALL -> java.util.Optional.of(this);
            case BRANCH -> {
                if (caller.branch() == null || (branch != null && !branch.equals(caller.branch()))) {
                    yield java.util.Optional.empty();
                }
                yield java.util.Optional.of(new ChangeFilter(types, caller.branch(), tier, owner));
            }
            case OWNED -> caller.staff() == null || (owner != null && !owner.equals(caller.staff()))
                    ? java.util.Optional.empty()
                    : java.util.Optional.of(new ChangeFilter(types, branch, tier, caller.staff()));
            case NONE -> java.util.Optional.empty();
        };
    }

    /** Whether the event matches type, branch and tier (the owner is checked by the journal's query). */
    public boolean matches(ChangeEvent e) {
        return (types.isEmpty() || types.contains(e.eventType()))
                && (branch == null || branch.equals(e.branch()))
                && (tier == null || tier.equals(e.tier()));
    }
}
