package org.ecifhub.assignment.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.ecifhub.assignment.domain.CoveragePolicy;
import org.ecifhub.assignment.domain.VisitPlan;

import java.time.Clock;
import java.time.ZoneId;

/** The clock ("today" for visits and periods, "now" for manual changes) and the configured policies. */
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock(AssignmentConfig config) {
        return Clock.system(ZoneId.of(config.zone()));
    }

    @Produces
    @Singleton
    CoveragePolicy coveragePolicy(AssignmentConfig config) {
        return new CoveragePolicy(config.coverage().settings());
    }

    @Produces
    @Singleton
    VisitPlan visitPlan(AssignmentConfig config) {
        return config.visits().plan();
    }
}
