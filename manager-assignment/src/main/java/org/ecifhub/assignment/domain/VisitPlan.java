package org.ecifhub.assignment.domain;

import java.time.LocalDate;
import java.time.Period;
import java.util.Map;
import java.util.Optional;

/**
 * How often each tier is visited (default: PRIVILEGE monthly, EXCELLENT quarterly, POTENTIAL twice a year; GENERAL
 * has no plan) and when a customer's next visit is due: the next date the last visit report set, otherwise the last
 * visit plus the tier's interval; a customer never visited is due one interval after the current owner took over.
 */
public final class VisitPlan {

    private final Map<String, Period> intervals;

    public VisitPlan(Map<String, Period> intervals) {
        this.intervals = Map.copyOf(intervals);
    }

    public static VisitPlan defaults() {
        return new VisitPlan(Map.of("PRIVILEGE", Period.ofMonths(1), "EXCELLENT", Period.ofMonths(3),
                "POTENTIAL", Period.ofMonths(6)));
    }

    public Map<String, Period> intervals() {
        return intervals;
    }

    public Optional<Period> interval(String tier) {
        return Optional.ofNullable(tier == null ? null : intervals.get(tier));
    }

    /**
     * @param lastVisit     the date of the latest visit report, or null
     * @param reportedNext  the next date that report set, or null
     * @param ownedSince    since when the current owner owns the customer
     * @return empty when the tier has no visit plan
     */
    public Optional<LocalDate> nextDue(String tier, LocalDate lastVisit, LocalDate reportedNext, LocalDate ownedSince) {
        Optional<Period> interval = interval(tier);
        if (interval.isEmpty()) {
            return reportedNext == null ? Optional.empty() : Optional.of(reportedNext);
        }
        if (reportedNext != null) {
            return Optional.of(reportedNext);
        }
        if (lastVisit != null) {
            return Optional.of(lastVisit.plus(interval.get()));
        }
        return ownedSince == null ? Optional.empty() : Optional.of(ownedSince.plus(interval.get()));
    }
}
