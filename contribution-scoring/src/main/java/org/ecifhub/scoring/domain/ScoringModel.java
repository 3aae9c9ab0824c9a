package org.ecifhub.scoring.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The scoring model as data: every weight, spread, threshold and window the score and the tier come from. Models
 * are versioned and stored; one is active. {@link #standard()} is the documented default (see the service README
 * for where each number comes from).
 *
 * @param version         stable name, carried in TierChanged.modelVersion
 * @param description     what changed and why, for the people who approve an activation
 * @param windows         the average daily balance windows
 * @param depositSpreads  annual net interest margin per CNY of average balance, per asset product (存款/理财 利差)
 * @param loans           funds transfer price and expected-loss rates for loans
 * @param points          how each component turns into points
 * @param tiers           tier thresholds and the POTENTIAL rule
 * @param watch           key-customer watch (重点客户监测)
 * @param gracePeriodDays how long a customer must stay below the tier before a downgrade takes effect
 */
public record ScoringModel(String version, String description, Windows windows,
                           Map<ProductType, BigDecimal> depositSpreads, Loans loans, Points points, Tiers tiers,
                           Watch watch, int gracePeriodDays) {

    /** @param shortDays the trend and watch window; @param longDays the window tiers and contribution rest on */
    public record Windows(int shortDays, int longDays) {
    }

    /**
     * @param fundsTransferPrice  the bank's internal cost of funds for loans (FTP), annual
     * @param defaultInterestRate used when a loan does not report its rate
     * @param lossRate1To30       expected loss (PD x LGD) per year of balance, 1 to 30 days past due
     * @param lossRate31To90      the same, 31 to 90 days past due
     * @param lossRateOver90      the same, over 90 days past due (non-performing)
     */
    public record Loans(BigDecimal fundsTransferPrice, BigDecimal defaultInterestRate, BigDecimal lossRate1To30,
                        BigDecimal lossRate31To90, BigDecimal lossRateOver90) {

        public BigDecimal lossRate(int daysPastDue) {
            if (daysPastDue <= 0) {
                return BigDecimal.ZERO;
            }
            if (daysPastDue <= 30) {
                return lossRate1To30;
            }
            return daysPastDue <= 90 ? lossRate31To90 : lossRateOver90;
        }
    }

    /**
     * @param perCnyOfContribution points per CNY of annual contribution (deposit, loan and fee components)
     * @param ebankingSignedUp     points for having mobile banking
     * @param perLogin             points per login in the last 30 days
     * @param perTransaction       points per e-banking transaction in the last 30 days
     * @param ebankingCap          most points engagement can give
     * @param perProductCategory   points per product category held beyond the first (嵌入度)
     * @param perTenureYear        points per full year since the first account
     * @param tenureCap            most points tenure can give
     * @param perDayPastDue        points deducted per day past due of the worst loan
     * @param riskCap              most points the risk deduction can take
     */
    public record Points(BigDecimal perCnyOfContribution, BigDecimal ebankingSignedUp, BigDecimal perLogin,
                         BigDecimal perTransaction, BigDecimal ebankingCap, BigDecimal perProductCategory,
                         BigDecimal perTenureYear, BigDecimal tenureCap, BigDecimal perDayPastDue,
                         BigDecimal riskCap) {
    }

    /**
     * PRIVILEGE and EXCELLENT: the long-window average assets or the annual contribution reach the threshold.
     * POTENTIAL: average assets reach {@code potentialAssets}, or a rising trend (short-window average at least
     * {@code risingShare} above the long-window one, and at least {@code risingMinAssets}), or strong e-banking
     * engagement (at least {@code engagementPoints}).
     */
    public record Tiers(BigDecimal privilegeAssets, BigDecimal privilegeContribution, BigDecimal excellentAssets,
                        BigDecimal excellentContribution, BigDecimal potentialAssets, BigDecimal risingShare,
                        BigDecimal risingMinAssets, BigDecimal engagementPoints) {
    }

    /**
     * An alert is raised for a PRIVILEGE or EXCELLENT customer whose short-window average assets are more than
     * {@code balanceDropShare} below the long-window average, or who has a loan past due by at least
     * {@code overdueDays}.
     */
    public record Watch(BigDecimal balanceDropShare, int overdueDays) {
    }

    /** The documented default, {@code ecif-cs-1.0}. */
    public static ScoringModel standard() {
        Map<ProductType, BigDecimal> spreads = new EnumMap<>(ProductType.class);
        spreads.put(ProductType.DEMAND_DEPOSIT, new BigDecimal("0.0150"));
        spreads.put(ProductType.TIME_DEPOSIT, new BigDecimal("0.0080"));
        spreads.put(ProductType.CORPORATE_DEPOSIT, new BigDecimal("0.0120"));
        spreads.put(ProductType.WEALTH, new BigDecimal("0.0050"));
        return new ScoringModel("ecif-cs-1.0",
                "Default model: 30/90-day average daily balances, 30-day downgrade grace period",
                new Windows(30, 90), spreads,
                new Loans(new BigDecimal("0.0300"), new BigDecimal("0.0435"), new BigDecimal("0.02"),
                        new BigDecimal("0.10"), new BigDecimal("0.45")),
                new Points(new BigDecimal("0.01"), new BigDecimal("20"), new BigDecimal("0.5"), new BigDecimal("1"),
                        new BigDecimal("60"), new BigDecimal("10"), new BigDecimal("2"), new BigDecimal("20"),
                        new BigDecimal("2"), new BigDecimal("200")),
                new Tiers(new BigDecimal("500000"), new BigDecimal("10000"), new BigDecimal("200000"),
                        new BigDecimal("4000"), new BigDecimal("50000"), new BigDecimal("0.20"),
                        new BigDecimal("10000"), new BigDecimal("40")),
                new Watch(new BigDecimal("0.30"), 1),
                30);
    }

    /** Every refused value, named by its JSON path; empty when the model can be stored. */
    public List<FieldError> validate() {
        List<FieldError> errors = new ArrayList<>();
        if (version == null || !version.matches("[A-Za-z0-9._-]{1,40}")) {
            errors.add(new FieldError("version", "is required: 1 to 40 letters, digits, '.', '_' or '-'"));
        }
        if (windows == null) {
            errors.add(new FieldError("windows", "is required"));
        } else {
            if (windows.shortDays() < 1 || windows.shortDays() > 366) {
                errors.add(new FieldError("windows.shortDays", "must be between 1 and 366"));
            }
            if (windows.longDays() < windows.shortDays() || windows.longDays() > 731) {
                errors.add(new FieldError("windows.longDays", "must be at least shortDays and at most 731"));
            }
        }
        if (depositSpreads == null) {
            errors.add(new FieldError("depositSpreads", "is required"));
        } else {
            depositSpreads.forEach((type, spread) -> {
                if (spread == null || spread.abs().compareTo(new BigDecimal("0.2")) > 0) {
                    errors.add(new FieldError("depositSpreads." + type, "must be a rate between -0.2 and 0.2"));
                }
            });
        }
        if (loans == null) {
            errors.add(new FieldError("loans", "is required"));
        } else {
            rate(errors, "loans.fundsTransferPrice", loans.fundsTransferPrice());
            rate(errors, "loans.defaultInterestRate", loans.defaultInterestRate());
            rate(errors, "loans.lossRate1To30", loans.lossRate1To30());
            rate(errors, "loans.lossRate31To90", loans.lossRate31To90());
            rate(errors, "loans.lossRateOver90", loans.lossRateOver90());
        }
        if (points == null) {
            errors.add(new FieldError("points", "is required"));
        } else {
            nonNegative(errors, "points.perCnyOfContribution", points.perCnyOfContribution());
            nonNegative(errors, "points.ebankingSignedUp", points.ebankingSignedUp());
            nonNegative(errors, "points.perLogin", points.perLogin());
            nonNegative(errors, "points.perTransaction", points.perTransaction());
            nonNegative(errors, "points.ebankingCap", points.ebankingCap());
            nonNegative(errors, "points.perProductCategory", points.perProductCategory());
            nonNegative(errors, "points.perTenureYear", points.perTenureYear());
            nonNegative(errors, "points.tenureCap", points.tenureCap());
            nonNegative(errors, "points.perDayPastDue", points.perDayPastDue());
            nonNegative(errors, "points.riskCap", points.riskCap());
        }
        if (tiers == null) {
            errors.add(new FieldError("tiers", "is required"));
        } else {
            int before = errors.size();
            nonNegative(errors, "tiers.privilegeAssets", tiers.privilegeAssets());
            nonNegative(errors, "tiers.privilegeContribution", tiers.privilegeContribution());
            nonNegative(errors, "tiers.excellentAssets", tiers.excellentAssets());
            nonNegative(errors, "tiers.excellentContribution", tiers.excellentContribution());
            nonNegative(errors, "tiers.potentialAssets", tiers.potentialAssets());
            nonNegative(errors, "tiers.risingShare", tiers.risingShare());
            nonNegative(errors, "tiers.risingMinAssets", tiers.risingMinAssets());
            nonNegative(errors, "tiers.engagementPoints", tiers.engagementPoints());
            if (errors.size() == before && tiers.excellentAssets().compareTo(tiers.privilegeAssets()) > 0) {
                errors.add(new FieldError("tiers.excellentAssets", "must not exceed privilegeAssets"));
            }
            if (errors.size() == before && tiers.potentialAssets().compareTo(tiers.excellentAssets()) > 0) {
                errors.add(new FieldError("tiers.potentialAssets", "must not exceed excellentAssets"));
            }
            if (errors.size() == before && tiers.excellentContribution().compareTo(tiers.privilegeContribution()) > 0) {
                errors.add(new FieldError("tiers.excellentContribution", "must not exceed privilegeContribution"));
            }
        }
        if (watch == null) {
            errors.add(new FieldError("watch", "is required"));
        } else {
            if (watch.balanceDropShare() == null || watch.balanceDropShare().signum() <= 0
                    || watch.balanceDropShare().compareTo(BigDecimal.ONE) >= 0) {
                errors.add(new FieldError("watch.balanceDropShare", "must be a share between 0 and 1, exclusive"));
            }
            if (watch.overdueDays() < 1) {
                errors.add(new FieldError("watch.overdueDays", "must be at least 1"));
            }
        }
        if (gracePeriodDays < 0 || gracePeriodDays > 366) {
            errors.add(new FieldError("gracePeriodDays", "must be between 0 and 366"));
        }
        return errors;
    }

    private static void rate(List<FieldError> errors, String field, BigDecimal value) {
        if (value == null || value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
            errors.add(new FieldError(field, "must be a rate between 0 and 1"));
        }
    }

    private static void nonNegative(List<FieldError> errors, String field, BigDecimal value) {
        if (value == null || value.signum() < 0) {
            errors.add(new FieldError(field, "is required and must not be negative"));
        }
    }
}
