package org.ecifhub.scoring.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

@ApplicationScoped
public class CustomerScoreRepository implements PanacheRepositoryBase<CustomerScoreEntity, String> {

    public record Balance(String source, String accountId, String productType, BigDecimal balance,
                          OffsetDateTime asOf) {
    }

    /** Replaces the customer's account balances with the given complete picture. */
    public void replaceBalances(String customerNumber, List<Balance> balances) {
        var em = getEntityManager();
        em.createNativeQuery("DELETE FROM account_balance WHERE customer_number = ?1")
                .setParameter(1, customerNumber).executeUpdate();
        for (Balance b : balances) {
            em.createNativeQuery("""
                            INSERT INTO account_balance (customer_number, source, account_id, product_type, balance, as_of)
                            VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                            ON CONFLICT (source, account_id) DO UPDATE SET customer_number = EXCLUDED.customer_number,
                                product_type = EXCLUDED.product_type, balance = EXCLUDED.balance, as_of = EXCLUDED.as_of""")
                    .setParameter(1, customerNumber)
                    .setParameter(2, b.source())
                    .setParameter(3, b.accountId())
                    .setParameter(4, b.productType())
                    .setParameter(5, b.balance())
                    .setParameter(6, b.asOf())
                    .executeUpdate();
        }
    }

    public BigDecimal totalBalance(String customerNumber) {
        Object sum = getEntityManager()
                .createNativeQuery("SELECT coalesce(sum(balance), 0) FROM account_balance WHERE customer_number = ?1")
                .setParameter(1, customerNumber).getSingleResult();
        return (BigDecimal) sum;
    }
}
