package org.ecifhub.customermaster.domain.matching;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The parameters of the Fellegi–Sunter model, as data: for every agreement level of every comparator the
 * probability {@code m} of seeing it when the two records are the same party and {@code u} when they are not.
 * A level's weight is {@code log2(m/u)}; a pair's total weight is the sum over its comparators (missing ones
 * add 0), and the two thresholds turn the total into a decision. The version travels with every
 * {@link MatchResult}, so a decision can always be traced to the parameters that made it.
 *
 * <p>The text form ({@link #parse}/{@link #toText}) is what an operator stores and edits:
 * <pre>
 * version = …
 * upper = 25
 * lower = 13
 * NAME.EXACT = 0.9 0.0001        # m u
 * …
 * </pre>
 */
public record MatchModel(String version, Map<MatchField, Map<String, Level>> levels, double upper, double lower) {

    /** The m and u probabilities of one agreement level. */
    public record Level(double m, double u) {

        public Level {
            if (!(m > 0 && m <= 1) || !(u > 0 && u <= 1)) {
                throw new IllegalArgumentException("m and u must be probabilities in (0, 1]: " + m + ", " + u);
            }
        }

        /** log2(m/u): how many times (in powers of 2) more likely this level is for a match than a non-match. */
        public double weight() {
            return Math.log(m / u) / Math.log(2);
        }
    }

    public MatchModel {
        Objects.requireNonNull(version, "version");
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("lower threshold " + lower + " is above upper " + upper);
        }
        EnumMap<MatchField, Map<String, Level>> copy = new EnumMap<>(MatchField.class);
        for (MatchField field : MatchField.values()) {
            Map<String, Level> given = levels.get(field);
            if (given == null) {
                throw new IllegalArgumentException("no levels for " + field);
            }
            Map<String, Level> ordered = new LinkedHashMap<>();
            for (String level : field.levels()) {
                Level l = given.get(level);
                if (l == null) {
                    throw new IllegalArgumentException("no m/u for " + field + "." + level);
                }
                ordered.put(level, l);
            }
            if (given.size() != ordered.size()) {
                throw new IllegalArgumentException(field + " has unknown levels: " + given.keySet());
            }
            copy.put(field, Collections.unmodifiableMap(ordered));
        }
        levels = Collections.unmodifiableMap(copy);
    }

    /** The weight of a level; 0 for {@link MatchField#MISSING}. */
    public double weight(MatchField field, String level) {
        if (MatchField.MISSING.equals(level)) {
            return 0;
        }
        Level l = levels.get(field).get(level);
        if (l == null) {
            throw new IllegalArgumentException(field + " has no level " + level);
        }
        return l.weight();
    }

    public MatchModel withThresholds(double newUpper, double newLower) {
        return new MatchModel(version, levels, newUpper, newLower);
    }

    public MatchModel withVersion(String newVersion) {
        return new MatchModel(newVersion, levels, upper, lower);
    }

    /** Population size the default thresholds are set for (the FEBRL benchmark sets hold 5,000 records). */
    public static final long REFERENCE_POPULATION = 5_000;

    /**
     * This model with both thresholds moved for a population of {@code records} instead of
     * {@link #REFERENCE_POPULATION}: by log2(records / 5,000), since the prior odds that two records are the
     * same party fall in proportion to the population (see {@link DefaultMatchModel}). The version records it.
     */
    public MatchModel forPopulation(long records) {
        if (records <= 0) {
            throw new IllegalArgumentException("population must be positive: " + records);
        }
        double shift = Math.log((double) records / REFERENCE_POPULATION) / Math.log(2);
        return new MatchModel(version + "@" + records, levels, upper + shift, lower + shift);
    }

    /** The documented default, see {@link DefaultMatchModel}. */
    public static MatchModel defaults() {
        return DefaultMatchModel.MODEL;
    }

    /**
     * Reads the text form: {@code key = value} lines, {@code #} starts a comment, blank lines are ignored. Keys:
     * {@code version}, {@code upper}, {@code lower} and {@code FIELD.LEVEL} with the value "m u".
     *
     * @throws IllegalArgumentException when a line cannot be read or a level is missing or unknown
     */
    public static MatchModel parse(String text) {
        String version = null;
        Double upper = null;
        Double lower = null;
        Map<MatchField, Map<String, Level>> levels = new EnumMap<>(MatchField.class);
        int lineNumber = 0;
        for (String raw : text.split("\\R")) {
            lineNumber++;
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("line " + lineNumber + ": expected key = value: " + raw);
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            try {
                switch (key) {
                    case "version" -> version = value;
                    case "upper" -> upper = Double.parseDouble(value);
                    case "lower" -> lower = Double.parseDouble(value);
                    default -> {
                        int dot = key.indexOf('.');
                        if (dot < 0) {
                            throw new IllegalArgumentException("unknown key " + key);
                        }
                        MatchField field = MatchField.valueOf(key.substring(0, dot));
                        String[] mu = value.split("\\s+");
                        if (mu.length != 2) {
                            throw new IllegalArgumentException("expected 'm u' for " + key);
                        }
                        levels.computeIfAbsent(field, f -> new LinkedHashMap<>())
                                .put(key.substring(dot + 1), new Level(Double.parseDouble(mu[0]),
                                        Double.parseDouble(mu[1])));
                    }
                }
            } catch (IllegalArgumentException e) { // NumberFormatException and unknown enum names included
                throw new IllegalArgumentException("line " + lineNumber + ": " + e.getMessage(), e);
            }
        }
        if (version == null || upper == null || lower == null) {
            throw new IllegalArgumentException("version, upper and lower are required");
        }
        return new MatchModel(version, levels, upper, lower);
    }

    /** The text form {@link #parse} reads, with each level's weight as a comment. */
    public String toText() {
        List<String> lines = new ArrayList<>();
        lines.add("version = " + version);
        lines.add("upper = " + number(upper));
        lines.add("lower = " + number(lower));
        levels.forEach((field, byLevel) -> byLevel.forEach((level, l) -> lines.add(String.format(Locale.ROOT,
                "%s.%s = %s %s    # weight %+.2f", field, level, number(l.m()), number(l.u()), l.weight()))));
        return String.join("\n", lines) + "\n";
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
