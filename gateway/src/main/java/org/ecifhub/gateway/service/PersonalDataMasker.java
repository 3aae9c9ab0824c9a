package org.ecifhub.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.ecifhub.gateway.domain.Masking;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Finds personal data in any JSON answer by field name, wherever it is nested (a golden record's attributes, a
 * search page, a roster, an event's data), masks it, and names the customers the answer is about.
 */
@ApplicationScoped
public class PersonalDataMasker {

    private static final Map<String, UnaryOperator<String>> MASKS = Map.of(
            "idNumber", Masking::idNumber,
            "phone", Masking::phone,
            "mobile", Masking::phone,
            "address", Masking::address);
    private static final Set<String> CUSTOMER_FIELDS = Set.of("customerNumber", "redirectedFrom");

    /** What a walk over an answer found. */
    public record Findings(boolean personalData, Set<String> customers) {
    }

    /** Masks {@code node} in place. */
    public Findings mask(JsonNode node) {
        return walk(node, true);
    }

    /** Looks without changing anything: whether there is personal data and whom it is about. */
    public Findings inspect(JsonNode node) {
        return walk(node, false);
    }

    private Findings walk(JsonNode root, boolean mask) {
        Set<String> customers = new TreeSet<>();
        boolean[] found = {false};
        visit(root, mask, customers, found);
        return new Findings(found[0], customers);
    }

    private void visit(JsonNode node, boolean mask, Set<String> customers, boolean[] found) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(child -> visit(child, mask, customers, found));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        ObjectNode obj = (ObjectNode) node;
        // A data-quality issue about a personal attribute may quote its value.
        JsonNode attribute = obj.get("attribute");
        if (attribute != null && attribute.isTextual() && MASKS.containsKey(attribute.asText())
                && obj.path("detail").isTextual()) {
            found[0] = true;
            if (mask) {
                obj.put("detail", "(masked)");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            UnaryOperator<String> masking = MASKS.get(field.getKey());
            if (masking != null && value.isTextual()) {
                found[0] = true;
                if (mask) {
                    field.setValue(obj.textNode(masking.apply(value.asText())));
                }
            } else if (CUSTOMER_FIELDS.contains(field.getKey()) && value.isTextual()) {
                customers.add(value.asText());
            } else if (value.isContainerNode()) {
                visit(value, mask, customers, found);
            }
        }
    }
}
