package org.ecifhub.scoring.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** Key-customer watch (重点客户监测): which alert conditions hold for a customer in a watched tier. */
public final class WatchRule {

    public enum Kind { BALANCE_DROP, LOAN_OVERDUE }

    public record Condition(Kind kind, String detail) {
    }

    private WatchRule() {
    }

    /** Conditions that hold now; empty for customers outside PRIVILEGE and EXCELLENT. */
    public static List<Condition> conditions(Tier tier, Scorecard card, ScoringModel model, int worstDaysPastDue) {
        List<Condition> out = new ArrayList<>();
        if (tier != Tier.PRIVILEGE && tier != Tier.EXCELLENT) {
            return out;
        }
        BigDecimal longAvg = card.averages().assetsLong();
        BigDecimal shortAvg = card.averages().assetsShort();
        if (longAvg.signum() > 0) {
            BigDecimal drop = BigDecimal.ONE.subtract(shortAvg.divide(longAvg, 4, RoundingMode.HALF_UP));
            if (drop.compareTo(model.watch().balanceDropShare()) > 0) {
                out.add(new Condition(Kind.BALANCE_DROP, model.windows().shortDays() + "-day average assets "
                        + shortAvg.toPlainString() + " are " + drop.movePointRight(2).stripTrailingZeros()
                        .toPlainString() + "% below the " + model.windows().longDays() + "-day average "
                        + longAvg.toPlainString()));
            }
        }
        if (worstDaysPastDue >= model.watch().overdueDays()) {
            out.add(new Condition(Kind.LOAN_OVERDUE, "a loan is " + worstDaysPastDue + " days past due"));
        }
        return out;
    }
}
