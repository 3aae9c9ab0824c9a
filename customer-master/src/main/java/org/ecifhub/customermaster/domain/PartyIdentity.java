package org.ecifhub.customermaster.domain;

import org.ecifhub.customermaster.domain.standard.StandardParty;

import java.util.Optional;

/**
 * The identifier two records must share to be the same party by rule: id type plus the id number in its standard
 * form (NFKC, blanks removed, upper case; a 15-digit resident id upgraded to 18 digits).
 *
 * <p>Only an id that passed its check (resident id, USCC) or that has no check to pass (passport, other) makes an
 * identity. An id with a wrong check digit makes none: it is kept and flagged, and never decides a match by rule.
 */
public record PartyIdentity(String idType, String idNumber) {

    public static Optional<PartyIdentity> of(StandardParty party) {
        if (party.idType() == null || party.idNumber() == null || !party.idValid()) {
            return Optional.empty();
        }
        return Optional.of(new PartyIdentity(party.idType(), party.idNumber()));
    }

    /** A key for locks and indexes: stable for the same identity. */
    public String key() {
        return idType + ":" + idNumber;
    }
}
