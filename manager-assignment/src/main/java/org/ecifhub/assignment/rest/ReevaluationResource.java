package org.ecifhub.assignment.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.ecifhub.assignment.service.ReevaluationService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** Re-evaluation of every customer against the coverage policy, as a background job with a status resource. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ownership", description = "Who owns each customer, and who did")
public class ReevaluationResource {

    public record Reevaluation(String operator, String reason) {
    }

    private static final String RUNNING_EXAMPLE = """
            {"id": "0b7f3c1e-5d2a-4c1b-9a53-3f0c2f1f8e21", "status": "RUNNING", "operator": "OP001",
             "reason": "新覆盖策略", "customers": 1000000, "processed": 412000, "changed": 20600, "percent": 41,
             "startedAt": "2026-11-22T10:00:00+08:00", "finishedAt": null, "millis": null, "error": null}""";
    private static final String DONE_EXAMPLE = """
            {"id": "0b7f3c1e-5d2a-4c1b-9a53-3f0c2f1f8e21", "status": "SUCCEEDED", "operator": "OP001",
             "reason": "新覆盖策略", "customers": 1000000, "processed": 1000000, "changed": 50000, "percent": 100,
             "startedAt": "2026-11-22T10:00:00+08:00", "finishedAt": "2026-11-22T10:01:30+08:00", "millis": 90000,
             "error": null}""";

    private final ReevaluationService reevaluation;

    public ReevaluationResource(ReevaluationService reevaluation) {
        this.reevaluation = reevaluation;
    }

    @POST
    @Path("/assignment/reevaluation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start re-evaluating every unlocked customer against the coverage policy (after a policy "
            + "change or new staff)", description = "Runs in the background, a page of customers at a time; customers "
            + "who still fit keep their owner and publish nothing. Follow Location for status and progress. One job "
            + "runs at a time.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "policy change",
            value = "{\"operator\": \"OP001\", \"reason\": \"新覆盖策略\"}")))
    @APIResponse(responseCode = "202", description = "Started",
            headers = @Header(name = "Location", description = "The job: /api/v1/assignment/reevaluation/{id}",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    examples = @ExampleObject(name = "started", value = """
                            {"id": "0b7f3c1e-5d2a-4c1b-9a53-3f0c2f1f8e21", "status": "RUNNING", "operator": "OP001",
                             "reason": "新覆盖策略", "customers": 1000000, "processed": 0, "changed": 0, "percent": 0,
                             "startedAt": "2026-11-22T10:00:00+08:00"}""")))
    @APIResponse(responseCode = "400", description = "operator missing (problem+json, errors[].field)")
    @APIResponse(responseCode = "409", description = "Another re-evaluation is running")
    public Response start(Reevaluation body, @Context UriInfo uri) {
        ReevaluationService.Job job = reevaluation.start(body == null ? null : body.operator(),
                body == null ? null : body.reason());
        return Response.accepted(job).location(uri.getBaseUriBuilder().path("api/v1/assignment/reevaluation")
                .path(job.id().toString()).build()).build();
    }

    @GET
    @Path("/assignment/reevaluation/{id}")
    @Operation(summary = "A re-evaluation job: status (RUNNING, SUCCEEDED, FAILED), progress and counts")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "running", value = RUNNING_EXAMPLE),
            @ExampleObject(name = "done", value = DONE_EXAMPLE)}))
    @APIResponse(responseCode = "404", description = "No such job")
    public ReevaluationService.Job job(@PathParam("id") UUID id) {
        return reevaluation.find(id);
    }

    @GET
    @Path("/assignment/reevaluation")
    @Operation(summary = "The latest re-evaluation jobs, newest first (at most 20)")
    public List<ReevaluationService.Job> jobs() {
        return reevaluation.latest();
    }
}
