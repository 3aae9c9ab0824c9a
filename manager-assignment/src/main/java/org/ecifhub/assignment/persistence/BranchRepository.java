package org.ecifhub.assignment.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

@ApplicationScoped
public class BranchRepository implements PanacheRepositoryBase<BranchEntity, String> {

    /** A branch exists once staff or customers name it. */
    public void ensure(String branchCode) {
        if (branchCode == null) {
            return;
        }
        getEntityManager().createNativeQuery("""
                        INSERT INTO branch (branch_code, neighbours, updated_at) VALUES (?1, '', ?2)
                        ON CONFLICT (branch_code) DO NOTHING""")
                .setParameter(1, branchCode).setParameter(2, OffsetDateTime.now()).executeUpdate();
    }

    /** The home branch, then its neighbours, nearest first. */
    public List<String> order(String home) {
        List<String> order = new ArrayList<>();
        order.add(home);
        BranchEntity b = findById(home);
        if (b != null) {
            b.neighbourList().stream().filter(n -> !order.contains(n)).forEach(order::add);
        }
        return order;
    }

    /** Every branch named, in one statement. */
    public void ensureAll(Collection<String> branchCodes) {
        List<String> codes = branchCodes.stream().filter(java.util.Objects::nonNull).distinct().sorted().toList();
        if (codes.isEmpty()) {
            return;
        }
        getEntityManager().unwrap(org.hibernate.Session.class).doWork(c -> {
            try (var s = c.prepareStatement("""
                    INSERT INTO branch (branch_code, neighbours, updated_at) SELECT b, '', now() FROM unnest(?) b
                    ON CONFLICT (branch_code) DO NOTHING""")) {
                s.setArray(1, c.createArrayOf("varchar", codes.toArray()));
                s.executeUpdate();
            }
        });
    }

    /**
     * Takes, until the transaction ends, the lock that decides who in these branches has room: every transaction
     * that reads staff loads to assign customers holds it for the branches of the staff it reads. Branches are
     * locked in one global order (by key) so two transactions locking several never deadlock on each other.
     */
    public void lockForAssignment(Collection<String> branchCodes) {
        branchCodes.stream().distinct().sorted(Comparator.comparingInt(BranchRepository::lockKey)
                        .thenComparing(Comparator.naturalOrder()))
                .forEach(b -> getEntityManager().createNativeQuery(
                                "SELECT 1 FROM (SELECT pg_advisory_xact_lock(?1, ?2)) l")
                        .setParameter(1, LOCK_CLASS).setParameter(2, lockKey(b)).getSingleResult());
    }

    /** The advisory-lock namespace of branch capacity locks ("ASGN"). */
    static final int LOCK_CLASS = 0x4153474E;

    static int lockKey(String branchCode) {
        return branchCode.hashCode();
    }
}
