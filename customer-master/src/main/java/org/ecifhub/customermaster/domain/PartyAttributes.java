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
 * <p>Which value survives is decided by {@link Survivorship}.
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

    /** The names of the attributes whose values differ between {@code before} and {@code after}. */
    public static List<String> differences(PartyAttributes before, PartyAttributes after) {
        List<String> changed = new ArrayList<>();
        compare("type", before.type, after.type, changed);
        compare("name", before.name, after.name, changed);
        compare("idType", before.idType, after.idType, changed);
        compare("idNumber", before.idNumber, after.idNumber, changed);
        compare("birthDate", before.birthDate, after.birthDate, changed);
        compare("gender", before.gender, after.gender, changed);
        compare("phone", before.phone, after.phone, changed);
        compare("address", before.address, after.address, changed);
        compare("occupation", before.occupation, after.occupation, changed);
        compare("branchCode", before.branchCode, after.branchCode, changed);
        return List.copyOf(changed);
    }

    private static void compare(String attribute, Object before, Object after, List<String> changed) {
        if (!Objects.equals(before, after)) {
            changed.add(attribute);
        }
    }

    private static String trimToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
