package org.ecifhub.assignment.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

@ApplicationScoped
public class OwnershipRepository implements PanacheRepository<OwnershipEntity> {

    /** Current owners, main owner (PRIMARY, BRANCH, TELLER) before the SECONDARY. */
    public List<OwnershipEntity> current(String customerNumber) {
        List<OwnershipEntity> list = new ArrayList<>(list("customerNumber = ?1 and validTo is null", customerNumber));
        list.sort(Comparator.comparing(o -> o.role));
        return list;
    }

    public List<OwnershipEntity> history(String customerNumber) {
        return list("customerNumber = ?1 order by validFrom, id", customerNumber);
    }

    /** Staff who owned the customer, most recent first, current owners included. */
    public List<String> staffOwners(String customerNumber) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        list("customerNumber = ?1 and ownerType = 'STAFF' order by validFrom desc, id desc", customerNumber)
                .forEach(o -> ids.add(o.ownerId));
        return List.copyOf(ids);
    }

    /** Current owners of each of the customers. */
    public java.util.Map<String, List<OwnershipEntity>> currentOfAll(List<String> customerNumbers) {
        java.util.Map<String, List<OwnershipEntity>> byCustomer = new java.util.HashMap<>();
        list("customerNumber in ?1 and validTo is null", customerNumbers)
                .forEach(o -> byCustomer.computeIfAbsent(o.customerNumber, k -> new ArrayList<>()).add(o));
        byCustomer.values().forEach(l -> l.sort(Comparator.comparing(o -> o.role)));
        return byCustomer;
    }

    /** What a staff member owns now. */
    public List<OwnershipEntity> currentOf(String staffId) {
        return list("ownerId = ?1 and ownerType = 'STAFF' and validTo is null order by customerNumber", staffId);
    }

    public long countCurrentOf(String staffId) {
        return count("ownerId = ?1 and ownerType = 'STAFF' and validTo is null", staffId);
    }

    /** Customers a staff member owned at some time in [from, to). */
    public List<String> customersOwnedBetween(String staffId, OffsetDateTime from, OffsetDateTime to) {
        return getEntityManager().createQuery("""
                        select distinct o.customerNumber from OwnershipEntity o
                        where o.ownerId = ?1 and o.ownerType = 'STAFF' and o.validFrom < ?3
                          and (o.validTo is null or o.validTo > ?2) order by o.customerNumber""", String.class)
                .setParameter(1, staffId).setParameter(2, from).setParameter(3, to).getResultList();
    }

    /** Every ownership row of the customer overlapping [from, to). */
    public List<OwnershipEntity> overlapping(String customerNumber, OffsetDateTime from, OffsetDateTime to) {
        return list("customerNumber = ?1 and validFrom < ?3 and (validTo is null or validTo > ?2) order by validFrom, id",
                customerNumber, from, to);
    }

    /** Customers owned now by a branch itself or by staff of that branch (STAFF owners joined on their branch). */
    public List<OwnershipEntity> currentInBranch(String branchCode) {
        return getEntityManager().createQuery("""
                        select o from OwnershipEntity o where o.validTo is null and (
                          (o.ownerType = 'BRANCH' and o.ownerId = ?1)
                          or (o.ownerType = 'STAFF' and o.ownerId in (select s.staffId from StaffEntity s where s.branchCode = ?1)))
                        order by o.customerNumber""", OwnershipEntity.class)
                .setParameter(1, branchCode).getResultList();
    }

    /** For each customer, the staff who owned it, most recent first (current owners included), in one query. */
    public java.util.Map<String, List<String>> staffOwnersOfAll(java.util.Collection<String> customerNumbers) {
        java.util.Map<String, LinkedHashSet<String>> ids = new java.util.HashMap<>();
        if (!customerNumbers.isEmpty()) {
            getEntityManager().createQuery("""
                            select o.customerNumber, o.ownerId from OwnershipEntity o
                            where o.customerNumber in ?1 and o.ownerType = 'STAFF'
                            order by o.customerNumber, o.validFrom desc, o.id desc""", Object[].class)
                    .setParameter(1, customerNumbers).getResultList()
                    .forEach(r -> ids.computeIfAbsent((String) r[0], k -> new LinkedHashSet<>()).add((String) r[1]));
        }
        java.util.Map<String, List<String>> result = new java.util.HashMap<>();
        ids.forEach((k, v) -> result.put(k, new ArrayList<>(v)));
        return result;
    }
}
