package org.ecifhub.customermaster.domain.matching;

import org.ecifhub.customermaster.domain.PartyType;
import org.ecifhub.customermaster.domain.standard.PartyStandardiser;
import org.ecifhub.customermaster.domain.standard.RawParty;
import org.ecifhub.customermaster.domain.standard.ResidentIds;

import java.time.LocalDate;

/** Test records, built the way the hub builds them: raw values through {@link PartyStandardiser}. */
final class Records {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 21);

    private Records() {
    }

    /** A valid 18-character resident id: the 17 digits given plus their check character. */
    static String residentId(String first17) {
        return first17 + ResidentIds.checkChar(first17);
    }

    /** The same id with its check character replaced by a wrong one. */
    static String withWrongCheck(String id) {
        char wrong = id.charAt(17) == '0' ? '1' : '0';
        return id.substring(0, 17) + wrong;
    }

    static Builder person(String recordId) {
        return new Builder(recordId, PartyType.PERSON);
    }

    static Builder organisation(String recordId) {
        return new Builder(recordId, PartyType.ORGANIZATION);
    }

    static final class Builder {

        private final String recordId;
        private final PartyType type;
        private String name;
        private String idType;
        private String idNumber;
        private LocalDate birthDate;
        private String gender;
        private String phone;
        private String address;

        private Builder(String recordId, PartyType type) {
            this.recordId = recordId;
            this.type = type;
        }

        Builder name(String value) {
            name = value;
            return this;
        }

        Builder residentId(String value) {
            return id(PartyStandardiser.RESIDENT_ID, value);
        }

        Builder id(String type, String value) {
            idType = type;
            idNumber = value;
            return this;
        }

        Builder born(String isoDate) {
            birthDate = LocalDate.parse(isoDate);
            return this;
        }

        Builder gender(String value) {
            gender = value;
            return this;
        }

        Builder phone(String value) {
            phone = value;
            return this;
        }

        Builder address(String value) {
            address = value;
            return this;
        }

        MatchRecord build() {
            RawParty raw = new RawParty(type, name, idType, idNumber, birthDate, gender, phone, address);
            return MatchRecord.of(recordId, PartyStandardiser.standardise(raw, TODAY));
        }
    }

    /** A Latin-named record with given name and surname kept apart, as FEBRL has them. */
    static MatchRecord latin(String recordId, String given, String surname, String birthDate, String address,
                             String otherId) {
        String name = given == null ? surname : surname == null ? given : given + " " + surname;
        return new MatchRecord(recordId, PartyType.PERSON, name, name == null ? null : name.toUpperCase(),
                given, surname, "OTHER", otherId, otherId != null,
                birthDate == null ? null : LocalDate.parse(birthDate), null, null, address, null);
    }
}
