package org.ecifhub.scoring.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The clock for "now" (override expiry, audit times). Balance dates never come from it: they come from the
 * events' asOf, so tests and replays drive business time through events.
 */
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
