package org.ecifhub.assignment.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ecifhub.assignment.domain.Grade;
import org.ecifhub.assignment.domain.StaffRole;
import org.ecifhub.assignment.domain.StaffStatus;
import org.ecifhub.assignment.persistence.OwnershipRepository;
import org.ecifhub.assignment.persistence.StaffEntity;
import org.ecifhub.assignment.persistence.StaffRepository;
import org.ecifhub.assignment.service.DepartureService;
import org.ecifhub.assignment.service.OrganisationService;
import org.ecifhub.assignment.service.PerformanceService;
import org.ecifhub.assignment.service.Problems;
import org.ecifhub.assignment.service.VisitService;
import org.ecifhub.commons.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.util.List;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Staff", description = "Customer managers and tellers of each branch, rosters, performance, departures")
public class StaffResource {

    static final String STAFF_EXAMPLE = "{\"staffId\": \"S0101\", \"name\": \"刘建军\", \"branchCode\": \"LSJ001\", "
            + "\"role\": \"CUSTOMER_MANAGER\", \"grade\": \"SENIOR\", \"capacity\": 300}";

    /** A staff member; a teller has no grade; capacity defaults to 300, status to ACTIVE. */
    public record StaffView(@NotBlank @Size(max = 32) String staffId, @NotBlank @Size(max = 100) String name,
                            @NotBlank @Size(max = 64) String branchCode, @NotNull StaffRole role, Grade grade,
                            @Min(0) Integer capacity, StaffStatus status, Long load) {
        static StaffView of(StaffEntity s, long load) {
            return new StaffView(s.staffId, s.name, s.branchCode, s.role, s.grade, s.capacity, s.status, load);
        }

        OrganisationService.StaffData data() {
            return new OrganisationService.StaffData(staffId, name, branchCode, role, grade, capacity, status);
        }
    }

    public record Departure(String operator, String reason) {
    }

    private final StaffRepository staff;
    private final OwnershipRepository ownerships;
    private final OrganisationService organisation;
    private final DepartureService departures;
    private final VisitService visits;
    private final PerformanceService performance;

    public StaffResource(StaffRepository staff, OwnershipRepository ownerships, OrganisationService organisation,
                         DepartureService departures, VisitService visits, PerformanceService performance) {
        this.staff = staff;
        this.ownerships = ownerships;
        this.organisation = organisation;
        this.departures = departures;
        this.visits = visits;
        this.performance = performance;
    }

    @GET
    @Path("/staff")
    @Transactional
    @Operation(summary = "Staff, optionally of one branch and/or one status, with the number of customers each owns")
    public List<StaffView> list(@QueryParam("branch") String branch, @QueryParam("status") StaffStatus status) {
        List<StaffEntity> all = staff.listAll().stream()
                .filter(s -> branch == null || branch.equals(s.branchCode))
                .filter(s -> status == null || status == s.status)
                .sorted(java.util.Comparator.comparing(s -> s.staffId)).toList();
        return all.stream().map(s -> StaffView.of(s, ownerships.countCurrentOf(s.staffId))).toList();
    }

    @GET
    @Path("/staff/{staffId}")
    @Transactional
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "senior manager", value = STAFF_EXAMPLE)))
    public StaffView get(@PathParam("staffId") String staffId) {
        return staff.findByIdOptional(staffId).map(s -> StaffView.of(s, ownerships.countCurrentOf(staffId)))
                .orElseThrow(() -> ProblemException.notFound("Staff member " + staffId));
    }

    @POST
    @Path("/staff")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a staff member (a customer manager needs a grade; a teller has none)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
            @ExampleObject(name = "senior manager", value = STAFF_EXAMPLE),
            @ExampleObject(name = "teller", value = "{\"staffId\": \"T0101\", \"name\": \"王芳\", \"branchCode\": "
                    + "\"LSJ001\", \"role\": \"TELLER\", \"capacity\": 500}")}))
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "A value is refused (problem+json naming the field)")
    @APIResponse(responseCode = "409", description = "The staff member already exists")
    public Response create(@Valid @NotNull StaffView request) {
        StaffEntity s = organisation.create(request.data());
        return Response.status(201).entity(StaffView.of(s, 0)).build();
    }

    @PUT
    @Path("/staff/{staffId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a staff member (branch, grade, capacity, status ACTIVE/ON_LEAVE)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "on leave",
            value = "{\"staffId\": \"S0101\", \"name\": \"刘建军\", \"branchCode\": \"LSJ001\", \"role\": "
                    + "\"CUSTOMER_MANAGER\", \"grade\": \"SENIOR\", \"capacity\": 300, \"status\": \"ON_LEAVE\"}")))
    @APIResponse(responseCode = "409", description = "DEPARTING/DEPARTED go through the departure hand-over")
    public StaffView update(@PathParam("staffId") String staffId, @Valid @NotNull StaffView request) {
        StaffEntity s = organisation.update(staffId, request.data());
        return StaffView.of(s, ownerships.countCurrentOf(staffId));
    }

    @POST
    @Path("/staff/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Operation(summary = "Bulk import (CSV with a header row); creates or updates every row, or nothing if a value is refused")
    @RequestBody(content = @Content(mediaType = "text/csv", examples = @ExampleObject(name = "two staff",
            value = "staffId,name,branchCode,role,grade,capacity\nS0101,刘建军,LSJ001,CUSTOMER_MANAGER,SENIOR,300\n"
                    + "T0101,王芳,LSJ001,TELLER,,500\n")))
    @APIResponse(responseCode = "200", description = "{\"created\": 2, \"updated\": 0}")
    @APIResponse(responseCode = "422", description = "Refused values, each with its row index and field")
    public OrganisationService.ImportResult importCsv(String csv) {
        return organisation.importCsv(csv);
    }

    @GET
    @Path("/staff/{staffId}/roster")
    @Operation(summary = "The staff member's roster (客户名册): customers owned now, with contact, holdings, tier, last visit")
    public List<VisitService.RosterLine> roster(@PathParam("staffId") String staffId) {
        return visits.roster(staffId);
    }

    @GET
    @Path("/staff/{staffId}/performance")
    @Operation(summary = "Contribution of the customers the staff member owned in the period (days included), "
            + "split primary/secondary, with drill-down per customer")
    public PerformanceService.Report performance(@PathParam("staffId") String staffId,
                                                 @QueryParam("from") String from, @QueryParam("to") String to) {
        return performance.of(staffId, date("from", from), date("to", to));
    }

    @POST
    @Path("/staff/{staffId}/departure")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a departure (离岗): the staff member becomes DEPARTING; returns the hand-over plan "
            + "with a proposed new owner and an audit checklist per customer")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "departure",
            value = "{\"operator\": \"HR001\", \"reason\": \"调往县联社\"}")))
    public DepartureService.Plan depart(@PathParam("staffId") String staffId, Departure body) {
        if (body == null) {
            throw Problems.invalid("operator", "is required");
        }
        return departures.start(staffId, body.operator(), body.reason());
    }

    @GET
    @Path("/staff/{staffId}/departure")
    @Operation(summary = "The current hand-over plan")
    public DepartureService.Plan plan(@PathParam("staffId") String staffId) {
        return departures.plan(staffId);
    }

    @POST
    @Path("/staff/{staffId}/departure/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Apply the hand-over plan; the staff member becomes DEPARTED owning no customer")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "confirm",
            value = "{\"operator\": \"HR001\"}")))
    @APIResponse(responseCode = "409", description = "The departure was not started")
    public DepartureService.Confirmation confirm(@PathParam("staffId") String staffId, Departure body) {
        return departures.confirm(staffId, body == null ? null : body.operator());
    }

    static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw Problems.invalid(field, "not a date (yyyy-MM-dd): " + value);
        }
    }
}
