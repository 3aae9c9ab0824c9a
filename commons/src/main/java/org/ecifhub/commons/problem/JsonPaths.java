package org.ecifhub.commons.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.util.List;

/** Names the JSON field a Jackson error is about, and says what was wrong in words a caller understands. */
public final class JsonPaths {

    private JsonPaths() {
    }

    /** {@code party.accounts[0].balance} from Jackson's reference chain; null when there is none. */
    public static String of(List<JsonMappingException.Reference> path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    public static String reason(JsonProcessingException e) {
        if (e instanceof InvalidFormatException f) {
            String expected = f.getTargetType() == null ? "another type" : describe(f.getTargetType());
            return "'" + f.getValue() + "' is not a valid " + expected;
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "expected " + describe(m.getTargetType());
        }
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return "malformed JSON" + where + ": " + e.getOriginalMessage();
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            StringBuilder values = new StringBuilder();
            for (Object c : type.getEnumConstants()) {
                values.append(values.isEmpty() ? "" : ", ").append(c);
            }
            return "value (one of " + values + ")";
        }
        return switch (type.getSimpleName()) {
            case "BigDecimal", "Double", "double", "Float", "float" -> "number";
            case "Integer", "int", "Long", "long" -> "whole number";
            case "Boolean", "boolean" -> "boolean (true or false)";
            case "LocalDate" -> "date (yyyy-MM-dd)";
            case "OffsetDateTime" -> "timestamp with offset (e.g. 2026-11-21T23:00:00+08:00)";
            case "String" -> "string";
            case "List", "ArrayList" -> "array";
            default -> "object";
        };
    }
}
