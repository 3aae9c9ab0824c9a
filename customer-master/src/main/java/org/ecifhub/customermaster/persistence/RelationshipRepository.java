package org.ecifhub.customermaster.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.ecifhub.customermaster.domain.RelationshipType;

import java.util.List;

@ApplicationScoped
public class RelationshipRepository implements PanacheRepository<RelationshipEntity> {

    /** Current relationships in either direction. */
    public List<RelationshipEntity> currentOf(String customerNumber) {
        return list("(fromCustomer = ?1 or toCustomer = ?1) and endedAt is null order by id", customerNumber);
    }

    public List<RelationshipEntity> currentFrom(String customerNumber, RelationshipType type) {
        return list("fromCustomer = ?1 and type = ?2 and endedAt is null", customerNumber, type);
    }

    /** Relationships waiting for a party with this id to become a customer. */
    public List<RelationshipEntity> pendingFor(String idType, String idNumber) {
        return list("toCustomer is null and toIdType = ?1 and toIdNumber = ?2 and endedAt is null", idType, idNumber);
    }

    /** Active persons at the same address with the same phone: possibly one household. */
    public List<Object[]> sameAddressAndPhone(String customerNumber, String address, String phone) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                        SELECT customer_number, name FROM golden_record
                        WHERE status = 'ACTIVE' AND party_type = 'PERSON' AND address = ?1 AND phone = ?2
                          AND customer_number <> ?3
                        ORDER BY customer_number LIMIT 20""")
                .setParameter(1, address).setParameter(2, phone).setParameter(3, customerNumber)
                .getResultList();
        return rows;
    }
}
