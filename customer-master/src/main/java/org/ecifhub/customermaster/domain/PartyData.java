package org.ecifhub.customermaster.domain;

import java.time.LocalDate;

/** The party as one source system states it, before standardisation. */
public record PartyData(
        PartyType type,
        String name,
        String idType,
        String idNumber,
        LocalDate birthDate,
        String gender,
        String phone,
        String address,
        String occupation,
        LegalRepresentative legalRepresentative) {
}
