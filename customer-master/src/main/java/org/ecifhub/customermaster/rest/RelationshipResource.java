package org.ecifhub.customermaster.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ecifhub.commons.problem.Problem;
import org.ecifhub.commons.problem.ProblemException;
import org.ecifhub.customermaster.service.RelationshipService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/v1/customers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Relationships", description = "关联关系: legal representatives, family, guarantors, suppliers, shareholders")
public class RelationshipResource {

    private final RelationshipService relationships;

    public RelationshipResource(RelationshipService relationships) {
        this.relationships = relationships;
    }

    @GET
    @Path("/{customerNumber}/relationships")
    @Operation(summary = "The customer's current relationships, in either direction")
    public List<RelationshipService.RelationshipView> list(@PathParam("customerNumber") String customerNumber) {
        return relationships.of(customerNumber);
    }

    @POST
    @Path("/{customerNumber}/relationships")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a relationship (staff): FAMILY, GUARANTOR, SUPPLIER, CUSTOMER or SHAREHOLDER")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "guarantor",
            value = "{\"type\": \"GUARANTOR\", \"toCustomerNumber\": \"1000000042\", \"operator\": \"S0101\", "
                    + "\"reason\": \"guarantees loan LN20260001\"}")))
    public Response add(@PathParam("customerNumber") String customerNumber, RelationshipService.NewRelationship request) {
        if (request == null) {
            throw new ProblemException(Problem.of(400, "validation", "Invalid request", "a JSON body is required"));
        }
        return Response.status(201).entity(relationships.add(customerNumber, request)).build();
    }

    @DELETE
    @Path("/{customerNumber}/relationships/{id}")
    @Operation(summary = "End a relationship recorded by staff (kept, with who ended it and why)")
    public Response end(@PathParam("customerNumber") String customerNumber, @PathParam("id") long id,
                        @QueryParam("operator") String operator, @QueryParam("reason") String reason) {
        relationships.end(customerNumber, id, operator, reason);
        return Response.noContent().build();
    }

    @GET
    @Path("/{customerNumber}/household-suggestions")
    @Operation(summary = "Persons at the same address with the same phone: suggested as family, never asserted")
    public List<RelationshipService.HouseholdSuggestion> household(@PathParam("customerNumber") String customerNumber) {
        return relationships.householdSuggestions(customerNumber);
    }
}
