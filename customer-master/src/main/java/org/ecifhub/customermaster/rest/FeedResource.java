package org.ecifhub.customermaster.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ecifhub.commons.problem.JsonPaths;
import org.ecifhub.commons.problem.Problem;
import org.ecifhub.commons.problem.ProblemException;
import org.ecifhub.commons.problem.ProblemMappers;
import org.ecifhub.customermaster.config.CustomerMasterConfig;
import org.ecifhub.customermaster.domain.FieldError;
import org.ecifhub.customermaster.service.FeedIngestionService;
import org.ecifhub.customermaster.service.FeedIngestionService.RawRecord;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@Path("/api/v1/feeds/{source}/records")
@Tag(name = "Feeds", description = "Source systems send their customers here")
public class FeedResource {

    public static final String NDJSON = "application/x-ndjson";

    static final String EXAMPLE = """
            [{"source": "DEPOSIT", "sourceCustomerId": "CB000123456", "asOf": "2026-11-21T23:00:00+08:00",
              "branchCode": "LSJ001",
              "party": {"type": "PERSON", "name": "张伟", "idType": "RESIDENT_ID", "idNumber": "431381198001010019",
                        "birthDate": "1980-01-01", "gender": "M", "phone": "13812345678",
                        "address": "湖南省娄底市冷水江市布溪街道北塘村3组12号", "occupation": "个体工商户"},
              "accounts": [{"accountId": "A000000000001", "productType": "DEMAND_DEPOSIT", "currency": "CNY",
                            "balance": 15230.55, "status": "ACTIVE", "openDate": "2015-03-02"}],
              "ebanking": {"mobileBanking": true, "loginsLast30d": 12, "transactionsLast30d": 30}}]""";

    private final FeedIngestionService ingestion;
    private final ObjectMapper mapper;
    private final CustomerMasterConfig config;

    public FeedResource(FeedIngestionService ingestion, ObjectMapper mapper, CustomerMasterConfig config) {
        this.ingestion = ingestion;
        this.mapper = mapper;
        this.config = config;
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, NDJSON})
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Send a small batch of feed records",
            description = "A JSON array (or NDJSON, one record a line) of canonical feed records. Each record is "
                    + "consolidated in its own transaction: the valid ones land even when others are refused. "
                    + "Sending the same record again changes nothing and announces nothing.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "deposit customer", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Every record was accepted")
    @APIResponse(responseCode = "422", description = "Some records were refused (listed with index, field and "
            + "reason); the others were accepted and are listed under results",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "400", description = "The body is not JSON, or the source is unknown",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response ingest(@PathParam("source") String source, @HeaderParam("Content-Type") String contentType,
                           String body) {
        if (!ingestion.isKnownSource(source)) {
            throw new ProblemException(Problem.of(400, "unknown-source", "Unknown source system",
                    "Source '" + source + "' is not one of " + config.sources())
                    .withErrors(List.of(new Problem.InvalidField(null, "source", "unknown source system"))));
        }
        List<RawRecord> batch = contentType != null && contentType.startsWith(NDJSON) ? splitNdjson(body) : splitArray(body);
        if (batch.size() > config.maxBatchRecords()) {
            throw new ProblemException(Problem.of(413, "batch-too-large", "Batch too large",
                    batch.size() + " records; at most " + config.maxBatchRecords()
                            + " per request (use the bulk import for files)"));
        }
        FeedIngestionService.BatchResult result = ingestion.ingest(source, batch);
        Map<String, Object> summary = Map.of("accepted", result.accepted().size(), "rejected", result.rejected().size(),
                "results", result.accepted());
        if (result.rejected().isEmpty()) {
            return Response.ok(summary, MediaType.APPLICATION_JSON).build();
        }
        List<Problem.InvalidField> errors = new ArrayList<>();
        for (FeedIngestionService.Rejection r : result.rejected()) {
            for (FieldError e : r.errors()) {
                errors.add(new Problem.InvalidField(r.index(), e.field(), e.reason()));
            }
        }
        Problem problem = Problem.of(422, "invalid-records", "Some records were refused",
                        result.rejected().size() + " of " + batch.size() + " records were refused and kept with their "
                                + "reasons; the other " + result.accepted().size() + " were accepted")
                .withErrors(errors).withExtensions(summary).withInstance("/api/v1/feeds/" + source + "/records");
        return ProblemMappers.respond(problem);
    }

    private List<RawRecord> splitArray(String body) {
        JsonNode root;
        try {
            root = mapper.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new ProblemException(Problem.of(400, "malformed-body", "Malformed JSON", JsonPaths.reason(e)));
        }
        if (root == null || root.isMissingNode()) {
            throw new ProblemException(Problem.of(400, "malformed-body", "Empty body",
                    "expected a JSON array of feed records"));
        }
        if (root.isObject()) {
            return List.of(new RawRecord(0, root, root.toString(), null));
        }
        if (!root.isArray()) {
            throw new ProblemException(Problem.of(400, "malformed-body", "Malformed body",
                    "expected a JSON array of feed records, got " + root.getNodeType().name().toLowerCase()));
        }
        List<RawRecord> batch = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode node = root.get(i);
            FieldError notObject = node.isObject() ? null : new FieldError("(record)", "must be a JSON object");
            batch.add(new RawRecord(i, node.isObject() ? node : null, node.toString(), notObject));
        }
        return batch;
    }

    private List<RawRecord> splitNdjson(String body) {
        List<RawRecord> batch = new ArrayList<>();
        int index = 0;
        for (String line : (body == null ? "" : body).split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = mapper.readTree(line);
                FieldError notObject = node.isObject() ? null : new FieldError("(record)", "must be a JSON object");
                batch.add(new RawRecord(index, node.isObject() ? node : null, line, notObject));
            } catch (JsonProcessingException e) {
                batch.add(new RawRecord(index, null, line, new FieldError("(record)", JsonPaths.reason(e))));
            }
            index++;
        }
        return batch;
    }
}
