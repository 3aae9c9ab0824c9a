package org.ecifhub.customermaster.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class HoldingsRepository implements PanacheRepositoryBase<AccountHoldingEntity, AccountHoldingEntity.Key> {

    public List<AccountHoldingEntity> ofCustomer(String customerNumber) {
        return list("customerNumber = ?1 order by key.source, key.accountId", customerNumber);
    }

    public EbankingStatusEntity ebankingOf(String customerNumber) {
        return getEntityManager().find(EbankingStatusEntity.class, customerNumber);
    }

    public void saveEbanking(EbankingStatusEntity status) {
        if (getEntityManager().contains(status)) {
            return;
        }
        getEntityManager().persist(status);
    }
}
