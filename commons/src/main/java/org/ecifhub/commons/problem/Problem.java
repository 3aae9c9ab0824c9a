package org.ecifhub.commons.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem detail, served as {@code application/problem+json}. {@code type} is stable per kind of
 * error ({@code urn:ecif:problem:<kind>}) so that callers can branch on it; {@code errors} names each offending
 * record and field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<InvalidField> errors, @JsonAnyGetter Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One refused value: {@code index} is the record's position in the batch (absent for a single document). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InvalidField(Integer index, String field, String reason) {
    }

    public static String type(String kind) {
        return "urn:ecif:problem:" + kind;
    }

    public static Problem of(int status, String kind, String title, String detail) {
        return new Problem(type(kind), title, status, detail, null, null, null);
    }

    public Problem withErrors(List<InvalidField> fieldErrors) {
        return new Problem(type, title, status, detail, instance, fieldErrors, extensions);
    }

    public Problem withExtensions(Map<String, Object> more) {
        return new Problem(type, title, status, detail, instance, errors, more);
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, errors, extensions);
    }
}
