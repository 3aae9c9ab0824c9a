package org.ecifhub.scoring.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Average daily balance (日均余额) of one account over a window of days. A snapshot's balance holds until the
 * next snapshot; days before the account's first snapshot count as zero (the account did not hold money yet).
 */
public final class AverageDailyBalance {

    private AverageDailyBalance() {
    }

    /**
     * @param points snapshots in ascending date order (any dates; those after {@code end} are ignored)
     * @param start  first day of the window, inclusive
     * @param end    last day of the window, inclusive; not before {@code start}
     * @return the sum of the daily balances divided by the number of days, rounded to cents
     */
    public static BigDecimal of(List<BalancePoint> points, LocalDate start, LocalDate end) {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("window ends (" + end + ") before it starts (" + start + ")");
        }
        long days = ChronoUnit.DAYS.between(start, end) + 1;
        return sum(points, start, end).divide(BigDecimal.valueOf(days), 2, RoundingMode.HALF_UP);
    }

    /** The sum of the daily balances of the days from start to end, inclusive (balance x days). */
    static BigDecimal sum(List<BalancePoint> points, LocalDate start, LocalDate end) {
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal current = BigDecimal.ZERO;
        LocalDate from = start;
        for (BalancePoint p : points) {
            if (p.date().isAfter(end)) {
                break;
            }
            if (!p.date().isAfter(start)) {
                current = p.balance(); // the latest snapshot at or before the window's first day
                continue;
            }
            total = total.add(current.multiply(BigDecimal.valueOf(ChronoUnit.DAYS.between(from, p.date()))));
            current = p.balance();
            from = p.date();
        }
        return total.add(current.multiply(BigDecimal.valueOf(ChronoUnit.DAYS.between(from, end) + 1)));
    }

    /** The balance on a day: the latest snapshot at or before it, zero before the first. */
    public static BigDecimal on(List<BalancePoint> points, LocalDate day) {
        BigDecimal current = BigDecimal.ZERO;
        for (BalancePoint p : points) {
            if (p.date().isAfter(day)) {
                break;
            }
            current = p.balance();
        }
        return current;
    }
}
