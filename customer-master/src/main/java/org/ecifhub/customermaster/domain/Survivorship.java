package org.ecifhub.customermaster.domain;

import org.ecifhub.customermaster.domain.standard.QualityIssue;
import org.ecifhub.customermaster.domain.standard.StandardParty;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Chooses each attribute of a golden record from the latest record of every source customer it consolidates:
 * a valid value beats an invalid one, then the more trusted source for that attribute wins, then the more recent
 * record. Missing values never win. Every surviving value names where it came from (its lineage).
 */
public final class Survivorship {

    /** The latest record of one source customer, in standard form. */
    public record Contribution(long sourceRecordId, String source, String sourceCustomerId, OffsetDateTime asOf,
                               StandardParty party, String occupation, String branchCode) {
    }

    /** Where a surviving value came from. */
    public record Lineage(String source, String sourceCustomerId, long sourceRecordId, OffsetDateTime asOf) {
    }

    public record Survivors(PartyAttributes attributes, Map<String, Lineage> lineage) {
    }

    private Survivorship() {
    }

    public static Survivors survive(List<Contribution> contributions, SourceTrust trust) {
        if (contributions.isEmpty()) {
            throw new IllegalArgumentException("a golden record consolidates at least one source record");
        }
        Map<String, Lineage> lineage = new LinkedHashMap<>();
        Chooser c = new Chooser(contributions, trust, lineage);
        String idNumber = c.choose(QualityIssue.ID_NUMBER, x -> x.party().idNumber(), true);
        // The id type travels with the number it describes.
        String idType = lineageValue(contributions, lineage.get(QualityIssue.ID_NUMBER), x -> x.party().idType());
        PartyAttributes attributes = new PartyAttributes(
                c.choose("type", x -> x.party().type(), false),
                c.choose(QualityIssue.NAME, x -> x.party().name(), true),
                idType,
                idNumber,
                c.choose(QualityIssue.BIRTH_DATE, x -> x.party().birthDate(), true),
                c.choose(QualityIssue.GENDER, x -> x.party().gender(), true),
                c.choose(QualityIssue.PHONE, x -> x.party().phone(), true),
                c.choose(QualityIssue.ADDRESS, x -> x.party().address(), true),
                c.choose("occupation", Contribution::occupation, false),
                c.choose("branchCode", Contribution::branchCode, false));
        return new Survivors(attributes, lineage);
    }

    private static <T> T lineageValue(List<Contribution> contributions, Lineage from, Function<Contribution, T> value) {
        if (from == null) {
            return null;
        }
        return contributions.stream().filter(x -> x.sourceRecordId() == from.sourceRecordId()).findFirst()
                .map(value).orElse(null);
    }

    private record Chooser(List<Contribution> contributions, SourceTrust trust, Map<String, Lineage> lineage) {

        <T> T choose(String attribute, Function<Contribution, T> value, boolean checked) {
            Comparator<Contribution> order = Comparator
                    .comparing((Contribution x) -> checked && !x.party().isValid(attribute))   // valid first
                    .thenComparingInt(x -> trust.rank(attribute, x.source()))                // trusted first
                    .thenComparing(Contribution::asOf, Comparator.nullsLast(Comparator.reverseOrder()))
                    .thenComparing(Contribution::sourceRecordId, Comparator.reverseOrder());
            Optional<Contribution> winner = contributions.stream().filter(x -> value.apply(x) != null)
                    .min(order);
            winner.ifPresent(w -> lineage.put(attribute,
                    new Lineage(w.source(), w.sourceCustomerId(), w.sourceRecordId(), w.asOf())));
            return winner.map(value).orElse(null);
        }
    }
}
