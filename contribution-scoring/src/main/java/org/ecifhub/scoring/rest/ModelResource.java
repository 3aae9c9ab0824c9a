package org.ecifhub.scoring.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ecifhub.scoring.domain.ScoringModel;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import org.ecifhub.scoring.service.ActivationJobs;
import org.ecifhub.scoring.service.ModelService;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/v1/scoring/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Models", description = "The scoring model as versioned data: store, simulate, activate")
public class ModelResource {

    /** A new model version and who proposes it. */
    public record NewModel(String createdBy, ScoringModel model) {
    }

    private final ModelService models;
    private final ActivationJobs jobs;

    public ModelResource(ModelService models, ActivationJobs jobs) {
        this.models = models;
        this.jobs = jobs;
    }

    @GET
    @Operation(summary = "Every stored model version, newest first")
    public List<ModelService.StoredModel> list() {
        return models.list();
    }

    @GET
    @Path("/{version}")
    @Operation(summary = "One model version with all its parameters ('active' for the active one)")
    @APIResponse(responseCode = "404", description = "No such version", content = @Content(mediaType = ScoreResource.PROBLEM))
    public ModelService.StoredModel get(@Parameter(example = "ecif-cs-1.0") @PathParam("version") String version) {
        return models.get(version);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store a new model version as a draft",
            description = "Versions are immutable: a change is a new version. Simulate it, then activate it.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "draft", value = """
            {"createdBy": "HQ-RISK-01", "model": {"version": "ecif-cs-1.1",
             "description": "EXCELLENT from 300,000 average assets",
             "windows": {"shortDays": 30, "longDays": 90},
             "depositSpreads": {"DEMAND_DEPOSIT": 0.0150, "TIME_DEPOSIT": 0.0080, "CORPORATE_DEPOSIT": 0.0120, "WEALTH": 0.0050},
             "loans": {"fundsTransferPrice": 0.0300, "defaultInterestRate": 0.0435, "lossRate1To30": 0.02,
                       "lossRate31To90": 0.10, "lossRateOver90": 0.45},
             "points": {"perCnyOfContribution": 0.01, "ebankingSignedUp": 20, "perLogin": 0.5, "perTransaction": 1,
                        "ebankingCap": 60, "perProductCategory": 10, "perTenureYear": 2, "tenureCap": 20,
                        "perDayPastDue": 2, "riskCap": 200},
             "tiers": {"privilegeAssets": 500000, "privilegeContribution": 10000, "excellentAssets": 300000,
                       "excellentContribution": 4000, "potentialAssets": 50000, "risingShare": 0.20,
                       "risingMinAssets": 10000, "engagementPoints": 40},
             "watch": {"balanceDropShare": 0.30, "overdueDays": 1},
             "gracePeriodDays": 30}}""")))
    @APIResponse(responseCode = "201", description = "Stored as DRAFT")
    @APIResponse(responseCode = "400", description = "A parameter is missing or out of range",
            content = @Content(mediaType = ScoreResource.PROBLEM, examples = @ExampleObject(name = "invalid", value = """
                    {"type": "urn:ecif:problem:validation", "title": "Invalid request", "status": 400,
                     "detail": "The model was refused: model.windows.longDays must be at least shortDays and at most 731",
                     "errors": [{"field": "model.windows.longDays",
                                 "reason": "must be at least shortDays and at most 731"}]}""")))
    @APIResponse(responseCode = "409", description = "The version exists already", content = @Content(mediaType = ScoreResource.PROBLEM))
    public Response create(NewModel body) {
        ModelService.StoredModel stored = models.create(body == null ? null : body.model(),
                body == null ? null : body.createdBy());
        return Response.status(201).entity(stored).build();
    }

    @POST
    @Path("/{version}/simulate")
    @Operation(summary = "What if: the tier migration matrix of this version against the active one",
            description = "Rows: every active customer's tier now; columns: the tier this version would give. "
                    + "Nothing is changed.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            examples = @ExampleObject(name = "simulation", value = """
                    {"candidate": "ecif-cs-1.1", "active": "ecif-cs-1.0", "customers": 3000, "changed": 57,
                     "matrix": {"EXCELLENT": {"PRIVILEGE": 0, "EXCELLENT": 301, "POTENTIAL": 57, "GENERAL": 0}},
                     "sample": [{"customerNumber": "1000000007", "branchCode": "LSJ002", "from": "EXCELLENT",
                                 "to": "POTENTIAL", "reason": "average assets 251000 over 90 days >= 50000"}]}""")))
    @APIResponse(responseCode = "404", description = "No such version", content = @Content(mediaType = ScoreResource.PROBLEM))
    public ModelService.Simulation simulate(@Parameter(example = "ecif-cs-1.1") @PathParam("version") String version) {
        return models.simulate(version);
    }

    @POST
    @Path("/{version}/activate")
    @Operation(summary = "Activate this version; every customer is then re-scored by a background job",
            description = "The version becomes the active model at once (events are scored with it from now on) and "
                    + "a job re-scores every active customer with it, in customer number order, a page per "
                    + "transaction. TierChanged is published only for customers whose tier really changes. The new "
                    + "model's tiers apply at once (they are what simulate showed); hysteresis applies again from "
                    + "the next balance on. Follow the job at the Location returned; a service restarted mid-way "
                    + "resumes it after its last committed page.")
    @APIResponse(responseCode = "202", description = "Activated; the re-scoring job started",
            headers = @Header(name = "Location", description = "The job: /api/v1/scoring/jobs/{id}"),
            content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "started", value = """
                    {"id": "5f0c2a52-8d7e-4c1a-9a57-0c3f9d1e2b44", "kind": "ACTIVATION", "modelVersion": "ecif-cs-1.1",
                     "previousVersion": "ecif-cs-1.0", "status": "RUNNING", "total": 1000000, "processed": 0,
                     "changed": 0, "percent": 0, "matrix": {}, "error": null,
                     "createdAt": "2026-11-22T09:00:00Z", "updatedAt": "2026-11-22T09:00:00Z", "finishedAt": null,
                     "millis": null}""")))
    @APIResponse(responseCode = "404", description = "No such version", content = @Content(mediaType = ScoreResource.PROBLEM))
    @APIResponse(responseCode = "409", description = "Already active, or another activation is still running",
            content = @Content(mediaType = ScoreResource.PROBLEM))
    public Response activate(@Parameter(example = "ecif-cs-1.1") @PathParam("version") String version,
                             @Context UriInfo uri) {
        ActivationJobs.Job job = jobs.activate(version);
        return Response.accepted(job)
                .location(uri.getBaseUriBuilder().path(JobResource.class).path(job.id().toString()).build()).build();
    }
}
