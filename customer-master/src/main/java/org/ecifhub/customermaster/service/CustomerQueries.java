package org.ecifhub.customermaster.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.ecifhub.customermaster.domain.CustomerEvent;
import org.ecifhub.customermaster.domain.PartyAttributes;
import org.ecifhub.customermaster.persistence.AccountHoldingEntity;
import org.ecifhub.customermaster.persistence.EbankingStatusEntity;
import org.ecifhub.customermaster.persistence.GoldenRecordEntity;
import org.ecifhub.customermaster.persistence.GoldenRecordRepository;
import org.ecifhub.customermaster.persistence.HoldingsRepository;
import org.ecifhub.customermaster.persistence.XrefRepository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Read side of customer-master. */
@ApplicationScoped
public class CustomerQueries {

    public record SourceLink(String source, String sourceCustomerId) {
    }

    public record CustomerView(String customerNumber, String status, long version, PartyAttributes attributes,
                               List<SourceLink> sources, List<CustomerEvent.Holding> accounts,
                               CustomerEvent.Ebanking ebanking, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    public record XrefView(String source, String sourceCustomerId, String customerNumber) {
    }

    private final GoldenRecordRepository goldenRecords;
    private final XrefRepository xrefs;
    private final HoldingsRepository holdings;

    public CustomerQueries(GoldenRecordRepository goldenRecords, XrefRepository xrefs, HoldingsRepository holdings) {
        this.goldenRecords = goldenRecords;
        this.xrefs = xrefs;
        this.holdings = holdings;
    }

    @Transactional
    public Optional<CustomerView> customer(String customerNumber) {
        GoldenRecordEntity g = goldenRecords.findById(customerNumber);
        if (g == null) {
            return Optional.empty();
        }
        List<SourceLink> sources = xrefs.ofCustomer(customerNumber).stream()
                .map(x -> new SourceLink(x.key.source(), x.key.sourceCustomerId())).toList();
        List<CustomerEvent.Holding> accounts = holdings.ofCustomer(customerNumber).stream()
                .map(AccountHoldingEntity::toHolding)
                .toList();
        CustomerEvent.Ebanking ebanking = EbankingStatusEntity.toEbanking(holdings.ebankingOf(customerNumber));
        return Optional.of(new CustomerView(g.customerNumber, g.status, g.version, g.attributes(), sources, accounts,
                ebanking, g.createdAt, g.updatedAt));
    }

    @Transactional
    public Optional<XrefView> xref(String source, String sourceCustomerId) {
        return xrefs.customerNumberOf(source, sourceCustomerId)
                .map(n -> new XrefView(source, sourceCustomerId, n));
    }

    @Transactional
    public long activeCustomers() {
        return goldenRecords.countActive();
    }
}
