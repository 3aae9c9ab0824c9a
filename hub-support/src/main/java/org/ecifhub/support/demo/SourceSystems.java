package org.ecifhub.support.demo;

import static org.ecifhub.support.demo.Vocabulary.BRANCHES;
import static org.ecifhub.support.demo.Vocabulary.pick;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * What each source system holds about a party, before any noise: its own customer number, branch, accounts
 * with balances, e-banking activity, and how much of the party it records at all.
 *
 * <p>Balances follow a log-normal law, as real balances do: most customers hold a few thousand yuan, a few
 * percent hold more than 200,000 and about half a percent more than 500,000, so every customer tier exists.
 */
final class SourceSystems {

    /** Median and spread (sigma of the logarithm) of a person's total deposits and wealth products. */
    private static final double PERSON_ASSETS_MEDIAN = 5_500;
    private static final double PERSON_ASSETS_SIGMA = 1.8;
    private static final double COMPANY_DEPOSITS_MEDIAN = 30_000;
    private static final double COMPANY_DEPOSITS_SIGMA = 1.6;
    /** The forgotten passbook behind a second deposit customer number holds little. */
    private static final double FORGOTTEN_ACCOUNT_MEDIAN = 300;
    private static final double PERSON_LOAN_MEDIAN = 60_000;
    private static final double COMPANY_LOAN_MEDIAN = 800_000;
    private static final double LOAN_SIGMA = 0.9;
    private static final double MAX_BALANCE = 50_000_000;

    private static final LocalDate EARLIEST_ACCOUNT = LocalDate.of(1995, 1, 1);
    private static final LocalDate EARLIEST_COMPANY_ACCOUNT = LocalDate.of(2000, 1, 1);
    /** The second deposit number is an old one, from before the core banking migration. */
    private static final LocalDate OLD_SYSTEM_ENDED = LocalDate.of(2012, 12, 31);
    private static final int[] TIME_DEPOSIT_TERMS = {3, 6, 12, 24, 36, 60};
    private static final int[] LOAN_TERMS = {12, 24, 36, 60};
    private static final List<BigDecimal> LOAN_RATES = List.of(
            new BigDecimal("0.0435"), new BigDecimal("0.0475"), new BigDecimal("0.0490"), new BigDecimal("0.0525"),
            new BigDecimal("0.0555"), new BigDecimal("0.0615"), new BigDecimal("0.0665"));
    private static final double LOAN_IN_ARREARS = 0.08;
    private static final double EBANK_MINIMAL = 0.7;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final RandomGenerator rnd;
    private final LocalDate asOfDate;
    /** Customer numbers grow with gaps, as they do where customers are also created by other channels. */
    private final Map<FeedSource, Long> lastCustomerNumber = new EnumMap<>(Map.of(
            FeedSource.DEPOSIT, 120_000L, FeedSource.LOAN, 20_000L, FeedSource.EBANK, 300_000L));
    private long lastAccountNumber;

    SourceSystems(RandomGenerator rnd, LocalDate asOfDate) {
        this.rnd = rnd;
        this.asOfDate = asOfDate;
    }

    /** The party's records: its deposit record first, then those of the other systems that know it. */
    List<SourceView> viewsOf(Party party) {
        List<SourceView> views = new ArrayList<>(4);
        views.add(deposit(party, false));
        if (party.feeds().secondDeposit()) {
            views.add(deposit(party, true));
        }
        if (party.feeds().loan()) {
            views.add(loan(party));
        }
        if (party.feeds().ebank()) {
            views.add(ebank(party));
        }
        return views;
    }

    private SourceView deposit(Party party, boolean second) {
        ArrayNode accounts = NODES.arrayNode();
        LocalDate earliest = party.isPerson()
                ? max(EARLIEST_ACCOUNT, party.birthDate().plusYears(16))
                : EARLIEST_COMPANY_ACCOUNT;
        LocalDate customerSince;
        if (second) {
            customerSince = date(earliest, OLD_SYSTEM_ENDED);
            double balance = logNormal(FORGOTTEN_ACCOUNT_MEDIAN, 1.5);
            String status = rnd.nextDouble() < 0.6 ? "DORMANT" : "ACTIVE";
            accounts.add(account("DEMAND_DEPOSIT", balance, status, customerSince));
        } else {
            customerSince = date(earliest, asOfDate.minusDays(30));
            if (party.isPerson()) {
                personDeposits(accounts, customerSince);
            } else {
                companyDeposits(accounts, customerSince);
            }
        }
        String branch = second && rnd.nextBoolean() ? BRANCHES.pick(rnd) : party.branchCode();
        return new SourceView(FeedSource.DEPOSIT, nextCustomerId(FeedSource.DEPOSIT, 3), branch, accounts,
                customerSince, null, SourceView.Detail.FULL, second);
    }

    /** A demand account, often a time deposit, for the well-off sometimes a wealth product. */
    private void personDeposits(ArrayNode accounts, LocalDate customerSince) {
        double assets = logNormal(PERSON_ASSETS_MEDIAN, PERSON_ASSETS_SIGMA);
        double demand = assets;
        ObjectNode demandAccount = account("DEMAND_DEPOSIT", 0, "ACTIVE", customerSince);
        accounts.add(demandAccount);
        if (rnd.nextDouble() < (assets > 20_000 ? 0.6 : 0.15)) {
            double time = demand * uniform(0.4, 0.8);
            demand -= time;
            int term = TIME_DEPOSIT_TERMS[rnd.nextInt(TIME_DEPOSIT_TERMS.length)];
            // Still running at asOf: opened less than one term ago.
            LocalDate opened = max(customerSince, date(asOfDate.minusMonths(term).plusDays(1), asOfDate));
            accounts.add(account("TIME_DEPOSIT", time, "ACTIVE", opened).put("termMonths", term));
        }
        if (rnd.nextDouble() < (assets > 50_000 ? 0.25 : 0.02)) {
            double wealth = demand * uniform(0.3, 0.7);
            demand -= wealth;
            LocalDate opened = max(customerSince, date(asOfDate.minusYears(3), asOfDate));
            accounts.add(account("WEALTH", wealth, "ACTIVE", opened)
                    .put("feeIncome", money(wealth * uniform(0.003, 0.008))));
        }
        demandAccount.put("balance", money(demand));
        if (demand < 100 && rnd.nextDouble() < 0.4) {
            demandAccount.put("status", "DORMANT");
        }
        if (rnd.nextDouble() < 0.15) { // SMS notification fee
            demandAccount.put("feeIncome", money(rnd.nextBoolean() ? 12 : 24));
        }
    }

    /** The basic account (基本户), sometimes a general account (一般户) and a corporate time deposit. */
    private void companyDeposits(ArrayNode accounts, LocalDate customerSince) {
        double deposits = logNormal(COMPANY_DEPOSITS_MEDIAN, COMPANY_DEPOSITS_SIGMA);
        double basic = deposits;
        ObjectNode basicAccount = account("CORPORATE_DEPOSIT", 0, "ACTIVE", customerSince);
        accounts.add(basicAccount);
        if (rnd.nextDouble() < 0.3) {
            double general = basic * uniform(0.1, 0.5);
            basic -= general;
            accounts.add(account("CORPORATE_DEPOSIT", general, "ACTIVE", date(customerSince, asOfDate)));
        }
        if (rnd.nextDouble() < 0.1) {
            double time = basic * uniform(0.3, 0.6);
            basic -= time;
            LocalDate opened = max(customerSince, date(asOfDate.minusMonths(11), asOfDate));
            accounts.add(account("TIME_DEPOSIT", time, "ACTIVE", opened).put("termMonths", 12));
        }
        basicAccount.put("balance", money(basic));
        if (rnd.nextDouble() < 0.4) { // settlement and account management fees
            basicAccount.put("feeIncome", money(uniform(100, 5_000)));
        }
    }

    private SourceView loan(Party party) {
        ArrayNode accounts = NODES.arrayNode();
        int count = rnd.nextDouble() < 0.85 ? 1 : 2;
        for (int i = 0; i < count; i++) {
            int term = LOAN_TERMS[rnd.nextInt(LOAN_TERMS.length)];
            LocalDate opened = asOfDate.minusMonths(1 + rnd.nextInt(term - 1));
            double balance = logNormal(party.isPerson() ? PERSON_LOAN_MEDIAN : COMPANY_LOAN_MEDIAN, LOAN_SIGMA);
            int daysPastDue = daysPastDue();
            ObjectNode loan = account("LOAN", balance, daysPastDue > 0 ? "OVERDUE" : "ACTIVE", opened)
                    .put("interestRate", pick(rnd, LOAN_RATES))
                    .put("daysPastDue", daysPastDue)
                    .put("termMonths", term);
            if (rnd.nextDouble() < 0.3) {
                loan.put("feeIncome", money(uniform(200, 3_000)));
            }
            accounts.add(loan);
        }
        String branch = rnd.nextDouble() < 0.85 ? party.branchCode() : BRANCHES.pick(rnd);
        return new SourceView(FeedSource.LOAN, nextCustomerId(FeedSource.LOAN, 5), branch, accounts, null, null,
                SourceView.Detail.FULL, true);
    }

    /** Most loans are current; the rest mostly a little late, a few non-performing (over 90 days). */
    private int daysPastDue() {
        if (rnd.nextDouble() >= LOAN_IN_ARREARS) {
            return 0;
        }
        double r = rnd.nextDouble();
        return r < 0.6 ? 1 + rnd.nextInt(30) : r < 0.85 ? 31 + rnd.nextInt(60) : 91 + rnd.nextInt(270);
    }

    /** The e-banking platform is bank-wide: it often knows no branch and little beyond login identity. */
    private SourceView ebank(Party party) {
        int logins = rnd.nextDouble() < 0.15 ? 0 : 1 + (int) Math.min(150, exponential(12));
        ObjectNode ebanking = NODES.objectNode()
                .put("mobileBanking", rnd.nextDouble() < 0.85)
                .put("loginsLast30d", logins)
                .put("transactionsLast30d", (int) (logins * uniform(0.5, 3)));
        String branch = rnd.nextBoolean() ? party.branchCode() : null;
        SourceView.Detail detail = rnd.nextDouble() < EBANK_MINIMAL
                ? SourceView.Detail.MINIMAL
                : SourceView.Detail.CONTACT;
        return new SourceView(FeedSource.EBANK, nextCustomerId(FeedSource.EBANK, 4), branch, null, null, ebanking,
                detail, true);
    }

    private String nextCustomerId(FeedSource source, int maxGap) {
        long number = lastCustomerNumber.merge(source, 1L + rnd.nextInt(maxGap), Long::sum);
        return source.customerId(number);
    }

    private ObjectNode account(String productType, double balance, String status, LocalDate opened) {
        return NODES.objectNode()
                .put("accountId", String.format("A%012d", ++lastAccountNumber))
                .put("productType", productType)
                .put("currency", "CNY")
                .put("balance", money(balance))
                .put("status", status)
                .put("openDate", opened.toString());
    }

    private double logNormal(double median, double sigma) {
        return Math.min(MAX_BALANCE, median * Math.exp(sigma * rnd.nextGaussian()));
    }

    private double exponential(double mean) {
        return -mean * Math.log(1 - rnd.nextDouble());
    }

    private double uniform(double from, double to) {
        return from + (to - from) * rnd.nextDouble();
    }

    /** A uniformly drawn day in [from, to], or {@code from} when the range is empty. */
    private LocalDate date(LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to);
        return days <= 0 ? from : from.plusDays(rnd.nextLong(days + 1));
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static BigDecimal money(double amount) {
        return BigDecimal.valueOf(Math.round(amount * 100), 2);
    }
}
