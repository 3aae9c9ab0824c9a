package org.ecifhub.customermaster.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.ecifhub.customermaster.domain.CustomerEvent;
import org.ecifhub.customermaster.domain.PartyAttributes;
import org.ecifhub.customermaster.persistence.AccountHoldingEntity;
import org.ecifhub.customermaster.persistence.CustomerProfileRepository;
import org.ecifhub.customermaster.persistence.EbankingStatusEntity;
import org.ecifhub.customermaster.persistence.GoldenRecordEntity;
import org.ecifhub.customermaster.persistence.GoldenRecordRepository;
import org.ecifhub.customermaster.persistence.HistoryStore;
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

    /**
     * @param idValid       whether the surviving id passed its check (resident id, USCC) or has none to pass
     * @param completeness  0..100, the weighted share of key attributes present and valid
     * @param qualityIssues data-quality flags of the surviving values: attribute, flag, detail
     * @param lineage       per attribute, the source record its surviving value came from
     * @param mergedInto    for a RETIRED record, the survivor it was merged into
     * @param redirectedFrom when the number asked for was retired: that number (this is its survivor)
     */
    public record CustomerView(String customerNumber, String status, String mergedInto, String redirectedFrom,
                               long version, PartyAttributes attributes,
                               boolean idValid, int completeness, JsonNode qualityIssues, JsonNode lineage,
                               List<SourceLink> sources, List<CustomerEvent.Holding> accounts,
                               CustomerEvent.Ebanking ebanking, ProfileService.ProfileView profile,
                               OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    public record XrefView(String source, String sourceCustomerId, String customerNumber) {
    }

    private final GoldenRecordRepository goldenRecords;
    private final XrefRepository xrefs;
    private final HoldingsRepository holdings;
    private final HistoryStore history;
    private final ObjectMapper mapper;
    private final CustomerProfileRepository profiles;

    public CustomerQueries(GoldenRecordRepository goldenRecords, XrefRepository xrefs, HoldingsRepository holdings,
                           HistoryStore history, ObjectMapper mapper, CustomerProfileRepository profiles) {
        this.profiles = profiles;
        this.history = history;
        this.goldenRecords = goldenRecords;
        this.xrefs = xrefs;
        this.holdings = holdings;
        this.mapper = mapper;
    }

    private JsonNode readJson(String json, String empty) {
        try {
            return mapper.readTree(json == null ? empty : json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON column cannot be read", e);
        }
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
        return Optional.of(new CustomerView(g.customerNumber, g.status, g.mergedInto, null, g.version, g.attributes(),
                g.idValid,
                g.completeness, readJson(g.qualityIssues, "[]"), readJson(g.lineage, "{}"), sources, accounts, ebanking,
                ProfileService.ProfileView.of(profiles.findById(customerNumber)), g.createdAt, g.updatedAt));
    }

    /**
     * The customer as callers should see it: a retired number answers with the survivor it was merged into, and
     * says so in {@code redirectedFrom}.
     */
    @Transactional
    public Optional<CustomerView> current(String customerNumber) {
        Optional<CustomerView> view = customer(customerNumber);
        String asked = customerNumber;
        for (int hops = 0; view.isPresent() && view.get().mergedInto() != null && hops < 16; hops++) {
            view = customer(view.get().mergedInto());
        }
        return view.map(v -> v.customerNumber().equals(asked) ? v : new CustomerView(v.customerNumber(), v.status(),
                v.mergedInto(), asked, v.version(), v.attributes(), v.idValid(), v.completeness(), v.qualityIssues(),
                v.lineage(), v.sources(), v.accounts(), v.ebanking(), v.profile(), v.createdAt(), v.updatedAt()));
    }

    /** The unified record as it stood at {@code asOf}, as stored when that version was made. */
    @Transactional
    public Optional<String> customerAsOf(String customerNumber, OffsetDateTime asOf) {
        return history.asOf(customerNumber, asOf);
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
