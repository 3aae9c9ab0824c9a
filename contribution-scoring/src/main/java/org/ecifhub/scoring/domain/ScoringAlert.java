package org.ecifhub.scoring.domain;

import java.time.LocalDate;

/**
 * Published on {@code ecif.scoring-alert.v1}, keyed by customer number: a key-customer watch alert was raised
 * ({@code ScoringAlertRaised}) or its condition no longer holds ({@code ScoringAlertResolved}).
 */
public record ScoringAlert(long alertId, String customerNumber, String branchCode, WatchRule.Kind kind, Tier tier,
                           String detail, LocalDate raisedOn, LocalDate resolvedOn) {
}
