package org.ecifhub.scoring.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Computes a customer's 综合贡献度 and the rule tier from the facts and a model. Pure and deterministic. */
public final class ScoreCalculator {

    public static final String DEPOSIT = "deposit";
    public static final String LOAN = "loan";
    public static final String FEE = "fee";
    public static final String EBANKING = "ebanking";
    public static final String PENETRATION = "penetration";
    public static final String TENURE = "tenure";
    public static final String RISK = "risk";

    private ScoreCalculator() {
    }

    public static Scorecard score(CustomerFacts facts, ScoringModel model) {
        LocalDate asOf = facts.asOf();
        LocalDate first = facts.firstKnown();
        LocalDate shortFrom = max(asOf.minusDays(model.windows().shortDays() - 1L), first);
        LocalDate longFrom = max(asOf.minusDays(model.windows().longDays() - 1L), first);

        Map<ProductType, BigDecimal> byProduct = new EnumMap<>(ProductType.class);
        BigDecimal assetsShort = BigDecimal.ZERO;
        BigDecimal assetsLong = BigDecimal.ZERO;
        BigDecimal assetsToday = BigDecimal.ZERO;
        BigDecimal loansLong = BigDecimal.ZERO;
        BigDecimal depositContribution = BigDecimal.ZERO;
        BigDecimal loanMargin = BigDecimal.ZERO;
        BigDecimal expectedLoss = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        int worstDaysPastDue = 0;
        Set<ProductType> held = EnumSet.noneOf(ProductType.class);
        LocalDate firstOpened = first;
        List<Map<String, Object>> loanInputs = new ArrayList<>();

        for (CustomerFacts.Account a : facts.accounts()) {
            BigDecimal longAvg = AverageDailyBalance.of(a.history(), longFrom, asOf);
            BigDecimal today = AverageDailyBalance.on(a.history(), asOf);
            byProduct.merge(a.productType(), longAvg, BigDecimal::add);
            if (today.signum() != 0) {
                held.add(a.productType());
            }
            if (a.openDate() != null && a.openDate().isBefore(firstOpened)) {
                firstOpened = a.openDate();
            }
            if (a.feeIncome() != null) {
                fees = fees.add(a.feeIncome());
            }
            if (a.productType().isAsset()) {
                assetsShort = assetsShort.add(AverageDailyBalance.of(a.history(), shortFrom, asOf));
                assetsLong = assetsLong.add(longAvg);
                assetsToday = assetsToday.add(today);
                BigDecimal spread = model.depositSpreads().getOrDefault(a.productType(), BigDecimal.ZERO);
                depositContribution = depositContribution.add(longAvg.multiply(spread));
            } else if (a.productType() == ProductType.LOAN) {
                BigDecimal balance = longAvg.abs();
                loansLong = loansLong.add(balance);
                BigDecimal rate = a.interestRate() == null ? model.loans().defaultInterestRate() : a.interestRate();
                BigDecimal margin = balance.multiply(rate.subtract(model.loans().fundsTransferPrice()));
                BigDecimal loss = balance.multiply(model.loans().lossRate(a.daysPastDue()));
                loanMargin = loanMargin.add(margin);
                expectedLoss = expectedLoss.add(loss);
                worstDaysPastDue = Math.max(worstDaysPastDue, a.daysPastDue());
                Map<String, Object> in = new LinkedHashMap<>();
                in.put("account", a.key());
                in.put("averageBalance", balance);
                in.put("interestRate", rate);
                in.put("daysPastDue", a.daysPastDue());
                in.put("expectedLoss", money(loss));
                loanInputs.add(in);
            }
        }

        ScoringModel.Points p = model.points();
        List<Scorecard.Component> components = new ArrayList<>();

        depositContribution = money(depositContribution);
        Map<String, Object> depositIn = new LinkedHashMap<>();
        for (ProductType t : ProductType.values()) {
            if (t.isAsset() && byProduct.containsKey(t)) {
                depositIn.put(t.name(), Map.of("averageBalance", byProduct.get(t),
                        "spread", model.depositSpreads().getOrDefault(t, BigDecimal.ZERO)));
            }
        }
        components.add(new Scorecard.Component(DEPOSIT, depositContribution,
                points(depositContribution.multiply(p.perCnyOfContribution())), depositIn));

        BigDecimal loanContribution = money(loanMargin.subtract(expectedLoss));
        Map<String, Object> loanIn = new LinkedHashMap<>();
        loanIn.put("fundsTransferPrice", model.loans().fundsTransferPrice());
        loanIn.put("loans", loanInputs);
        components.add(new Scorecard.Component(LOAN, loanContribution,
                points(loanContribution.multiply(p.perCnyOfContribution())), loanIn));

        fees = money(fees);
        components.add(new Scorecard.Component(FEE, fees, points(fees.multiply(p.perCnyOfContribution())),
                Map.of("feeIncomeLast12Months", fees)));

        CustomerFacts.Ebanking e = facts.ebanking();
        BigDecimal engagement = BigDecimal.ZERO;
        Map<String, Object> ebankingIn = new LinkedHashMap<>();
        if (e != null) {
            engagement = (e.signedUp() ? p.ebankingSignedUp() : BigDecimal.ZERO)
                    .add(p.perLogin().multiply(BigDecimal.valueOf(e.loginsLast30d())))
                    .add(p.perTransaction().multiply(BigDecimal.valueOf(e.transactionsLast30d())))
                    .min(p.ebankingCap());
            ebankingIn.put("signedUp", e.signedUp());
            ebankingIn.put("loginsLast30d", e.loginsLast30d());
            ebankingIn.put("transactionsLast30d", e.transactionsLast30d());
        } else {
            ebankingIn.put("signedUp", false);
        }
        engagement = points(engagement);
        components.add(new Scorecard.Component(EBANKING, BigDecimal.ZERO, engagement, ebankingIn));

        int categories = held.size() + (e != null && e.signedUp() ? 1 : 0);
        List<String> heldNames = new ArrayList<>(held.stream().map(Enum::name).toList());
        if (e != null && e.signedUp()) {
            heldNames.add("EBANKING");
        }
        components.add(new Scorecard.Component(PENETRATION, BigDecimal.ZERO,
                points(p.perProductCategory().multiply(BigDecimal.valueOf(Math.max(0, categories - 1)))),
                Map.of("categories", categories, "held", heldNames)));

        long years = ChronoUnit.YEARS.between(firstOpened, asOf);
        components.add(new Scorecard.Component(TENURE, BigDecimal.ZERO,
                points(p.perTenureYear().multiply(BigDecimal.valueOf(years)).min(p.tenureCap())),
                Map.of("since", firstOpened.toString(), "years", years)));

        BigDecimal deduction = p.perDayPastDue().multiply(BigDecimal.valueOf(worstDaysPastDue)).min(p.riskCap());
        components.add(new Scorecard.Component(RISK, BigDecimal.ZERO, points(deduction.negate()),
                Map.of("worstDaysPastDue", worstDaysPastDue)));

        BigDecimal contribution = depositContribution.add(loanContribution).add(fees);
        BigDecimal totalPoints = components.stream().map(Scorecard.Component::points)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        Scorecard.Averages averages = new Scorecard.Averages(shortFrom, longFrom,
                assetsShort, assetsLong, loansLong, assetsToday, byProduct);

        TierRuling ruling = TierRules.tierOf(model, contribution, averages, engagement);
        return new Scorecard(asOf, model.version(), contribution, totalPoints, averages, List.copyOf(components),
                ruling.tier(), ruling.reason());
    }

    record TierRuling(Tier tier, String reason) {
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    static BigDecimal money(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal points(BigDecimal v) {
        return v.setScale(1, RoundingMode.HALF_UP);
    }
}
