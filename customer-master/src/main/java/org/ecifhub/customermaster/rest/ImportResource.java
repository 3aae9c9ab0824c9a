package org.ecifhub.customermaster.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ecifhub.commons.problem.Problem;
import org.ecifhub.commons.problem.ProblemException;
import org.ecifhub.customermaster.service.ImportService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Feeds")
public class ImportResource {

    private final ImportService imports;

    public ImportResource(ImportService imports) {
        this.imports = imports;
    }

    @POST
    @Path("/feeds/{source}/imports")
    @Consumes({FeedResource.NDJSON, "text/csv"})
    @Operation(summary = "Import a whole file of feed records in the background",
            description = "NDJSON (one record a line) or CSV (header documented in the service README). The file "
                    + "is streamed to disk and consolidated batch by batch; answers 202 with the job. Re-importing "
                    + "the same records changes nothing and announces nothing.")
    public Response start(@PathParam("source") String source, @HeaderParam("Content-Type") String contentType,
                          InputStream body) {
        String format = contentType != null && contentType.startsWith("text/csv") ? "CSV" : "NDJSON";
        ImportService.JobView job = imports.start(source, format, body);
        return Response.accepted(job).location(URI.create("/api/v1/imports/" + job.id())).build();
    }

    @GET
    @Path("/imports")
    @Operation(summary = "The newest imports first, e.g. the running ones for the operations console",
            description = "state may repeat (QUEUED, RUNNING, COMPLETED, FAILED); none means every state. "
                    + "limit 1..200, default 20.")
    public List<ImportService.JobView> recent(@QueryParam("state") List<String> states,
                                              @QueryParam("limit") @DefaultValue("20") int limit) {
        if (limit < 1 || limit > 200) {
            throw new ProblemException(Problem.of(400, "validation", "Invalid request", "limit must be 1..200")
                    .withErrors(List.of(new Problem.InvalidField(null, "limit", "must be 1..200"))));
        }
        List<String> wanted = states.stream().map(s -> s.trim().toUpperCase(java.util.Locale.ROOT)).toList();
        for (String state : wanted) {
            if (!JOB_STATES.contains(state)) {
                String reason = "must be one of " + JOB_STATES + ", not " + state;
                throw new ProblemException(Problem.of(400, "validation", "Invalid request", "state " + reason)
                        .withErrors(List.of(new Problem.InvalidField(null, "state", reason))));
            }
        }
        return imports.recent(wanted, limit);
    }

    private static final List<String> JOB_STATES = List.of("QUEUED", "RUNNING", "COMPLETED", "FAILED");

    @GET
    @Path("/imports/{id}")
    @Operation(summary = "An import's state (QUEUED, RUNNING, COMPLETED, FAILED), counts and rate")
    public ImportService.JobView job(@PathParam("id") String id) {
        return imports.job(parse(id));
    }

    @GET
    @Path("/imports/{id}/rejected")
    @Operation(summary = "An import's refused records, with their index in the file and the reasons")
    public List<ImportService.RejectedView> rejected(@PathParam("id") String id,
                                                     @QueryParam("page") @DefaultValue("0") int page,
                                                     @QueryParam("size") @DefaultValue("100") int size) {
        if (page < 0 || size < 1 || size > 1000) {
            throw new ProblemException(Problem.of(400, "validation", "Invalid request", "page >= 0, size 1..1000"));
        }
        return imports.rejected(parse(id), page, size);
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Import " + id);
        }
    }
}
