package org.ecifhub.assignment.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
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
}
