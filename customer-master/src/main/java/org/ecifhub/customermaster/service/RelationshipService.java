package org.ecifhub.customermaster.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.ecifhub.commons.problem.Problem;
import org.ecifhub.commons.problem.ProblemException;
import org.ecifhub.customermaster.domain.CustomerEvent;
import org.ecifhub.customermaster.domain.LegalRepresentative;
import org.ecifhub.customermaster.domain.PartyIdentity;
import org.ecifhub.customermaster.domain.PartyType;
import org.ecifhub.customermaster.domain.RelationshipType;
import org.ecifhub.customermaster.domain.standard.PartyStandardiser;
import org.ecifhub.customermaster.domain.standard.PersonNames;
import org.ecifhub.customermaster.domain.standard.RawParty;
import org.ecifhub.customermaster.domain.standard.StandardParty;
import org.ecifhub.customermaster.messaging.CustomerEventPublisher;
import org.ecifhub.customermaster.persistence.GoldenRecordEntity;
import org.ecifhub.customermaster.persistence.GoldenRecordRepository;
import org.ecifhub.customermaster.persistence.RelationshipEntity;
import org.ecifhub.customermaster.persistence.RelationshipRepository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Relationships (关联关系): the legal representative of an organisation as its own feed states it, and family,
 * guarantor, supplier/customer and shareholder links recorded by staff. Household suggestions are offered, never
 * asserted.
 */
@ApplicationScoped
public class RelationshipService {

    public record RelationshipView(long id, String fromCustomer, String toCustomer, String toName, RelationshipType type,
                                   String origin, String operator, String reason, OffsetDateTime since) {
        static RelationshipView of(RelationshipEntity r) {
            return new RelationshipView(r.id, r.fromCustomer, r.toCustomer, r.toName, r.type, r.origin, r.operator,
                    r.reason, r.createdAt);
        }
    }

    public record NewRelationship(RelationshipType type, String toCustomerNumber, String operator, String reason) {
    }

    public record HouseholdSuggestion(String customerNumber, String name, String why) {
    }

    /** Who ends a feed-stated relationship, and why; why one is started. */
    public static final String FEED_OPERATOR = "feed";
    public static final String REPRESENTATIVE_REPLACED = "the organisation's record names another legal representative";
    public static final String REPRESENTATIVE_STATED = "stated by the organisation's record";

    private final RelationshipRepository relationships;
    private final GoldenRecordRepository goldenRecords;
    private final CustomerEventPublisher events;

    public RelationshipService(RelationshipRepository relationships, GoldenRecordRepository goldenRecords,
                               CustomerEventPublisher events) {
        this.relationships = relationships;
        this.goldenRecords = goldenRecords;
        this.events = events;
    }

    /**
     * Keeps an organisation's legal representative as its latest record states it. The representative is linked
     * by valid id; one not yet a customer is remembered by id and linked when they arrive.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void legalRepresentativeFromFeed(GoldenRecordEntity organisation, LegalRepresentative stated) {
        if (organisation.partyType != PartyType.ORGANIZATION || stated == null || stated.name() == null) {
            return;
        }
        StandardParty person = representative(stated);
        Optional<PartyIdentity> identity = PartyIdentity.of(person);
        Optional<GoldenRecordEntity> known = identity.flatMap(goldenRecords::findActiveByIdentity);
        List<RelationshipEntity> current = relationships.currentFrom(organisation.customerNumber,
                RelationshipType.LEGAL_REPRESENTATIVE);
        boolean unchanged = current.size() == 1 && sameParty(current.get(0).toCustomer, current.get(0).toIdNumber,
                current.get(0).toName, known.map(g -> g.customerNumber), identity, person.name());
        if (unchanged) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now();
        for (RelationshipEntity r : current) {
            end(r, FEED_OPERATOR, REPRESENTATIVE_REPLACED, now);
            publish(organisation, r, true);
        }
        RelationshipEntity r = new RelationshipEntity();
        r.fromCustomer = organisation.customerNumber;
        r.toCustomer = known.map(g -> g.customerNumber).orElse(null);
        r.toIdType = identity.map(PartyIdentity::idType).orElse(null);
        r.toIdNumber = identity.map(PartyIdentity::idNumber).orElse(null);
        r.toName = person.name();
        r.type = RelationshipType.LEGAL_REPRESENTATIVE;
        r.origin = "FEED";
        r.reason = REPRESENTATIVE_STATED;
        r.createdAt = now;
        relationships.persist(r);
        publish(organisation, r, false);
    }

    /** Links relationships that were waiting for this party, now that it is a customer with a valid id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void resolvePending(GoldenRecordEntity party) {
        if (!party.idValid || party.idNumber == null) {
            return;
        }
        for (RelationshipEntity r : relationships.pendingFor(party.idType, party.idNumber)) {
            r.toCustomer = party.customerNumber;
            publish(goldenRecords.findById(r.fromCustomer), r, false);
        }
    }

    @Transactional
    public RelationshipView add(String fromCustomer, NewRelationship request) {
        goldenRecords.lockConsolidationShared();
        if (request.type() == null || !request.type().staffMayAdd()) {
            throw invalid("type", "one of FAMILY, GUARANTOR, SUPPLIER, CUSTOMER, SHAREHOLDER (a legal representative "
                    + "comes from the organisation's own record)");
        }
        if (request.operator() == null || request.operator().isBlank()) {
            throw invalid("operator", "is required: every change made by staff names who made it");
        }
        GoldenRecordEntity from = active(fromCustomer);
        GoldenRecordEntity to = active(request.toCustomerNumber());
        if (from.customerNumber.equals(to.customerNumber)) {
            throw invalid("toCustomerNumber", "a customer cannot be related to themselves");
        }
        boolean exists = relationships.currentFrom(fromCustomer, request.type()).stream()
                .anyMatch(r -> to.customerNumber.equals(r.toCustomer));
        if (exists) {
            throw new ProblemException(Problem.of(409, "conflict", "Already related",
                    fromCustomer + " already has a current " + request.type() + " relationship with " + to.customerNumber));
        }
        RelationshipEntity r = new RelationshipEntity();
        r.fromCustomer = from.customerNumber;
        r.toCustomer = to.customerNumber;
        r.toName = to.name;
        r.type = request.type();
        r.origin = "MANUAL";
        r.operator = request.operator().strip();
        r.reason = request.reason();
        r.createdAt = OffsetDateTime.now();
        relationships.persist(r);
        publish(from, r, false);
        return RelationshipView.of(r);
    }

    @Transactional
    public void end(String fromCustomer, long id, String operator, String reason) {
        goldenRecords.lockConsolidationShared();
        if (operator == null || operator.isBlank()) {
            throw invalid("operator", "is required");
        }
        RelationshipEntity r = relationships.findByIdOptional(id)
                .filter(x -> x.fromCustomer.equals(fromCustomer) && x.endedAt == null)
                .orElseThrow(() -> ProblemException.notFound("Current relationship " + id + " of " + fromCustomer));
        if (!r.type.staffMayAdd()) {
            throw invalid("id", "a legal representative changes only through the organisation's own record");
        }
        end(r, operator.strip(), reason, OffsetDateTime.now());
        publish(goldenRecords.findById(fromCustomer), r, true);
    }

    @Transactional
    public List<RelationshipView> of(String customerNumber) {
        active(customerNumber);
        return relationships.currentOf(customerNumber).stream().map(RelationshipView::of).toList();
    }

    /** Persons at the same address with the same phone, not yet recorded as family: for staff to confirm. */
    @Transactional
    public List<HouseholdSuggestion> householdSuggestions(String customerNumber) {
        GoldenRecordEntity g = active(customerNumber);
        if (g.partyType != PartyType.PERSON || g.address == null || g.phone == null) {
            return List.of();
        }
        List<String> family = relationships.currentOf(customerNumber).stream()
                .filter(r -> r.type == RelationshipType.FAMILY)
                .map(r -> customerNumber.equals(r.fromCustomer) ? r.toCustomer : r.fromCustomer).toList();
        return relationships.sameAddressAndPhone(customerNumber, g.address, g.phone).stream()
                .filter(row -> !family.contains((String) row[0]))
                .map(row -> new HouseholdSuggestion((String) row[0], (String) row[1], "same address and phone"))
                .toList();
    }

    /** The legal representative an organisation's record states, as a person in standard form. */
    public static StandardParty representative(LegalRepresentative stated) {
        return PartyStandardiser.standardise(new RawParty(PartyType.PERSON, stated.name(), stated.idType(),
                stated.idNumber(), null, null, null, null));
    }

    /**
     * Whether a current relationship (to a customer, or to an id or name not yet a customer) points at the party
     * now stated: the same customer when the stated party is one, else the same id, else the same name.
     */
    public static boolean sameParty(String toCustomer, String toIdNumber, String toName, Optional<String> known,
                                    Optional<PartyIdentity> identity, String name) {
        if (known.isPresent()) {
            return known.get().equals(toCustomer);
        }
        if (identity.isPresent()) {
            return identity.get().idNumber().equals(toIdNumber);
        }
        return toCustomer == null && toIdNumber == null
                && Objects.equals(PersonNames.matchKey(name), PersonNames.matchKey(toName));
    }

    private static void end(RelationshipEntity r, String operator, String reason, OffsetDateTime when) {
        r.endedAt = when;
        r.endedBy = operator;
        r.endReason = reason;
    }

    private void publish(GoldenRecordEntity from, RelationshipEntity r, boolean ended) {
        goldenRecords.touch(from);
        events.publish(new CustomerEvent.RelationshipChanged(from.customerNumber, r.id, r.type, r.toCustomer, r.toName,
                ended, r.origin), from.version);
    }

    private GoldenRecordEntity active(String customerNumber) {
        GoldenRecordEntity g = customerNumber == null ? null : goldenRecords.findById(customerNumber);
        if (g == null || !"ACTIVE".equals(g.status)) {
            throw ProblemException.notFound("Customer " + customerNumber);
        }
        return g;
    }

    private static ProblemException invalid(String field, String reason) {
        return new ProblemException(Problem.of(400, "validation", "Invalid request", field + " " + reason)
                .withErrors(List.of(new Problem.InvalidField(null, field, reason))));
    }
}
