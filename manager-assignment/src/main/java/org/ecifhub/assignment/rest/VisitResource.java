package org.ecifhub.assignment.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ecifhub.assignment.service.Problems;
import org.ecifhub.assignment.service.VisitService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Period;
import java.util.List;
import java.util.Map;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Visits", description = "Visit plans by tier, visit reports (走访), worklists and overdue visits")
public class VisitResource {

    private final VisitService visits;

    public VisitResource(VisitService visits) {
        this.visits = visits;
    }

    @POST
    @Path("/visits")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report a visit (channel VISIT or PHONE)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "visit",
            value = "{\"customerNumber\": \"1000000001\", \"staffId\": \"S0101\", \"date\": \"2026-11-20\", "
                    + "\"channel\": \"VISIT\", \"needs\": \"子女留学换汇\", \"products\": [\"TIME_DEPOSIT\", \"WEALTH\"], "
                    + "\"nextDate\": \"2026-12-20\"}")))
    @APIResponse(responseCode = "201", description = "Recorded")
    @APIResponse(responseCode = "400", description = "A value is refused (problem+json naming the field)")
    public Response report(VisitService.Report report) {
        if (report == null) {
            throw Problems.invalid("body", "is required");
        }
        return Response.status(201).entity(visits.report(report)).build();
    }

    @GET
    @Path("/visits")
    @Operation(summary = "Visit reports of a customer and/or a staff member, latest first")
    public List<VisitService.Visit> list(@QueryParam("customer") String customer, @QueryParam("staff") String staff) {
        return visits.list(customer, staff);
    }

    @GET
    @Path("/visits/{id:[0-9]+}")
    public VisitService.Visit get(@PathParam("id") long id) {
        return visits.get(id);
    }

    @GET
    @Path("/visits/plans")
    @Operation(summary = "How often each tier is visited (ISO-8601 periods; a tier not listed has no plan)")
    public Map<String, Period> plans() {
        return visits.plans();
    }

    @GET
    @Path("/visits/worklist")
    @Operation(summary = "A staff member's worklist for a day (default today): their customers due that day or overdue")
    public List<VisitService.Due> worklist(@QueryParam("staff") String staff, @QueryParam("date") String date) {
        if (staff == null) {
            throw Problems.invalid("staff", "is required");
        }
        return visits.worklist(staff, StaffResource.date("date", date));
    }

    @GET
    @Path("/visits/overdue")
    @Operation(summary = "Overdue visits of a staff member (?staff=) or of a branch (?branch=), as of a day (default today)")
    public List<VisitService.Due> overdue(@QueryParam("staff") String staff, @QueryParam("branch") String branch,
                                          @QueryParam("date") String date) {
        return visits.overdue(staff, branch, StaffResource.date("date", date));
    }
}
