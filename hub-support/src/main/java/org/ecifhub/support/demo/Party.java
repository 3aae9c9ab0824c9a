package org.ecifhub.support.demo;

import java.time.LocalDate;

/**
 * A real party of the demo population as it truly is: the ground truth that the source systems each record,
 * with their own gaps and mistakes, under their own customer numbers.
 *
 * @param name the full name; for a person the first {@code surnameLength} characters are the surname
 * @param idNumber the 18-digit resident id or the USCC, always valid and in standard form
 * @param birthDate {@code null} for an organisation
 * @param gender "M" or "F"; {@code null} for an organisation
 * @param address the address without the "湖南省娄底市" prefix, starting with the county
 * @param occupation {@code null} for an organisation
 * @param legalRepresentative an organisation's legal representative, itself a party of the population; or null
 * @param feeds which source systems besides the primary deposit record know the party
 */
record Party(
        String partyId,
        Kind kind,
        String name,
        int surnameLength,
        String idNumber,
        LocalDate birthDate,
        String gender,
        String phone,
        String address,
        String occupation,
        String branchCode,
        Party legalRepresentative,
        Feeds feeds) {

    static final String RESIDENT_ID = "RESIDENT_ID";
    static final String USCC = "USCC";

    enum Kind {
        PERSON,
        ORGANIZATION
    }

    /**
     * Which source systems know the party beyond its deposit customer number.
     *
     * @param secondDeposit a second, older deposit customer number: the duplicate a hub exists to find
     */
    record Feeds(boolean secondDeposit, boolean loan, boolean ebank) {
    }

    boolean isPerson() {
        return kind == Kind.PERSON;
    }

    String idType() {
        return isPerson() ? RESIDENT_ID : USCC;
    }

    String surname() {
        return name.substring(0, surnameLength);
    }

    String givenName() {
        return name.substring(surnameLength);
    }
}
