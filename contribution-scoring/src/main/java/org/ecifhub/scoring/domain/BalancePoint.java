package org.ecifhub.scoring.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A daily balance snapshot: the balance holds from {@code date} until the next snapshot of the same account. */
public record BalancePoint(LocalDate date, BigDecimal balance) {
}
