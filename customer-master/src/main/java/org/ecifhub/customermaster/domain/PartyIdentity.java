package org.ecifhub.customermaster.domain;

import java.text.Normalizer;
import java.util.Optional;

/**
 * The identifier two records must share to be the same party by rule: id type plus the id number in its
 * standard form (Unicode NFKC, so full-width digits become ASCII; blanks removed; upper case, so a trailing
 * {@code x} on a resident id becomes {@code X}).
 */
public record PartyIdentity(String idType, String idNumber) {

    public static Optional<PartyIdentity> of(String idType, String idNumber) {
        if (idType == null || idNumber == null) {
            return Optional.empty();
        }
        String type = standardForm(idType);
        String number = standardForm(idNumber);
        if (type.isEmpty() || number.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PartyIdentity(type, number));
    }

    static String standardForm(String raw) {
        String nfkc = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(nfkc.length());
        nfkc.codePoints().filter(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp))
                .map(Character::toUpperCase).forEach(out::appendCodePoint);
        return out.toString();
    }

    /** A key for locks and indexes: stable for the same identity. */
    public String key() {
        return idType + ":" + idNumber;
    }
}
