package org.ecifhub.customermaster.domain;

import java.util.List;
import java.util.Map;

/**
 * Which source system is believed first, per attribute, when valid values disagree. The loan system has seen the
 * customer's id card and signed papers (KYC), so its name and id come first; e-banking verified the phone by SMS,
 * so its phone comes first. Sources not listed rank after the listed ones.
 *
 * @param defaultOrder the order for attributes without their own
 * @param byAttribute  per attribute (PartyAttributes field names), its own order
 */
public record SourceTrust(List<String> defaultOrder, Map<String, List<String>> byAttribute) {

    public static SourceTrust defaults() {
        return new SourceTrust(List.of("LOAN", "DEPOSIT", "EBANK"), Map.of(
                "phone", List.of("EBANK", "LOAN", "DEPOSIT"),
                "branchCode", List.of("DEPOSIT", "LOAN", "EBANK")));
    }

    /** 0 for the most trusted source of the attribute; unknown sources rank last. */
    public int rank(String attribute, String source) {
        List<String> order = byAttribute.getOrDefault(attribute, defaultOrder);
        int i = order.indexOf(source);
        return i < 0 ? order.size() : i;
    }
}
