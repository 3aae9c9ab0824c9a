package org.ecifhub.assignment.service;

import org.ecifhub.commons.problem.Problem;
import org.ecifhub.commons.problem.ProblemException;

import java.util.List;

/** The problem+json errors this service answers with. */
public final class Problems {

    private Problems() {
    }

    public static ProblemException invalid(String field, String reason) {
        return new ProblemException(Problem.of(400, "validation", "Invalid request", field + ": " + reason)
                .withErrors(List.of(new Problem.InvalidField(null, field, reason))));
    }

    public static ProblemException invalid(List<Problem.InvalidField> errors) {
        return new ProblemException(Problem.of(422, "validation", "Invalid rows", errors.size()
                + " value(s) refused; nothing was imported").withErrors(errors));
    }

    public static ProblemException conflict(String field, String reason) {
        return new ProblemException(Problem.of(409, "conflict", "Conflict", reason)
                .withErrors(field == null ? null : List.of(new Problem.InvalidField(null, field, reason))));
    }

    public static ProblemException notFound(String what) {
        return ProblemException.notFound(what);
    }
}
