package org.ecifhub.assignment.rest;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.ecifhub.assignment.persistence.BranchEntity;
import org.ecifhub.assignment.persistence.BranchRepository;
import org.ecifhub.assignment.service.OrganisationService;
import org.ecifhub.assignment.service.PerformanceService;
import org.ecifhub.commons.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Branches", description = "Branches (网点): known once staff or customers name them; names and neighbours")
public class BranchResource {

    public record BranchView(String branchCode, String name, List<String> neighbours) {
        static BranchView of(BranchEntity b) {
            return new BranchView(b.branchCode, b.name, b.neighbourList());
        }
    }

    public record BranchUpdate(String name, List<String> neighbours) {
    }

    private final BranchRepository branches;
    private final OrganisationService organisation;
    private final PerformanceService performance;

    public BranchResource(BranchRepository branches, OrganisationService organisation, PerformanceService performance) {
        this.performance = performance;
        this.branches = branches;
        this.organisation = organisation;
    }

    @GET
    @Path("/branches")
    @Transactional
    public List<BranchView> list() {
        return branches.list("order by branchCode").stream().map(BranchView::of).toList();
    }

    @GET
    @Path("/branches/{branchCode}")
    @Transactional
    public BranchView get(@PathParam("branchCode") String branchCode) {
        return branches.findByIdOptional(branchCode).map(BranchView::of)
                .orElseThrow(() -> ProblemException.notFound("Branch " + branchCode));
    }

    @GET
    @Path("/branches/{branchCode}/performance")
    @Operation(summary = "Performance of each staff member of the branch for the period (days included); drill down "
            + "with GET /api/v1/staff/{staffId}/performance")
    public PerformanceService.BranchReport performance(@PathParam("branchCode") String branchCode,
                                                       @QueryParam("from") String from, @QueryParam("to") String to) {
        return performance.ofBranch(branchCode, StaffResource.date("from", from), StaffResource.date("to", to));
    }

    @PUT
    @Path("/branches/{branchCode}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Name a branch and list its neighbours, nearest first (used when the home branch has no one eligible)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "branch",
            value = "{\"name\": \"临湘城关支行\", \"neighbours\": [\"LSJ002\", \"LSJ003\"]}")))
    public BranchView update(@PathParam("branchCode") String branchCode, BranchUpdate body) {
        return BranchView.of(organisation.updateBranch(branchCode, body == null ? null : body.name(),
                body == null ? null : body.neighbours()));
    }
}
