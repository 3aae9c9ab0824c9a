package org.ecifhub.commons.inbox;

import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;

/**
 * Retries work that failed for a reason that goes away by itself (a deadlock, a serialisation failure, a race
 * on a unique key, a lost connection) before the message is declared poison. Only what is still failing after
 * the retries goes to the dead-letter topic; a message that can never succeed fails at once.
 */
public final class TransientFailures {

    private static final Logger LOG = Logger.getLogger(TransientFailures.class);
    /** SQLSTATEs worth another try: serialisation failure, deadlock, unique violation (a lost race), lock timeout. */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "23505", "55P03");

    private TransientFailures() {
    }

    /** The consumers' policy: three attempts, 100 ms then 200 ms apart, well inside a poll interval. */
    public static void retry(Runnable work) {
        retry(3, Duration.ofMillis(100), work);
    }

    public static void retry(int attempts, Duration backoff, Runnable work) {
        for (int attempt = 1; ; attempt++) {
            try {
                work.run();
                return;
            } catch (RuntimeException e) {
                if (attempt >= attempts || !isTransient(e)) {
                    throw e;
                }
                LOG.debugf("Transient failure (attempt %d of %d), retrying: %s", attempt, attempts, e.getMessage());
                try {
                    Thread.sleep(backoff.toMillis() * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (TRANSIENT_STATES.contains(sql.getSQLState()) || sql.getSQLState().startsWith("08"))) {
                return true;
            }
            if (t.getClass().getName().endsWith("LockAcquisitionException")
                    || t.getClass().getName().endsWith("OptimisticLockException")) {
                return true;
            }
        }
        return false;
    }
}
