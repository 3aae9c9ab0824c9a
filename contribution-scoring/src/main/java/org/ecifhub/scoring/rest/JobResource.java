package org.ecifhub.scoring.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.ecifhub.commons.problem.Problem;
import org.ecifhub.commons.problem.ProblemException;
import org.ecifhub.scoring.service.ActivationJobs;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

@Path("/api/v1/scoring/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Models", description = "The scoring model as versioned data: store, simulate, activate")
public class JobResource {

    private final ActivationJobs jobs;

    public JobResource(ActivationJobs jobs) {
        this.jobs = jobs;
    }

    @GET
    @Operation(summary = "The latest background jobs (model activations), newest first")
    public List<ActivationJobs.Job> recent() {
        return jobs.recent();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One background job: status, progress, counts, migration matrix so far, error",
            description = "status is RUNNING, SUCCEEDED or FAILED. processed and changed count the customers "
                    + "re-scored and those whose tier changed (one TierChanged each) in committed pages.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "succeeded", value = """
                    {"id": "5f0c2a52-8d7e-4c1a-9a57-0c3f9d1e2b44", "kind": "ACTIVATION", "modelVersion": "ecif-cs-1.1",
                     "previousVersion": "ecif-cs-1.0", "status": "SUCCEEDED", "total": 1000000, "processed": 1000000,
                     "changed": 41200, "percent": 100,
                     "matrix": {"EXCELLENT": {"PRIVILEGE": 0, "EXCELLENT": 180300, "POTENTIAL": 41200, "GENERAL": 0}},
                     "error": null, "createdAt": "2026-11-22T09:00:00Z", "updatedAt": "2026-11-22T09:01:40Z",
                     "finishedAt": "2026-11-22T09:01:40Z", "millis": 100000}""")))
    @APIResponse(responseCode = "400", description = "Not a job id", content = @Content(mediaType = ScoreResource.PROBLEM))
    @APIResponse(responseCode = "404", description = "No such job", content = @Content(mediaType = ScoreResource.PROBLEM))
    public ActivationJobs.Job get(@Parameter(example = "5f0c2a52-8d7e-4c1a-9a57-0c3f9d1e2b44") @PathParam("id") String id) {
        UUID jobId;
        try {
            jobId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.of(400, "validation", "Invalid request", "Not a job id: " + id)
                    .withErrors(List.of(new Problem.InvalidField(null, "id", "must be a UUID"))));
        }
        return jobs.get(jobId);
    }
}
