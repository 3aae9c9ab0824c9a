package org.ecifhub.customermaster.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class CustomerProfileRepository implements PanacheRepositoryBase<CustomerProfileEntity, String> {
}
