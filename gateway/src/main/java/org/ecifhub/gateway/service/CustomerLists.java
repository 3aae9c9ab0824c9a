package org.ecifhub.gateway.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.ecifhub.gateway.domain.Caller;
import org.ecifhub.gateway.domain.ListCriteria;
import org.ecifhub.gateway.domain.Masking;
import org.ecifhub.gateway.persistence.AccessAuditRepository;
import org.ecifhub.gateway.persistence.CustomerListStore;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * List queries over the gateway's read model: a page as JSON (masked or disclosed by {@link Disclosure}), or the
 * whole list as CSV streamed row by row from a database cursor. An unmasked CSV is audited in batches before each
 * batch is written, so no unmasked row leaves unless its read is on record. Blocking: call off the event loop.
 */
@ApplicationScoped
public class CustomerLists {

    /** How many unmasked CSV rows are audited (one statement) before they are written. */
    static final int AUDIT_BATCH = 500;

    static final List<String> CSV_COLUMNS = List.of("customerNumber", "partyType", "name", "idType", "idNumber",
            "phone", "address", "branchCode", "tier", "score", "depositBalance", "loanBalance", "wealthBalance",
            "products", "owners", "qualityFlags");

    private final CustomerListStore store;
    private final Disclosure disclosure;
    private final AccessAuditRepository audit;

    public CustomerLists(CustomerListStore store, Disclosure disclosure, AccessAuditRepository audit) {
        this.store = store;
        this.disclosure = disclosure;
        this.audit = audit;
    }

    /** A page as JSON: {@code items}, {@code page}, {@code size}, {@code total}; masked unless disclosed. */
    public ObjectNode page(Caller caller, String reason, String path, ListCriteria criteria) {
        CustomerListStore.Page page = store.page(criteria);
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        ArrayNode items = answer.putArray("items");
        page.items().forEach(c -> items.add(json(c)));
        answer.put("page", criteria.page()).put("size", criteria.size()).put("total", page.total());
        if (caller != null) {
            disclosure.disclose(caller, reason, "POST", path, answer);
        }
        return answer;
    }

    /** Whether a CSV export for this caller goes out unmasked (then it is audited as it is written). */
    public boolean unmasked(Caller caller, String reason) {
        return caller == null || disclosure.mayUnmask(caller, reason);
    }

    /**
     * Writes the whole list as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese names).
     * With {@code unmasked} and a caller, each batch of rows is audited before it is written.
     */
    public void csv(Caller caller, String reason, String path, ListCriteria criteria, boolean unmasked,
                    OutputStream out) throws Exception {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write('\uFEFF');
        w.write(String.join(",", CSV_COLUMNS));
        w.write("\r\n");
        boolean audited = unmasked && caller != null;
        List<CustomerListStore.Listed> pending = new ArrayList<>(AUDIT_BATCH);
        store.stream(criteria, row -> {
            if (!audited) {
                writeRow(w, row, !unmasked);
                return;
            }
            pending.add(row);
            if (pending.size() == AUDIT_BATCH) {
                flushAudited(caller, reason, path, pending, w);
            }
        });
        if (audited) {
            flushAudited(caller, reason, path, pending, w);
        }
        w.flush();
    }

    private void flushAudited(Caller caller, String reason, String path, List<CustomerListStore.Listed> rows,
                              Writer w) throws IOException {
        if (rows.isEmpty()) {
            return;
        }
        audit.record(caller, rows.stream().map(CustomerListStore.Listed::customerNumber).toList(), reason.strip(),
                "POST", path);
        for (CustomerListStore.Listed row : rows) {
            writeRow(w, row, false);
        }
        rows.clear();
    }

    private static ObjectNode json(CustomerListStore.Listed c) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("customerNumber", c.customerNumber()).put("partyType", c.partyType()).put("name", c.name())
                .put("idType", c.idType()).put("idNumber", c.idNumber()).put("phone", c.phone())
                .put("address", c.address()).put("branchCode", c.branchCode()).put("tier", c.tier())
                .put("score", c.score()).put("depositBalance", c.depositBalance())
                .put("loanBalance", c.loanBalance()).put("wealthBalance", c.wealthBalance());
        c.products().forEach(o.putArray("products")::add);
        ArrayNode owners = o.putArray("owners");
        c.owners().forEach(roleAndId -> {
            int colon = roleAndId.indexOf(':');
            owners.addObject().put("role", roleAndId.substring(0, colon)).put("ownerId", roleAndId.substring(colon + 1));
        });
        c.qualityFlags().forEach(o.putArray("qualityFlags")::add);
        return o;
    }

    private static void writeRow(Writer w, CustomerListStore.Listed c, boolean mask) throws IOException {
        w.write(text(c.customerNumber()));
        w.write(',');
        w.write(text(c.partyType()));
        w.write(',');
        w.write(text(c.name()));
        w.write(',');
        w.write(text(c.idType()));
        w.write(',');
        w.write(text(mask ? Masking.idNumber(c.idNumber()) : c.idNumber()));
        w.write(',');
        w.write(text(mask ? Masking.phone(c.phone()) : c.phone()));
        w.write(',');
        w.write(text(mask ? Masking.address(c.address()) : c.address()));
        w.write(',');
        w.write(text(c.branchCode()));
        w.write(',');
        w.write(text(c.tier()));
        w.write(',');
        w.write(number(c.score()));
        w.write(',');
        w.write(number(c.depositBalance()));
        w.write(',');
        w.write(number(c.loanBalance()));
        w.write(',');
        w.write(number(c.wealthBalance()));
        w.write(',');
        w.write(text(String.join(";", c.products())));
        w.write(',');
        w.write(text(String.join(";", c.owners())));
        w.write(',');
        w.write(text(String.join(";", c.qualityFlags())));
        w.write("\r\n");
    }

    private static String number(BigDecimal n) {
        return n == null ? "" : n.toPlainString();
    }

    /**
     * One CSV text cell (RFC 4180 quoting). A value a spreadsheet would run as a formula (starting with =, +, -, @)
     * gets a leading apostrophe, so a name fed in by a source system cannot become a formula on a clerk's desk.
     */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = value;
        char first = v.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
