package org.ecifhub.customermaster.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class XrefRepository implements PanacheRepositoryBase<XrefEntity, XrefEntity.Key> {

    public Optional<String> customerNumberOf(String source, String sourceCustomerId) {
        return findByIdOptional(new XrefEntity.Key(source, sourceCustomerId)).map(x -> x.customerNumber);
    }

    public List<XrefEntity> ofCustomer(String customerNumber) {
        return list("customerNumber = ?1 order by key.source, key.sourceCustomerId", customerNumber);
    }

    public void link(String source, String sourceCustomerId, String customerNumber) {
        XrefEntity.Key key = new XrefEntity.Key(source, sourceCustomerId);
        XrefEntity xref = findById(key);
        OffsetDateTime now = OffsetDateTime.now();
        if (xref == null) {
            xref = new XrefEntity();
            xref.key = key;
            xref.createdAt = now;
            xref.customerNumber = customerNumber;
            xref.updatedAt = now;
            persist(xref);
        } else if (!xref.customerNumber.equals(customerNumber)) {
            xref.customerNumber = customerNumber;
            xref.updatedAt = now;
        }
    }
}
