package org.ecifhub.customermaster.domain.standard;

import org.ecifhub.customermaster.domain.PartyData;
import org.ecifhub.customermaster.domain.PartyType;

import java.time.LocalDate;
import java.util.Objects;

/** A party's attributes exactly as a source states them: the input of {@link PartyStandardiser}. */
public record RawParty(
        PartyType type,
        String name,
        String idType,
        String idNumber,
        LocalDate birthDate,
        String gender,
        String phone,
        String address) {

    public RawParty {
        Objects.requireNonNull(type, "type");
    }

    public static RawParty from(PartyData party) {
        return new RawParty(party.type(), party.name(), party.idType(), party.idNumber(), party.birthDate(),
                party.gender(), party.phone(), party.address());
    }
}
