package org.ecifhub.customermaster.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.ecifhub.commons.problem.Problem;
import org.ecifhub.commons.problem.ProblemException;
import org.ecifhub.customermaster.persistence.CustomerProfileEntity;
import org.ecifhub.customermaster.persistence.CustomerProfileRepository;
import org.ecifhub.customermaster.persistence.GoldenRecordEntity;
import org.ecifhub.customermaster.persistence.GoldenRecordRepository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Data a customer manager captures in person (source MANUAL): kept with who captured it and when. */
@ApplicationScoped
public class ProfileService {

    static final Set<String> RISK_PREFERENCES = Set.of("CONSERVATIVE", "MODERATE", "BALANCED", "GROWTH", "AGGRESSIVE");
    static final Set<String> INCOME_BANDS = Set.of("BELOW_50K", "50K_100K", "100K_300K", "300K_1M", "ABOVE_1M");

    /** What may be captured; null fields are left as they are. */
    public record Capture(String operator, String riskPreference, String incomeBand, String family, String occupation,
                          String notes) {
    }

    public record ProfileView(String source, String riskPreference, String incomeBand, String family,
                              String occupation, String notes, String capturedBy, OffsetDateTime capturedAt) {
        static ProfileView of(CustomerProfileEntity p) {
            return p == null ? null : new ProfileView("MANUAL", p.riskPreference, p.incomeBand, p.family, p.occupation,
                    p.notes, p.capturedBy, p.capturedAt);
        }
    }

    private final CustomerProfileRepository profiles;
    private final GoldenRecordRepository goldenRecords;
    private final ConsolidationService consolidation;

    public ProfileService(CustomerProfileRepository profiles, GoldenRecordRepository goldenRecords,
                          ConsolidationService consolidation) {
        this.profiles = profiles;
        this.goldenRecords = goldenRecords;
        this.consolidation = consolidation;
    }

    @Transactional
    public ProfileView capture(String customerNumber, Capture c) {
        goldenRecords.lockConsolidationShared();
        if (c == null || c.operator() == null || c.operator().isBlank()) {
            throw invalid("operator", "is required: captured data names who captured it");
        }
        if (c.riskPreference() != null && !RISK_PREFERENCES.contains(c.riskPreference())) {
            throw invalid("riskPreference", "one of " + RISK_PREFERENCES);
        }
        if (c.incomeBand() != null && !INCOME_BANDS.contains(c.incomeBand())) {
            throw invalid("incomeBand", "one of " + INCOME_BANDS);
        }
        limit("family", c.family(), 500);
        limit("occupation", c.occupation(), 200);
        limit("notes", c.notes(), 2000);
        goldenRecords.lockKeys(List.of("customer:" + customerNumber));
        GoldenRecordEntity golden = goldenRecords.findById(customerNumber);
        if (golden == null || !"ACTIVE".equals(golden.status)) {
            throw ProblemException.notFound("Active customer " + customerNumber);
        }
        CustomerProfileEntity p = profiles.findById(customerNumber);
        if (p == null) {
            p = new CustomerProfileEntity();
            p.customerNumber = customerNumber;
        }
        List<String> changed = new ArrayList<>();
        p.riskPreference = set("riskPreference", p.riskPreference, c.riskPreference(), changed);
        p.incomeBand = set("incomeBand", p.incomeBand, c.incomeBand(), changed);
        p.family = set("family", p.family, c.family(), changed);
        p.occupation = set("occupation", p.occupation, c.occupation(), changed);
        p.notes = set("notes", p.notes, c.notes(), changed);
        if (!changed.isEmpty()) {
            p.capturedBy = c.operator().strip();
            p.capturedAt = OffsetDateTime.now();
            if (!profiles.isPersistent(p)) {
                profiles.persist(p);
            }
            profiles.flush();
            consolidation.refreshAfterCapture(golden, changed);
        }
        return ProfileView.of(p);
    }

    @Transactional
    public ProfileView of(String customerNumber) {
        return ProfileView.of(profiles.findById(customerNumber));
    }

    private static String set(String field, String current, String incoming, List<String> changed) {
        if (incoming == null || Objects.equals(current, incoming.strip())) {
            return current;
        }
        changed.add(field);
        return incoming.strip();
    }

    private static void limit(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw invalid(field, "is longer than " + max + " characters");
        }
    }

    private static ProblemException invalid(String field, String reason) {
        return new ProblemException(Problem.of(400, "validation", "Invalid request", field + " " + reason)
                .withErrors(List.of(new Problem.InvalidField(null, field, reason))));
    }
}
