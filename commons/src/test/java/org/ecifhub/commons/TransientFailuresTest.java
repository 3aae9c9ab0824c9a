package org.ecifhub.commons;

import org.ecifhub.commons.inbox.TransientFailures;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransientFailuresTest {

    @Test
    void aLostRaceIsRetriedUntilItSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        TransientFailures.retry(3, Duration.ZERO, () -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException(new SQLException("duplicate key", "23505"));
            }
        });
        assertThat(calls).hasValue(3);
    }

    @Test
    void aPermanentFailureIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> TransientFailures.retry(3, Duration.ZERO, () -> {
            calls.incrementAndGet();
            throw new IllegalArgumentException("not an event");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aTransientFailureThatPersistsIsRethrownAfterTheLastAttempt() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> TransientFailures.retry(3, Duration.ZERO, () -> {
            calls.incrementAndGet();
            throw new IllegalStateException(new SQLException("deadlock", "40P01"));
        })).isInstanceOf(IllegalStateException.class);
        assertThat(calls).hasValue(3);
    }
}
