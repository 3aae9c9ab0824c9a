package org.ecifhub.support.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Deterministic demo and benchmark data: canonical feed records of a rural bank's deposit, loan and e-banking
 * systems, describing one population of real parties the hub has to consolidate.
 *
 * <p>Every party has a deposit record; some also a second, older deposit customer number, a loan record, an
 * e-banking record, each under the source system's own customer number and with the noise of real feeds. The
 * population has twins (same birth date, address and phone, different names and ids) and households (same
 * address and phone), so that "same phone and address" alone does not mean "same person".
 *
 * <p>Records are produced party by party and never held together: a million parties stream in constant memory.
 * The same options, seed included, always give the same records in the same order. Which party a record came
 * from is ground truth, kept out of the record JSON and written to a separate CSV.
 *
 * <pre>{@code
 * FeedGenerator gen = new FeedGenerator(FeedGenerator.Options.defaults().withParties(3000).withSeed(42L));
 * gen.writeTo(Path.of("target/demo-feeds"));               // deposit/loan/ebank.ndjson + truth.csv
 * gen.records().forEachRemaining(r -> post(r.source(), r.json()));
 * }</pre>
 *
 * <p>Command line: {@code FeedGenerator --out DIR [--parties 3000] [--seed 42] [--as-of 2026-11-21T23:00:00+08:00]
 * [--noise 1.0]}.
 */
public final class FeedGenerator {

    /** The ground truth written by {@link #writeTo}: one {@link GeneratedRecord#TRUTH_HEADER} row per record. */
    public static final String TRUTH_FILE = "truth.csv";

    /** The kinds of data-entry noise, each with the share of eligible values it affects by default. */
    public enum Noise {
        /** Phone left out (e-banking records always keep theirs). */
        MISSING_PHONE(0.08),
        /** Address left out. */
        MISSING_ADDRESS(0.10),
        /** Birth date left out: it is in the id anyway, clerks skip it. */
        MISSING_BIRTH_DATE(0.15),
        /** Id number, legal representative's id or phone typed with full-width digits (４３１３…). */
        FULL_WIDTH_DIGITS(0.02),
        /** Resident id check character X typed as a lower-case x; share of the ids ending in X. */
        LOWER_CASE_X(0.30),
        /** 15-digit first-generation id; share of person deposit records opened before 2004. */
        FIRST_GENERATION_ID(0.25),
        /** Mobile number written "+86 138-1234-5678", "138 1234 5678" or "138-1234-5678". */
        FORMATTED_PHONE(0.06),
        /** A blank, ASCII or ideographic, between surname and given name ("张 伟"). */
        NAME_BLANK(0.02),
        /** A given-name character swapped for a homophone (伟/玮, 丽/莉); share of re-keyed records. */
        NAME_TYPO(0.05),
        /** Address without "湖南省娄底市" (half of them keep "娄底市"). */
        ADDRESS_WITHOUT_PREFIX(0.50);

        private final double defaultRate;

        Noise(double defaultRate) {
            this.defaultRate = defaultRate;
        }

        public double defaultRate() {
            return defaultRate;
        }
    }

    /**
     * What to generate. Immutable: each {@code with...} returns a changed copy. Shares are probabilities per
     * party, in [0, 1].
     */
    public static final class Options implements Cloneable {

        private int parties = 3000;
        private long seed = 42L;
        private OffsetDateTime asOf = OffsetDateTime.parse("2026-11-21T23:00:00+08:00");
        private double organisationShare = 0.05;
        private double secondDepositShare = 0.01;
        private double loanShare = 0.025;
        private double ebankShare = 0.06;
        private double twinShare = 0.005;
        private double householdShare = 0.08;
        private EnumMap<Noise, Double> noise = new EnumMap<>(Noise.class);

        private Options() {
            for (Noise kind : Noise.values()) {
                noise.put(kind, kind.defaultRate());
            }
        }

        /** 3,000 parties, seed 42, as of 2026-11-21T23:00:00+08:00, the shares and noise described here. */
        public static Options defaults() {
            return new Options();
        }

        public Options withParties(int parties) {
            if (parties < 0) {
                throw new IllegalArgumentException("parties must not be negative: " + parties);
            }
            return with(o -> o.parties = parties);
        }

        public Options withSeed(long seed) {
            return with(o -> o.seed = seed);
        }

        /** The {@code asOf} of every record; ages and account dates are relative to it. */
        public Options withAsOf(OffsetDateTime asOf) {
            Objects.requireNonNull(asOf, "asOf");
            return with(o -> o.asOf = asOf);
        }

        /** Share of parties that are organisations (companies, cooperatives, individual businesses). */
        public Options withOrganisationShare(double share) {
            return with(o -> o.organisationShare = share(share));
        }

        /** Share of parties with a second, older deposit customer number. */
        public Options withSecondDepositShare(double share) {
            return with(o -> o.secondDepositShare = share(share));
        }

        /** Share of parties with a loan record. */
        public Options withLoanShare(double share) {
            return with(o -> o.loanShare = share(share));
        }

        /** Share of parties with an e-banking record. */
        public Options withEbankShare(double share) {
            return with(o -> o.ebankShare = share(share));
        }

        /** Chance that a person is the twin of the person generated just before. */
        public Options withTwinShare(double share) {
            return with(o -> o.twinShare = share(share));
        }

        /** Chance that a person lives in the household of the person generated just before. */
        public Options withHouseholdShare(double share) {
            return with(o -> o.householdShare = share(share));
        }

        public Options withNoise(Noise kind, double rate) {
            return with(o -> o.noise.put(kind, share(rate)));
        }

        /** Every noise rate multiplied by {@code factor} (capped at 1): 0 gives clean feeds, 2 twice the noise. */
        public Options withNoiseScaled(double factor) {
            if (factor < 0) {
                throw new IllegalArgumentException("noise factor must not be negative: " + factor);
            }
            return with(o -> o.noise.replaceAll((kind, rate) -> Math.min(1, rate * factor)));
        }

        /** Clean feeds: every id valid and in standard form, nothing missing that the source system keeps. */
        public Options withoutNoise() {
            return withNoiseScaled(0);
        }

        public int parties() {
            return parties;
        }

        public long seed() {
            return seed;
        }

        public OffsetDateTime asOf() {
            return asOf;
        }

        public double organisationShare() {
            return organisationShare;
        }

        public double secondDepositShare() {
            return secondDepositShare;
        }

        public double loanShare() {
            return loanShare;
        }

        public double ebankShare() {
            return ebankShare;
        }

        public double twinShare() {
            return twinShare;
        }

        public double householdShare() {
            return householdShare;
        }

        public double noise(Noise kind) {
            return noise.get(kind);
        }

        private Options with(Consumer<Options> change) {
            try {
                Options copy = (Options) super.clone();
                copy.noise = new EnumMap<>(noise);
                change.accept(copy);
                if (copy.twinShare + copy.householdShare > 1) {
                    throw new IllegalArgumentException("twin and household shares add up to more than 1");
                }
                return copy;
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }

        private static double share(double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException("a share must be between 0 and 1: " + value);
            }
            return value;
        }
    }

    /** How many records {@link #write} wrote to each feed. */
    public record Counts(int parties, long deposit, long loan, long ebank) {

        public long records() {
            return deposit + loan + ebank;
        }

        @Override
        public String toString() {
            return parties + " parties: " + deposit + " deposit, " + loan + " loan, " + ebank + " e-banking records";
        }
    }

    private final Options options;

    public FeedGenerator(Options options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public Options options() {
        return options;
    }

    /**
     * A fresh pass over all records, party by party: each party's deposit record first, then its second deposit,
     * loan and e-banking records if it has them. Every call starts over and yields the same sequence.
     */
    public Iterator<GeneratedRecord> records() {
        // Three independent streams: changing the noise never changes the parties or their holdings.
        SplittableRandom root = new SplittableRandom(options.seed());
        Population population = new Population(options, root.split());
        SourceSystems systems = new SourceSystems(root.split(), options.asOf().toLocalDate());
        RecordRenderer renderer = new RecordRenderer(options, root.split());
        return new Iterator<>() {
            private final ArrayDeque<GeneratedRecord> pending = new ArrayDeque<>(4);

            @Override
            public boolean hasNext() {
                while (pending.isEmpty() && population.hasNext()) {
                    Party party = population.next();
                    for (SourceView view : systems.viewsOf(party)) {
                        pending.add(new GeneratedRecord(view.source(), view.sourceCustomerId(), party.partyId(),
                                renderer.render(party, view)));
                    }
                }
                return !pending.isEmpty();
            }

            @Override
            public GeneratedRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return pending.poll();
            }
        };
    }

    /** {@link #records()} as a sequential stream. */
    public Stream<GeneratedRecord> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(records(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /**
     * Streams every record as an NDJSON line to its feed's writer, and its ground truth to {@code truth} as CSV
     * with a header. Flushes but does not close the writers.
     */
    public Counts write(Writer deposit, Writer loan, Writer ebank, Writer truth) throws IOException {
        Map<FeedSource, Writer> feeds = new EnumMap<>(Map.of(
                FeedSource.DEPOSIT, deposit, FeedSource.LOAN, loan, FeedSource.EBANK, ebank));
        Map<FeedSource, Long> counts = new EnumMap<>(FeedSource.class);
        truth.write(GeneratedRecord.TRUTH_HEADER + "\n");
        for (Iterator<GeneratedRecord> it = records(); it.hasNext(); ) {
            GeneratedRecord record = it.next();
            feeds.get(record.source()).write(record.jsonLine());
            truth.write(record.truthLine());
            counts.merge(record.source(), 1L, Long::sum);
        }
        for (Writer writer : feeds.values()) {
            writer.flush();
        }
        truth.flush();
        return new Counts(options.parties(), counts.getOrDefault(FeedSource.DEPOSIT, 0L),
                counts.getOrDefault(FeedSource.LOAN, 0L), counts.getOrDefault(FeedSource.EBANK, 0L));
    }

    /**
     * Writes {@code deposit.ndjson}, {@code loan.ndjson}, {@code ebank.ndjson} and {@value #TRUTH_FILE} (UTF-8)
     * into {@code directory}, creating it if needed and replacing files of those names.
     */
    public Counts writeTo(Path directory) throws IOException {
        Files.createDirectories(directory);
        try (BufferedWriter deposit = open(directory.resolve(FeedSource.DEPOSIT.fileName()));
             BufferedWriter loan = open(directory.resolve(FeedSource.LOAN.fileName()));
             BufferedWriter ebank = open(directory.resolve(FeedSource.EBANK.fileName()));
             BufferedWriter truth = open(directory.resolve(TRUTH_FILE))) {
            return write(deposit, loan, ebank, truth);
        }
    }

    private static BufferedWriter open(Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    /** {@code --out DIR [--parties N] [--seed S] [--as-of ISO-OFFSET-DATE-TIME] [--noise FACTOR]}. */
    public static void main(String[] args) throws IOException {
        Options options = Options.defaults();
        Path out = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                String value = args[++i];
                switch (flag) {
                    case "--out" -> out = Path.of(value);
                    case "--parties" -> options = options.withParties(Integer.parseInt(value));
                    case "--seed" -> options = options.withSeed(Long.parseLong(value));
                    case "--as-of" -> options = options.withAsOf(OffsetDateTime.parse(value));
                    case "--noise" -> options = options.withNoiseScaled(Double.parseDouble(value));
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            if (out == null) {
                throw new IllegalArgumentException("--out DIR is required");
            }
        } catch (RuntimeException e) { // bad number or date formats included
            System.err.println("FeedGenerator: " + e.getMessage());
            System.err.println("usage: FeedGenerator --out DIR [--parties 3000] [--seed 42]"
                    + " [--as-of 2026-11-21T23:00:00+08:00] [--noise 1.0]");
            System.exit(2);
            return;
        }
        Counts counts = new FeedGenerator(options).writeTo(out);
        System.out.println("Generated " + counts + " (seed " + options.seed() + ") into " + out.toAbsolutePath());
    }
}
