package org.ecifhub.gateway.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A problem+json answer from one of the gateway's own resources. */
public class GatewayProblem extends RuntimeException {

    private final int status;
    private final String kind;
    private final String title;
    private final String field;

    /** A 400 naming the refused parameter and why. */
    public static GatewayProblem invalid(String field, String reason) {
        return new GatewayProblem(400, "validation", "Invalid request", field + " " + reason, field);
    }

    public GatewayProblem(int status, String kind, String title, String detail) {
        this(status, kind, title, detail, null);
    }

    private GatewayProblem(int status, String kind, String title, String detail, String field) {
        super(detail, null, false, false);
        this.status = status;
        this.kind = kind;
        this.title = title;
        this.field = field;
    }

    /** Writes {@link GatewayProblem}s as problem+json. */
    @Provider
    public static class Mapper implements ExceptionMapper<GatewayProblem> {
        @Override
        public Response toResponse(GatewayProblem p) {
            var body = Problems.body(p.status, p.kind, p.title, p.getMessage());
            if (p.field != null) {
                body.putArray("errors").addObject().put("field", p.field)
                        .put("reason", p.getMessage().substring(p.field.length() + 1));
            }
            return Response.status(p.status).type(Problems.MEDIA_TYPE).entity(body.toString()).build();
        }
    }
}
