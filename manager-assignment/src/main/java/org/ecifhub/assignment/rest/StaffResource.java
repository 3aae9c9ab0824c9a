package org.ecifhub.assignment.rest;

import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ecifhub.assignment.domain.Grade;
import org.ecifhub.assignment.domain.StaffRole;
import org.ecifhub.assignment.persistence.StaffEntity;
import org.ecifhub.assignment.persistence.StaffRepository;
import org.ecifhub.commons.problem.Problem;
import org.ecifhub.commons.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.List;

@Path("/api/v1/staff")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Staff", description = "Customer managers and tellers of each branch")
public class StaffResource {

    public record StaffView(@NotBlank @Size(max = 32) String staffId, @NotBlank @Size(max = 100) String name,
                            @NotBlank @Size(max = 64) String branchCode, @NotNull StaffRole role, Grade grade,
                            @Min(0) Integer capacity, String status) {
        static StaffView of(StaffEntity s) {
            return new StaffView(s.staffId, s.name, s.branchCode, s.role, s.grade, s.capacity, s.status);
        }
    }

    private final StaffRepository staff;

    public StaffResource(StaffRepository staff) {
        this.staff = staff;
    }

    @GET
    @Operation(summary = "Staff, optionally of one branch")
    public List<StaffView> list(@QueryParam("branch") String branch) {
        List<StaffEntity> all = branch == null ? staff.listAll() : staff.list("branchCode", branch);
        return all.stream().map(StaffView::of).toList();
    }

    @GET
    @Path("/{staffId}")
    public StaffView get(@PathParam("staffId") String staffId) {
        return staff.findByIdOptional(staffId).map(StaffView::of)
                .orElseThrow(() -> ProblemException.notFound("Staff member " + staffId));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Add a staff member (a customer manager needs a grade; a teller has none)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "senior manager",
            value = "{\"staffId\": \"S0101\", \"name\": \"刘建军\", \"branchCode\": \"LSJ001\", "
                    + "\"role\": \"CUSTOMER_MANAGER\", \"grade\": \"SENIOR\", \"capacity\": 300}")))
    public Response create(@Valid @NotNull StaffView request) {
        if (request.role() == StaffRole.CUSTOMER_MANAGER && request.grade() == null) {
            throw invalid("grade", "a customer manager needs a grade (SENIOR, MANAGER or TRAINEE)");
        }
        if (request.role() == StaffRole.TELLER && request.grade() != null) {
            throw invalid("grade", "a teller has no grade");
        }
        if (staff.findById(request.staffId()) != null) {
            throw new ProblemException(Problem.of(409, "conflict", "Already exists",
                    "Staff member " + request.staffId() + " already exists"));
        }
        StaffEntity s = new StaffEntity();
        s.staffId = request.staffId();
        s.name = request.name();
        s.branchCode = request.branchCode();
        s.role = request.role();
        s.grade = request.grade();
        s.capacity = request.capacity() == null ? 300 : request.capacity();
        s.status = "ACTIVE";
        s.createdAt = OffsetDateTime.now();
        staff.persist(s);
        return Response.status(201).entity(StaffView.of(s)).build();
    }

    private static ProblemException invalid(String field, String reason) {
        return new ProblemException(Problem.of(400, "validation", "Invalid request", reason)
                .withErrors(List.of(new Problem.InvalidField(null, field, reason))));
    }
}
