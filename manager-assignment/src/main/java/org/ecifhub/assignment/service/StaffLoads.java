package org.ecifhub.assignment.service;

import jakarta.inject.Inject;
import jakarta.transaction.TransactionScoped;
import org.ecifhub.assignment.domain.Candidate;
import org.ecifhub.assignment.domain.Owner;
import org.ecifhub.assignment.persistence.BranchRepository;
import org.ecifhub.assignment.persistence.StaffEntity;
import org.ecifhub.assignment.persistence.StaffRepository;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The staff loads one transaction decides with. Capacity is only safe if no two transactions read the same
 * manager's load and both give them a customer, so the first read of a branch's staff takes that branch's
 * assignment lock ({@link BranchRepository#lockForAssignment}) until the transaction ends; the loads are then
 * read once and kept current in memory as this transaction moves customers ({@link #moved}), which also spares a
 * load query per customer when a transaction assigns many.
 */
@TransactionScoped
public class StaffLoads implements Serializable {

    @Inject
    StaffRepository staff;
    @Inject
    BranchRepository branches;

    private final Set<String> locked = new HashSet<>();
    private final Set<String> planned = new HashSet<>();
    private final Map<String, List<String>> orders = new HashMap<>();
    private final Map<String, List<String>> staffOfBranch = new HashMap<>();
    private final Map<String, Candidate> byStaff = new LinkedHashMap<>();
    private final Map<String, List<Candidate>> membersOfBranch = new HashMap<>();
    private boolean proposalsOnly;

    /**
     * Decisions in this transaction are proposals, not applied (a hand-over plan): loads are read without the
     * lock, since applying re-checks them under it.
     */
    public void proposalsOnly() {
        proposalsOnly = true;
    }

    /** The home branch, then its neighbours, nearest first. */
    public List<String> order(String home) {
        return orders.computeIfAbsent(home, branches::order);
    }

    /**
     * Branches this transaction may give customers in (a chunk's, a page's): their locks are all taken together,
     * in the global order, when the first of them is needed, so a transaction that takes several never waits for
     * one while holding a later one; a chunk in which nobody moves takes none.
     */
    public void mayAssignIn(Collection<String> branchCodes) {
        branchCodes.stream().filter(java.util.Objects::nonNull).forEach(planned::add);
    }

    /** Takes the assignment locks of the branches not held yet; many at once lock in the global order. */
    public void lock(Collection<String> branchCodes) {
        if (proposalsOnly) {
            return;
        }
        Set<String> wanted = new HashSet<>(branchCodes);
        wanted.addAll(planned);
        planned.clear();
        List<String> missing = wanted.stream().filter(b -> b != null && !locked.contains(b)).toList();
        if (!missing.isEmpty()) {
            branches.lockForAssignment(missing);
            locked.addAll(missing);
        }
    }

    /** Staff of the branches in that order (each branch's by staff id), with their loads, under the branches' locks. */
    public List<Candidate> candidates(List<String> branchOrder) {
        lock(branchOrder);
        List<String> unknown = branchOrder.stream().filter(b -> !staffOfBranch.containsKey(b)).distinct().toList();
        if (!unknown.isEmpty()) {
            staff.flush(); // loads are counted in the database: this transaction's own moves first
            unknown.forEach(b -> staffOfBranch.put(b, new ArrayList<>()));
            for (Candidate c : staff.candidates(unknown)) {
                staffOfBranch.get(c.branchCode()).add(c.staffId());
                byStaff.put(c.staffId(), c);
            }
        }
        List<Candidate> result = new ArrayList<>();
        for (String b : branchOrder) {
            staffOfBranch.get(b).forEach(id -> result.add(byStaff.get(id)));
        }
        return result;
    }

    /**
     * Staff of the branches in that order, without their loads (load 0) and without the lock: enough to see that a
     * customer keeps its owners (the policy keeps an eligible current owner whatever the loads), which is most
     * customers of a re-evaluation; counting what everyone owns is left to the decisions that move someone.
     */
    public List<Candidate> members(List<String> branchOrder) {
        List<String> unknown = branchOrder.stream().filter(b -> !membersOfBranch.containsKey(b)).distinct().toList();
        if (!unknown.isEmpty()) {
            unknown.forEach(b -> membersOfBranch.put(b, new ArrayList<>()));
            staff.members(unknown).forEach(c -> membersOfBranch.get(c.branchCode()).add(c));
        }
        List<Candidate> result = new ArrayList<>();
        branchOrder.forEach(b -> result.addAll(membersOfBranch.get(b)));
        return result;
    }

    /** One staff member as a candidate, with their load, under their branch's lock. */
    public Optional<Candidate> candidate(String staffId) {
        Candidate known = byStaff.get(staffId);
        if (known != null) {
            return Optional.of(known);
        }
        StaffEntity s = staff.findById(staffId);
        if (s == null) {
            return Optional.empty();
        }
        candidates(List.of(s.branchCode));
        return Optional.ofNullable(byStaff.get(staffId));
    }

    /** A customer left the {@code ended} owners and went to the {@code opened} ones (in this transaction). */
    public void moved(List<Owner> ended, List<Owner> opened) {
        ended.forEach(o -> add(o, -1));
        opened.forEach(o -> add(o, 1));
    }

    private void add(Owner o, long delta) {
        if ("STAFF".equals(o.ownerType())) {
            byStaff.computeIfPresent(o.ownerId(), (id, c) -> new Candidate(c.staffId(), c.branchCode(), c.role(),
                    c.grade(), c.status(), c.capacity(), c.load() + delta));
        }
    }
}
