package org.ecifhub.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.ecifhub.gateway.config.GatewayConfig;
import org.ecifhub.gateway.domain.Caller;
import org.ecifhub.gateway.domain.ListCriteria;
import org.ecifhub.gateway.service.CustomerLists;
import org.ecifhub.gateway.persistence.AccessAuditRepository;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code POST /api/v1/customers/query}: list queries (名单制营销) across the three services, answered from the
 * gateway's own read model (kept current from the event topics). A page of JSON, or with {@code Accept: text/csv}
 * (or at {@code /export}) the whole list as CSV streamed from a database cursor.
 */
@Path("/api/v1/customers/query")
@Tag(name = "List queries", description = "Customer lists by branch, tier, owner, products, balances and data quality")
@SecurityRequirement(name = "bearer")
public class CustomerQueryResource {

    private static final Logger LOG = Logger.getLogger(CustomerQueryResource.class);
    static final String CSV = "text/csv";

    static final String EXAMPLE_BODY = """
            {"branch": "LSJ003", "tiers": ["EXCELLENT"], "productsNotHeld": ["MOBILE_BANKING"],
             "depositBalance": {"min": 50000}, "page": 0, "size": 50, "sort": "depositBalance,desc"}""";
    static final String EXAMPLE_PAGE = """
            {"items": [{"customerNumber": "1000000123", "partyType": "PERSON", "name": "李建国",
               "idType": "RESIDENT_ID", "idNumber": "4313**********0018", "phone": "139****2231",
               "address": "湖南省娄底市冷水江市****", "branchCode": "LSJ003", "tier": "EXCELLENT", "score": 3120.50,
               "depositBalance": 286000.00, "loanBalance": 0.00, "wealthBalance": 50000.00,
               "products": ["DEMAND_DEPOSIT", "DEPOSIT", "EBANKING", "TIME_DEPOSIT", "WEALTH"],
               "owners": [{"role": "PRIMARY", "ownerId": "S0301"}], "qualityFlags": []}],
             "page": 0, "size": 50, "total": 1}""";
    static final String EXAMPLE_CSV = "customerNumber,partyType,name,idType,idNumber,phone,address,branchCode,tier,"
            + "score,depositBalance,loanBalance,wealthBalance,products,owners,qualityFlags\r\n"
            + "1000000123,PERSON,李建国,RESIDENT_ID,4313**********0018,139****2231,湖南省娄底市冷水江市****,LSJ003,"
            + "EXCELLENT,3120.50,286000.00,0.00,50000.00,DEMAND_DEPOSIT;DEPOSIT;EBANKING;TIME_DEPOSIT;WEALTH,"
            + "PRIMARY:S0301,\r\n";

    /** The criteria body as the client sends it; every field optional. */
    @Schema(name = "ListQuery", description = "List criteria; all optional, all combine")
    public record Body(
            @Schema(description = "Home branch (归属机构); branch roles may only ask for their own", example = "LSJ003")
            String branch,
            @Schema(description = "Any of these tiers", enumeration = {"PRIVILEGE", "EXCELLENT", "POTENTIAL", "GENERAL"})
            List<String> tiers,
            @Schema(description = "Staff id among the customer's current owners", example = "S0301")
            String owner,
            @Schema(enumeration = {"PERSON", "ORGANIZATION"}) String partyType,
            @Schema(description = "Product categories the customer holds, all of them", enumeration = {"DEMAND_DEPOSIT",
                    "TIME_DEPOSIT", "CORPORATE_DEPOSIT", "LOAN", "WEALTH", "DEPOSIT", "EBANKING", "MOBILE_BANKING"})
            List<String> productsHeld,
            @Schema(description = "Product categories the customer holds none of (same values)")
            List<String> productsNotHeld,
            @Schema(description = "Total deposit balance range, either end open") Range depositBalance,
            @Schema(description = "Total loan balance range") Range loanBalance,
            @Schema(description = "Total wealth-management balance range") Range wealthBalance,
            @Schema(description = "Data-quality flags the customer carries, all of them", enumeration = {"MISSING_ID",
                    "MISSING_PHONE", "MISSING_ADDRESS", "MISSING_BIRTH_DATE", "MISSING_GENDER", "ID_CHECK_DIGIT_INVALID"})
            List<String> qualityFlags,
            @Schema(description = "Page from 0 (JSON only)", defaultValue = "0") Integer page,
            @Schema(description = "Page size, 1-500 (JSON only; the CSV export has no limit)", defaultValue = "50")
            Integer size,
            @Schema(description = "customerNumber, name, branch, tier, score, depositBalance, loanBalance or "
                    + "wealthBalance, optionally ',asc' or ',desc'", example = "depositBalance,desc") String sort) {
    }

    /** An amount range in CNY. */
    @Schema(name = "AmountRange")
    public record Range(@Schema(example = "50000") BigDecimal min, @Schema(example = "1000000") BigDecimal max) {
    }

    private static final ObjectMapper READER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final CustomerLists lists;
    private final CurrentVertxRequest request;
    private final GatewayConfig config;
    private final AccessAuditRepository audit;

    public CustomerQueryResource(CustomerLists lists, CurrentVertxRequest request, GatewayConfig config,
                                 AccessAuditRepository audit) {
        this.lists = lists;
        this.request = request;
        this.config = config;
        this.audit = audit;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(summary = "Query a customer list",
            description = "Customers matching every given criterion, from the gateway's read model of the services' "
                    + "events (customer-master: branch, attributes, holdings, data quality; contribution-scoring: "
                    + "tier and score; manager-assignment: owners), so a list reflects the events received so far. "
                    + "A TELLER's or BRANCH_MANAGER's list is their branch's (asking for another branch is 403); a "
                    + "CUSTOMER_MANAGER's the customers they own. Personal data (idNumber, phone, address) is masked "
                    + "unless a cleared role sends X-Access-Reason (every customer disclosed is audited). With "
                    + "`Accept: text/csv` the whole list comes as CSV, as at /export.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Body.class),
            examples = @ExampleObject(name = "EXCELLENT customers in LSJ003 without mobile banking",
                    value = EXAMPLE_BODY)))
    @APIResponse(responseCode = "200", description = "One page of the list",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "one page",
                    value = EXAMPLE_PAGE)),
                    @Content(mediaType = CSV, examples = @ExampleObject(name = "masked CSV", value = EXAMPLE_CSV))})
    @APIResponse(responseCode = "400", description = "A criterion is not understood; `errors[0].field` names it",
            content = @Content(mediaType = Problems.MEDIA_TYPE, examples = @ExampleObject(name = "unknown tier",
                    value = "{\"type\": \"urn:ecif:problem:validation\", \"title\": \"Invalid request\", \"status\": "
                            + "400, \"detail\": \"tiers must be among [EXCELLENT, GENERAL, POTENTIAL, PRIVILEGE], not "
                            + "GOLD\", \"errors\": [{\"field\": \"tiers\", \"reason\": \"must be among [EXCELLENT, "
                            + "GENERAL, POTENTIAL, PRIVILEGE], not GOLD\"}]}")))
    @APIResponse(responseCode = "403", description = "The criteria reach outside the caller's data scope",
            content = @Content(mediaType = Problems.MEDIA_TYPE, examples = @ExampleObject(name = "another branch",
                    value = "{\"type\": \"urn:ecif:problem:out-of-scope\", \"title\": \"Forbidden\", \"status\": 403, "
                            + "\"detail\": \"These customers are not within your data scope\"}")))
    @APIResponse(responseCode = "503", description = "An unmasked answer could not be audited",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response query(String body,
                          @Parameter(description = "text/csv for the whole list as CSV") @HeaderParam("Accept")
                          String accept,
                          @Parameter(description = "Why a cleared caller needs unmasked data (audited)",
                                  example = "marketing campaign MC2026-11") @HeaderParam("X-Access-Reason")
                          String reason) {
        if (accept != null && accept.contains(CSV) && !accept.contains(MediaType.APPLICATION_JSON)) {
            return csv(body, reason);
        }
        RoutingContext ctx = request.getCurrent();
        Caller caller = GatewaySecurity.caller(ctx).orElse(null);
        ListCriteria criteria = scoped(caller, parse(body, true));
        try {
            return Response.ok(lists.page(caller, reason(ctx, reason), ctx.request().uri(), criteria).toString(),
                    MediaType.APPLICATION_JSON).build();
        } catch (RuntimeException e) {
            LOG.warnf(e, "List query failed");
            throw new GatewayProblem(503, "audit-unavailable", "Audit unavailable",
                    "The list could not be prepared for you (read model, masking or audit failed); try again later");
        }
    }

    @POST
    @Path("/export")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(CSV)
    @Operation(summary = "Export a customer list as CSV",
            description = "The same criteria and data scope as the query, without paging: every matching customer, "
                    + "streamed row by row (UTF-8 with a byte-order mark; lists are `;`-separated; owners as "
                    + "ROLE:staffId). Masked unless a cleared role sends X-Access-Reason; an unmasked export is "
                    + "audited per customer, batch by batch before the rows are written.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Body.class),
            examples = @ExampleObject(name = "EXCELLENT customers in LSJ003 without mobile banking",
                    value = EXAMPLE_BODY)))
    @APIResponse(responseCode = "200", description = "The whole list",
            content = @Content(mediaType = CSV, examples = @ExampleObject(name = "masked CSV", value = EXAMPLE_CSV)))
    @APIResponse(responseCode = "400", description = "A criterion is not understood",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "The criteria reach outside the caller's data scope",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response export(String body,
                           @Parameter(description = "Why a cleared caller needs unmasked data (audited)")
                           @HeaderParam("X-Access-Reason") String reason) {
        return csv(body, reason);
    }

    private Response csv(String body, String reasonHeader) {
        RoutingContext ctx = request.getCurrent();
        Caller caller = GatewaySecurity.caller(ctx).orElse(null);
        ListCriteria criteria = scoped(caller, parse(body, false));
        String reason = reason(ctx, reasonHeader);
        String path = ctx.request().uri();
        boolean unmasked = lists.unmasked(caller, reason);
        if (unmasked && caller != null) {
            // The export itself is on record before its first row leaves; each batch of customers follows.
            try {
                audit.record(caller, List.of(), reason.strip(), "POST", path);
            } catch (RuntimeException e) {
                throw new GatewayProblem(503, "audit-unavailable", "Audit unavailable",
                        "An unmasked export could not be audited, so it was not started; try again later");
            }
        }
        StreamingOutput out = stream -> {
            try {
                lists.csv(caller, reason, path, criteria, unmasked, stream);
            } catch (java.io.IOException e) {
                throw e;
            } catch (Exception e) {
                // Headers are gone: the client sees a cut-off transfer rather than a list with rows silently missing.
                LOG.warnf(e, "CSV export failed part-way");
                throw new java.io.IOException("CSV export failed", e);
            }
        };
        return Response.ok(out, CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"customers.csv\"").build();
    }

    private String reason(RoutingContext ctx, String reason) {
        return reason != null ? reason : ctx.request().getHeader(config.security().reasonHeader());
    }

    private static ListCriteria scoped(Caller caller, ListCriteria asked) {
        if (caller == null) {
            return asked;
        }
        return asked.scopedTo(caller).orElseThrow(() -> new GatewayProblem(403, "out-of-scope", "Forbidden",
                "These customers are not within your data scope"));
    }

    /** The criteria in the body, or a 400 naming the first field that is wrong. */
    static ListCriteria parse(String text, boolean paged) {
        Body b;
        try {
            b = text == null || text.isBlank() ? null : READER.readValue(text, Body.class);
        } catch (UnrecognizedPropertyException e) {
            throw GatewayProblem.invalid(path(e), "is not a criterion; known: branch, tiers, owner, partyType, "
                    + "productsHeld, productsNotHeld, depositBalance, loanBalance, wealthBalance, qualityFlags, page, "
                    + "size, sort");
        } catch (JsonMappingException e) {
            throw GatewayProblem.invalid(e.getPath().isEmpty() ? "body" : path(e), "has the wrong type");
        } catch (JsonProcessingException e) {
            throw GatewayProblem.invalid("body", "is not JSON");
        }
        if (b == null) {
            throw GatewayProblem.invalid("body", "is required: the criteria as JSON ({} for every customer)");
        }
        ListCriteria.Sort sort = ListCriteria.Sort.DEFAULT;
        if (b.sort() != null) {
            sort = ListCriteria.Sort.parse(b.sort()).orElseThrow(() -> GatewayProblem.invalid("sort",
                    "must be one of " + java.util.Arrays.toString(ListCriteria.SortKey.values())
                            + ", optionally followed by ,asc or ,desc"));
        }
        ListCriteria criteria = new ListCriteria(blank(b.branch()), b.tiers(), blank(b.owner()), blank(b.partyType()),
                b.productsHeld(), b.productsNotHeld(), range(b.depositBalance()), range(b.loanBalance()),
                range(b.wealthBalance()), b.qualityFlags(), b.page() == null ? 0 : b.page(),
                b.size() == null ? ListCriteria.DEFAULT_PAGE_SIZE : b.size(), sort);
        criteria.validate().ifPresent(invalid -> {
            throw GatewayProblem.invalid(invalid.field(), invalid.reason());
        });
        if (!paged && (b.page() != null || b.size() != null)) {
            throw GatewayProblem.invalid(b.page() != null ? "page" : "size", "does not apply: the CSV export is the "
                    + "whole list");
        }
        return criteria;
    }

    private static ListCriteria.Range range(Range r) {
        return r == null ? null : new ListCriteria.Range(r.min(), r.max());
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
