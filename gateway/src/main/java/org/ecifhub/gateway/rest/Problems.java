package org.ecifhub.gateway.rest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * problem+json answers written straight to a Vert.x response. {@code type} is {@code urn:ecif:problem:<kind>}
 * and stable per kind of error.
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    public static ObjectNode body(int status, String kind, String title, String detail) {
        return JsonNodeFactory.instance.objectNode()
                .put("type", "urn:ecif:problem:" + kind)
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
    }

    /** A problem naming the one field (parameter or header) that was refused, and why. */
    public static ObjectNode invalid(String field, String reason) {
        ObjectNode body = body(400, "validation", "Invalid request", field + " " + reason);
        body.putArray("errors").addObject().put("field", field).put("reason", reason);
        return body;
    }

    public static void send(HttpServerResponse response, ObjectNode body) {
        if (response.ended() || response.headWritten()) {
            return;
        }
        response.setStatusCode(body.path("status").asInt()).putHeader(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE)
                .end(body.toString());
    }

    public static void send(HttpServerResponse response, int status, String kind, String title, String detail) {
        if (response.ended()) {
            return;
        }
        if (response.headWritten()) {
            response.reset();
            return;
        }
        if (status == 401) {
            response.putHeader("WWW-Authenticate", "Bearer realm=\"ecif-hub\"");
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE)
                .end(body(status, kind, title, detail).toString());
    }
}
