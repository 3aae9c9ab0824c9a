package org.ecifhub.customermaster.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.ecifhub.commons.problem.Problem;
import org.ecifhub.commons.problem.ProblemException;
import org.ecifhub.customermaster.service.StewardshipService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Set;

@Path("/api/v1/stewardship/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Stewardship")
public class StewardshipQueueResource {

    private static final Set<String> STATUSES = Set.of("OPEN", "MERGED", "KEPT_APART");

    private final StewardshipService stewardship;

    public StewardshipQueueResource(StewardshipService stewardship) {
        this.stewardship = stewardship;
    }

    @GET
    @Operation(summary = "Possible matches waiting for a steward, both records side by side with the comparator "
            + "breakdown")
    public List<StewardshipService.TaskView> tasks(@QueryParam("status") @DefaultValue("OPEN") String status,
                                                   @QueryParam("page") @DefaultValue("0") int page,
                                                   @QueryParam("size") @DefaultValue("20") int size) {
        if (!STATUSES.contains(status) || page < 0 || size < 1 || size > 200) {
            throw new ProblemException(Problem.of(400, "validation", "Invalid request",
                            "status is one of " + STATUSES + ", page >= 0, size 1..200")
                    .withErrors(List.of(new Problem.InvalidField(null, STATUSES.contains(status) ? "size" : "status",
                            "out of range"))));
        }
        return stewardship.tasks(status, page, size);
    }

    @POST
    @Path("/{id}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm the possible match: merge the newer record into the candidate")
    public StewardshipService.TaskView merge(@PathParam("id") long id, StewardshipService.Resolution resolution) {
        return stewardship.confirm(id, require(resolution));
    }

    @POST
    @Path("/{id}/keep-apart")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Keep the two apart; remembered as CANNOT_LINK")
    public StewardshipService.TaskView keepApart(@PathParam("id") long id, StewardshipService.Resolution resolution) {
        return stewardship.keepApart(id, require(resolution));
    }

    private static StewardshipService.Resolution require(StewardshipService.Resolution r) {
        if (r == null) {
            throw new ProblemException(Problem.of(400, "validation", "Invalid request", "a JSON body is required"));
        }
        return r;
    }
}
