package org.ecifhub.customermaster.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.ecifhub.commons.problem.ProblemException;
import org.ecifhub.customermaster.service.ProfileService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/customers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Customers")
public class ProfileResource {

    private final ProfileService profiles;

    public ProfileResource(ProfileService profiles) {
        this.profiles = profiles;
    }

    @GET
    @Path("/{customerNumber}/profile")
    @Operation(summary = "What customer managers captured in person (source MANUAL), with who and when")
    public ProfileService.ProfileView get(@PathParam("customerNumber") String customerNumber) {
        ProfileService.ProfileView view = profiles.of(customerNumber);
        if (view == null) {
            throw ProblemException.notFound("A captured profile of customer " + customerNumber);
        }
        return view;
    }

    @PUT
    @Path("/{customerNumber}/profile")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Capture or correct what a customer manager learnt in person; fields left out stay as they are")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "visit", value = "{\"operator\": \"S0101\", "
            + "\"riskPreference\": \"CONSERVATIVE\", \"incomeBand\": \"100K_300K\", \"family\": \"married, two children\", "
            + "\"occupation\": \"养殖户 (pig farmer)\", \"notes\": \"expanding the farm next spring\"}")))
    public ProfileService.ProfileView capture(@PathParam("customerNumber") String customerNumber,
                                              ProfileService.Capture capture) {
        return profiles.capture(customerNumber, capture);
    }
}
