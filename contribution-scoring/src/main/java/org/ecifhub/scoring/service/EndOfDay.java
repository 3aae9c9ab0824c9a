package org.ecifhub.scoring.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.ecifhub.scoring.config.ScoringConfig;
import org.jboss.logging.Logger;

import java.time.LocalDate;

/**
 * The nightly end of day (日终): shortly after midnight in the bank's business zone, the downgrades whose grace
 * period has run out and the overrides that have expired take effect as of the new business date, so a customer who
 * sends no event is not left in a tier they no longer qualify for. The same work is a command
 * ({@code POST /api/v1/scoring/reevaluate}) for a bank whose own batch scheduler drives the end of day; running it
 * twice for a date changes nothing the second time.
 */
@ApplicationScoped
public class EndOfDay {

    private static final Logger LOG = Logger.getLogger(EndOfDay.class);

    private final ModelService models;
    private final ScoringConfig config;

    public EndOfDay(ModelService models, ScoringConfig config) {
        this.models = models;
        this.config = config;
    }

    /** Skips a run while the previous one is still going: the next night catches up, a date at a time is enough. */
    @Scheduled(identity = "scoring-end-of-day", cron = "${ecif.scoring.end-of-day-cron}",
            timeZone = "${ecif.scoring.business-zone}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void nightly() {
        run(LocalDate.now(config.businessZone()));
    }

    public ModelService.Reevaluation run(LocalDate businessDate) {
        long started = System.nanoTime();
        ModelService.Reevaluation done = models.reevaluate(businessDate);
        LOG.infof("End of day %s: %d customers due re-scored, %d tier changes, in %d ms", businessDate,
                done.customers(), done.changed(), (System.nanoTime() - started) / 1_000_000);
        return done;
    }
}
