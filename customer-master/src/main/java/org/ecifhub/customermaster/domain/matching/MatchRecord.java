package org.ecifhub.customermaster.domain.matching;

import org.ecifhub.customermaster.domain.PartyType;
import org.ecifhub.customermaster.domain.standard.PartyStandardiser;
import org.ecifhub.customermaster.domain.standard.StandardParty;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What the matcher knows about one record: the standardised values only, never the raw ones, so that
 * formatting differences ("张 伟", "+86 138-…") have been removed before anything is compared.
 *
 * @param recordId the caller's identifier of the record (e.g. source and customer number); only reported back
 * @param type person or organisation; records of different types never match
 * @param name the standard display name
 * @param nameKey the name's match key ({@code PersonNames.matchKey} or {@code OrganisationNames.matchKey})
 * @param givenName a Latin given name kept apart from the surname, when the source keeps them apart (null for
 *                  Chinese names, which are written as one word); with {@code surname} it enables the swapped
 *                  given name/surname comparison
 * @param surname the Latin surname kept apart, or null
 * @param idType upper case, blanks removed ("RESIDENT_ID", "USCC", "PASSPORT", "OTHER", …)
 * @param idNumber the standard id number, or null
 * @param idValid whether the id number is present and not flagged invalid (see {@link StandardParty#idValid()}):
 *                an id type without a check character counts as valid, since nothing is known against it
 * @param birthDate the birth date, or null
 * @param gender "M" or "F"; anything else is not compared
 * @param phone the national number, digits only, or null
 * @param address the standard address, or null
 * @param postcode a postcode kept apart from the address, or null (Chinese feeds have none); only used for
 *                 blocking, as the address already contains it
 */
public record MatchRecord(
        String recordId,
        PartyType type,
        String name,
        String nameKey,
        String givenName,
        String surname,
        String idType,
        String idNumber,
        boolean idValid,
        LocalDate birthDate,
        String gender,
        String phone,
        String address,
        String postcode) {

    public MatchRecord {
        Objects.requireNonNull(type, "type");
        name = blankToNull(name);
        nameKey = blankToNull(nameKey);
        givenName = blankToNull(givenName);
        surname = blankToNull(surname);
        idType = blankToNull(idType);
        idNumber = blankToNull(idNumber);
        idValid = idValid && idNumber != null;
        gender = blankToNull(gender);
        phone = blankToNull(phone);
        address = blankToNull(address);
        postcode = blankToNull(postcode);
    }

    /** The record of a standardised party (no separate given name and surname, no postcode). */
    public static MatchRecord of(String recordId, StandardParty party) {
        return new MatchRecord(recordId, party.type(), party.name(), party.nameKey(), null, null, party.idType(),
                party.idNumber(), party.idValid(), party.birthDate(), party.gender(), party.phone(), party.address(),
                null);
    }

    /**
     * Whether the id type carries a check character ({@value PartyStandardiser#RESIDENT_ID},
     * {@value PartyStandardiser#USCC}): only such an id, when valid, proves identity, and two different ones
     * prove two parties.
     */
    public boolean hasCheckedIdType() {
        return PartyStandardiser.RESIDENT_ID.equals(idType) || PartyStandardiser.USCC.equals(idType);
    }

    /** A present, valid id of a type with a check character: the only kind the hard rule trusts. */
    public boolean hasVerifiedId() {
        return idValid && hasCheckedIdType();
    }

    /** Whether the record carries the given name and surname as separate fields. */
    public boolean hasNameParts() {
        return givenName != null || surname != null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
