package org.ecifhub.customermaster.domain;

/** An organisation's legal representative (法定代表人) as the feed names them. */
public record LegalRepresentative(String name, String idType, String idNumber) {
}
