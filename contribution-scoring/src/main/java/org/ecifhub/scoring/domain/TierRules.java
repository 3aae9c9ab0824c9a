package org.ecifhub.scoring.domain;

import java.math.BigDecimal;

/** The model's tier rules, applied to a scorecard's averages and contribution (no hysteresis here). */
final class TierRules {

    private TierRules() {
    }

    static ScoreCalculator.TierRuling tierOf(ScoringModel model, BigDecimal contribution, Scorecard.Averages avg,
                                             BigDecimal engagement) {
        ScoringModel.Tiers t = model.tiers();
        int days = model.windows().longDays();
        if (avg.assetsLong().compareTo(t.privilegeAssets()) >= 0) {
            return new ScoreCalculator.TierRuling(Tier.PRIVILEGE, "average assets " + plain(avg.assetsLong())
                    + " over " + days + " days >= " + plain(t.privilegeAssets()));
        }
        if (contribution.compareTo(t.privilegeContribution()) >= 0) {
            return new ScoreCalculator.TierRuling(Tier.PRIVILEGE, "annual contribution " + plain(contribution)
                    + " >= " + plain(t.privilegeContribution()));
        }
        if (avg.assetsLong().compareTo(t.excellentAssets()) >= 0) {
            return new ScoreCalculator.TierRuling(Tier.EXCELLENT, "average assets " + plain(avg.assetsLong())
                    + " over " + days + " days >= " + plain(t.excellentAssets()));
        }
        if (contribution.compareTo(t.excellentContribution()) >= 0) {
            return new ScoreCalculator.TierRuling(Tier.EXCELLENT, "annual contribution " + plain(contribution)
                    + " >= " + plain(t.excellentContribution()));
        }
        if (avg.assetsLong().compareTo(t.potentialAssets()) >= 0) {
            return new ScoreCalculator.TierRuling(Tier.POTENTIAL, "average assets " + plain(avg.assetsLong())
                    + " over " + days + " days >= " + plain(t.potentialAssets()));
        }
        BigDecimal risingBar = avg.assetsLong().multiply(BigDecimal.ONE.add(t.risingShare()));
        if (avg.assetsShort().compareTo(t.risingMinAssets()) >= 0 && avg.assetsShort().compareTo(risingBar) >= 0
                && avg.assetsShort().compareTo(avg.assetsLong()) > 0) {
            return new ScoreCalculator.TierRuling(Tier.POTENTIAL, "rising trend: " + model.windows().shortDays()
                    + "-day average assets " + plain(avg.assetsShort()) + " at least " + plain(t.risingShare())
                    + " above the " + days + "-day average " + plain(avg.assetsLong()));
        }
        if (engagement.compareTo(t.engagementPoints()) >= 0) {
            return new ScoreCalculator.TierRuling(Tier.POTENTIAL, "e-banking engagement " + plain(engagement)
                    + " points >= " + plain(t.engagementPoints()));
        }
        return new ScoreCalculator.TierRuling(Tier.GENERAL, "below every threshold");
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }
}
