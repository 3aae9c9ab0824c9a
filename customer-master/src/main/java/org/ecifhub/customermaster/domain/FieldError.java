package org.ecifhub.customermaster.domain;

/** Why one field of one feed record was refused: {@code field} is a JSON path such as {@code party.name}. */
public record FieldError(String field, String reason) {
}
