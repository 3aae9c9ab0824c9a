package org.ecifhub.gateway.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.ecifhub.gateway.config.GatewayConfig;
import org.ecifhub.gateway.domain.Caller;
import org.ecifhub.gateway.domain.QualityFlags;
import org.ecifhub.gateway.persistence.CustomerListStore;
import org.ecifhub.gateway.service.Disclosure;
import org.jboss.logging.Logger;

import java.text.Normalizer;
import java.util.Locale;

/**
 * A customer manager's customer search ({@code GET /api/v1/customers?…}): limited to the customers they own, which
 * only the gateway's read model knows together with the attributes, so the gateway answers it there instead of
 * forwarding it to customer-master. Same criteria and page shape as customer-master's search (items with
 * customerNumber, name, idType, idNumber, phone, branchCode, idValid; total, page, size), plus each customer's
 * tier; masked unless disclosed. Every other caller's search is forwarded.
 */
@ApplicationScoped
public class OwnedSearchRoute {

    private static final Logger LOG = Logger.getLogger(OwnedSearchRoute.class);
    /** As customer-master's search. */
    static final int MAX_PAGE_SIZE = 200;

    private final CustomerListStore store;
    private final Disclosure disclosure;
    private final GatewayConfig config;

    public OwnedSearchRoute(CustomerListStore store, Disclosure disclosure, GatewayConfig config) {
        this.store = store;
        this.disclosure = disclosure;
        this.config = config;
    }

    void routes(@Observes Router router) {
        // After the security guard (-20), which marks a customer manager's search, before the proxy (-10).
        router.get("/api/v1/customers").order(-15).handler(this::search);
        router.get("/api/v1/customers/").order(-15).handler(this::search);
    }

    private void search(RoutingContext ctx) {
        String staff = ctx.get(GatewaySecurity.OWNED_BY);
        Caller caller = GatewaySecurity.caller(ctx).orElse(null);
        if (staff == null || caller == null) {
            ctx.next();
            return;
        }
        MultiMap p = ctx.queryParams();
        int page;
        int size;
        try {
            page = Integer.parseInt(p.get("page") == null ? "0" : p.get("page"));
            size = Integer.parseInt(p.get("size") == null ? "20" : p.get("size"));
        } catch (NumberFormatException e) {
            Problems.send(ctx.response(), Problems.invalid(p.get("page") != null && !p.get("page").matches("\\d+")
                    ? "page" : "size", "must be a number"));
            return;
        }
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            Problems.send(ctx.response(), Problems.invalid(page < 0 ? "page" : "size", "out of range"));
            return;
        }
        CustomerListStore.OwnedSearch query = new CustomerListStore.OwnedSearch(staff, idNumber(p.get("idNumber")),
                phone(p.get("phone")), blank(p.get("name")), Boolean.parseBoolean(p.get("fuzzy")), blank(p.get("branch")),
                blank(p.get("qualityFlag")), page, size);
        String reason = ctx.request().getHeader(config.security().reasonHeader());
        String uri = ctx.request().uri();
        ctx.vertx().executeBlocking(() -> {
            CustomerListStore.Page found = store.search(query);
            ObjectNode answer = JsonNodeFactory.instance.objectNode();
            ArrayNode items = answer.putArray("items");
            found.items().forEach(c -> items.addObject().put("customerNumber", c.customerNumber())
                    .put("name", c.name()).put("idType", c.idType()).put("idNumber", c.idNumber())
                    .put("phone", c.phone()).put("branchCode", c.branchCode())
                    .put("idValid", c.idNumber() != null
                            && !c.qualityFlags().contains(QualityFlags.ID_CHECK_DIGIT_INVALID))
                    .put("tier", c.tier()));
            answer.put("total", found.total()).put("page", page).put("size", size);
            disclosure.disclose(caller, reason, "GET", uri, answer);
            return answer.toString();
        }, false).onComplete(r -> {
            if (r.failed()) {
                LOG.warnf(r.cause(), "Owned-customer search failed");
                Problems.send(ctx.response(), 503, "audit-unavailable", "Audit unavailable",
                        "The answer could not be prepared for you (read model, masking or audit failed); try again later");
                return;
            }
            ctx.response().putHeader("Content-Type", "application/json").end(r.result());
        });
    }

    /** customer-master's standard form of an id number: NFKC (full-width to half-width), no blanks, upper case. */
    private static String idNumber(String s) {
        String v = blank(s);
        return v == null ? null : Normalizer.normalize(v, Normalizer.Form.NFKC).replaceAll("\\s", "")
                .toUpperCase(Locale.ROOT);
    }

    /** A mainland number as customer-master keeps it: digits only, without +86. */
    private static String phone(String s) {
        String v = blank(s);
        if (v == null) {
            return null;
        }
        v = Normalizer.normalize(v, Normalizer.Form.NFKC).replaceAll("[\\s-]", "");
        return v.startsWith("+86") ? v.substring(3) : v;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
