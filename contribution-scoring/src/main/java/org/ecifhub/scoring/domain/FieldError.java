package org.ecifhub.scoring.domain;

/** A refused value: the JSON path of the field and why. */
public record FieldError(String field, String reason) {
}
