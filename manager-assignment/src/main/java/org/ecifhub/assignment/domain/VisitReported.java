package org.ecifhub.assignment.domain;

import java.time.LocalDate;

/**
 * Published on {@code ecif.ownership.v1} when a visit report (走访) is recorded, so that readers of a customer's
 * last and next visit (the gateway's unified view) know it changed. The free text of the report (needs, products)
 * stays in the service: the event says that, when and by whom, and the next planned date.
 */
public record VisitReported(String customerNumber, long visitId, String staffId, LocalDate date, String channel,
                            LocalDate nextDate) {
}
