package org.ecifhub.commons.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.stream.Collectors;

/** Turns every error a service can raise into {@code application/problem+json}. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    public static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem().withInstance(uri.getPath()));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException m ? JsonPaths.of(m.getPath()) : null;
        String reason = JsonPaths.reason(e);
        Problem p = Problem.of(400, "malformed-body", "Malformed request body", reason)
                .withErrors(field == null ? null : List.of(new Problem.InvalidField(null, field, reason)));
        return respond(p.withInstance(uri.getPath()));
    }

    /**
     * A body Jackson cannot bind (a number that is not a number, a value no enum has) is a problem naming the field
     * too: Quarkus's own, more specific mapper for this exception would otherwise answer plain JSON.
     */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response unbindable(MismatchedInputException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.InvalidField> fields = e.getConstraintViolations().stream()
                .map(v -> new Problem.InvalidField(null, lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .collect(Collectors.toList());
        return respond(Problem.of(400, "validation", "Invalid request", "Some values were refused")
                .withErrors(fields).withInstance(uri.getPath()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        String kind = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            default -> status >= 500 ? "server-error" : "bad-request";
        };
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        return respond(Problem.of(status, kind, title, e.getMessage()).withInstance(uri.getPath()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "Unexpected error on %s", uri.getPath());
        return respond(Problem.of(500, "server-error", "Internal error",
                "The request could not be completed; nothing was written. The error has been logged.")
                .withInstance(uri.getPath()));
    }

    private static String lastNode(String path) {
        // "ingest.arg1.name" -> "name": callers know the body, not our method names.
        int dot = path.indexOf('.', path.indexOf('.') + 1);
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
