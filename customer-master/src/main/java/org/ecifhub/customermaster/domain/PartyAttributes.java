package org.ecifhub.customermaster.domain;

import org.ecifhub.customermaster.domain.standard.StandardParty;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The surviving attributes of a golden record (客户主档).
 *
 * <p>Survivorship for now: a value from a record at least as recent as the one that set the current value wins;
 * a missing value never erases a known one. (Per-attribute source trust and validity come with the matcher.)
 */
public record PartyAttributes(
        PartyType type,
        String name,
        String idType,
        String idNumber,
        LocalDate birthDate,
        String gender,
        String phone,
        String address,
        String occupation,
        String branchCode) {

    /** The record's attributes in their standard form (the form received is kept in the source record). */
    public static PartyAttributes from(FeedRecord record, StandardParty p) {
        return new PartyAttributes(p.type(), p.name(), p.idType(), p.idNumber(), p.birthDate(), p.gender(),
                p.phone(), p.address(), trimToNull(record.party().occupation()), trimToNull(record.branchCode()));
    }

    /** The result of absorbing a newer record: the new attributes and the names of those that changed. */
    public record Merge(PartyAttributes result, List<String> changed) {
        public boolean isChange() {
            return !changed.isEmpty();
        }
    }

    /**
     * Absorbs {@code incoming}. When {@code incomingAsOf} is older than {@code currentAsOf} the current values
     * stay; only gaps are filled.
     */
    public Merge absorb(PartyAttributes incoming, OffsetDateTime currentAsOf, OffsetDateTime incomingAsOf) {
        boolean newer = currentAsOf == null || incomingAsOf == null || !incomingAsOf.isBefore(currentAsOf);
        List<String> changed = new ArrayList<>();
        PartyAttributes r = new PartyAttributes(
                pick("type", type, incoming.type, newer, changed),
                pick("name", name, incoming.name, newer, changed),
                pick("idType", idType, incoming.idType, newer, changed),
                pick("idNumber", idNumber, incoming.idNumber, newer, changed),
                pick("birthDate", birthDate, incoming.birthDate, newer, changed),
                pick("gender", gender, incoming.gender, newer, changed),
                pick("phone", phone, incoming.phone, newer, changed),
                pick("address", address, incoming.address, newer, changed),
                pick("occupation", occupation, incoming.occupation, newer, changed),
                pick("branchCode", branchCode, incoming.branchCode, newer, changed));
        return new Merge(r, List.copyOf(changed));
    }

    private static <T> T pick(String attribute, T current, T incoming, boolean newer, List<String> changed) {
        if (incoming == null || Objects.equals(current, incoming)) {
            return current;
        }
        if (current == null || newer) {
            changed.add(attribute);
            return incoming;
        }
        return current;
    }

    private static String trimToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
