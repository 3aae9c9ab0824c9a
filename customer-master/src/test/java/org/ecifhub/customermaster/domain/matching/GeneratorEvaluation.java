package org.ecifhub.customermaster.domain.matching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ecifhub.customermaster.domain.PartyType;
import org.ecifhub.customermaster.domain.standard.PartyStandardiser;
import org.ecifhub.customermaster.domain.standard.RawParty;
import org.ecifhub.support.demo.FeedGenerator;
import org.ecifhub.support.demo.FeedSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Measures matching on the project's own demo population ({@link FeedGenerator}): every record's party is
 * standardised with {@link PartyStandardiser}, then consolidated by {@link IncrementalClusterer} (same valid id
 * → same party, else the matcher), and the clustering is compared with the generator's truth.
 *
 * <p>The generated feeds carry a valid id on every record, so the deterministic rule alone decides them; the
 * matcher's job there is to stay out of the way (twins and households share birth date, address and phone).
 * Two harder variants exercise the matcher itself on the e-banking records:
 * <ul>
 *   <li>{@link Variant#EBANK_WITHOUT_ID}: e-banking records lose their id, leaving mostly name and phone;</li>
 *   <li>{@link Variant#EBANK_ID_TYPO}: one digit of every e-banking id is mistyped, so the id fails its check
 *       and must neither prove nor block anything.</li>
 * </ul>
 *
 * <p>Command line: {@code GeneratorEvaluation DIR} (a directory written by {@code FeedGenerator --out DIR}).
 */
public final class GeneratorEvaluation {

    public enum Variant {
        AS_GENERATED, EBANK_WITHOUT_ID, EBANK_ID_TYPO
    }

    /** A record as the generator wrote it, with its true party. */
    record Labelled(String source, JsonNode json, String partyId) {
    }

    /**
     * @param overriddenByRule pairs of records sharing a birth date (twins above all) with different valid ids
     *                         whose total weight reached {@code upper}: kept apart by the hard rule
     * @param mergedButForRule those of them whose names also agree: without the rule (and the name guard
     *                         that would stop the others) they would have been merged automatically
     */
    public record Report(Variant variant, int records, int clusters, PairwiseMetrics metrics,
                         int conflictingIdClusters, int overriddenByRule, int mergedButForRule, int reviews,
                         long millis) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-17s %d records -> %d clusters; %s; clusters with two valid ids %d;"
                            + " pairs above upper kept apart by the id rule %d (%d of them with agreeing names);"
                            + " review tasks %d; %d ms", variant, records, clusters, metrics, conflictingIdClusters,
                    overriddenByRule, mergedButForRule, reviews, millis);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private GeneratorEvaluation() {
    }

    /** Records written by {@code FeedGenerator --out dir}, in truth.csv order (party by party). */
    static List<Labelled> read(Path dir) throws IOException {
        Map<String, String> partyOf = new HashMap<>();
        List<String> order = new ArrayList<>();
        try (Stream<String> lines = Files.lines(dir.resolve(FeedGenerator.TRUTH_FILE), StandardCharsets.UTF_8)) {
            lines.skip(1).forEach(line -> {
                String[] f = line.split(",");
                partyOf.put(f[0] + "/" + f[1], f[2]);
                order.add(f[0] + "/" + f[1]);
            });
        }
        Map<String, Labelled> byKey = new HashMap<>();
        for (FeedSource source : FeedSource.values()) {
            try (BufferedReader in = Files.newBufferedReader(dir.resolve(source.fileName()), StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    JsonNode json = JSON.readTree(line);
                    String key = json.get("source").asText() + "/" + json.get("sourceCustomerId").asText();
                    byKey.put(key, new Labelled(source.name(), json, partyOf.get(key)));
                }
            }
        }
        return order.stream().map(byKey::get).toList();
    }

    /** The records of an in-memory generator run, in generation order. */
    static List<Labelled> generate(FeedGenerator.Options options) {
        return new FeedGenerator(options).stream()
                .map(r -> new Labelled(r.source().name(), r.json(), r.partyId()))
                .toList();
    }

    public static Report evaluate(List<Labelled> data, Variant variant, ProbabilisticMatcher matcher) {
        long start = System.nanoTime();
        IncrementalClusterer clusterer = new IncrementalClusterer(matcher);
        int reviews = 0;
        for (Labelled l : data) {
            if (clusterer.add(matchRecord(l, variant)).review()) {
                reviews++;
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        int[] clusters = clusterer.clusters();
        List<MatchRecord> records = clusterer.records();
        int[] overridden = overriddenByRule(records, matcher);
        return new Report(variant, data.size(), clusterer.clusterCount(),
                PairwiseMetrics.of(clusters, data.stream().map(Labelled::partyId).toList()),
                PairwiseMetrics.clustersWithConflictingIds(clusters, records), overridden[0], overridden[1],
                reviews, millis);
    }

    /**
     * Pairs born the same day that the hard rule blocked although their weight reached {@code upper}, and how
     * many of those also had agreeing names.
     */
    static int[] overriddenByRule(List<MatchRecord> records, ProbabilisticMatcher matcher) {
        Map<LocalDate, List<MatchRecord>> byBirthDate = new HashMap<>();
        for (MatchRecord r : records) {
            if (r.birthDate() != null) {
                byBirthDate.computeIfAbsent(r.birthDate(), d -> new ArrayList<>()).add(r);
            }
        }
        int[] overridden = new int[2];
        for (List<MatchRecord> sameDay : byBirthDate.values()) {
            for (int i = 0; i < sameDay.size(); i++) {
                for (int j = i + 1; j < sameDay.size(); j++) {
                    MatchRecord a = sameDay.get(i);
                    MatchRecord b = sameDay.get(j);
                    MatchResult result = matcher.match(a, b);
                    if (result.outcome() == MatchOutcome.BLOCKED_BY_RULE
                            && result.totalWeight() >= matcher.model().upper()) {
                        overridden[0]++;
                        if (ProbabilisticMatcher.namesSupport(Comparators.compareAll(a, b))) {
                            overridden[1]++;
                        }
                    }
                }
            }
        }
        return overridden;
    }

    static MatchRecord matchRecord(Labelled l, Variant variant) {
        JsonNode party = l.json().get("party");
        LocalDate today = OffsetDateTime.parse(l.json().get("asOf").asText()).toLocalDate();
        String idType = text(party, "idType");
        String idNumber = text(party, "idNumber");
        if (l.source().equals(FeedSource.EBANK.name())) {
            if (variant == Variant.EBANK_WITHOUT_ID) {
                idType = null;
                idNumber = null;
            } else if (variant == Variant.EBANK_ID_TYPO && idNumber != null) {
                idNumber = mistype(idNumber);
            }
        }
        String birthDate = text(party, "birthDate");
        RawParty raw = new RawParty(PartyType.valueOf(party.get("type").asText()), text(party, "name"), idType,
                idNumber, birthDate == null ? null : LocalDate.parse(birthDate), text(party, "gender"),
                text(party, "phone"), text(party, "address"));
        return MatchRecord.of(l.source() + "/" + l.json().get("sourceCustomerId").asText(),
                PartyStandardiser.standardise(raw, today));
    }

    /**
     * The id with its 10th character (a birth-year digit, full-width or not) replaced by the next digit: a
     * typing error that the check character always catches (it detects every single-digit error).
     */
    static String mistype(String id) {
        int at = 9;
        char c = id.charAt(at);
        boolean fullWidth = c >= '０' && c <= '９';
        int digit = (fullWidth ? c - '０' : c - '0');
        char replaced = (char) ((fullWidth ? '０' : '0') + (digit + 1) % 10);
        return id.substring(0, at) + replaced + id.substring(at + 1);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: GeneratorEvaluation DIR   (written by FeedGenerator --out DIR)");
            System.exit(2);
        }
        List<Labelled> data;
        try {
            data = read(Path.of(args[0]));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        ProbabilisticMatcher matcher = ProbabilisticMatcher.withDefaultModel();
        System.out.println("model " + matcher.model().version());
        for (Variant variant : Variant.values()) {
            System.out.println(evaluate(data, variant, matcher));
        }
    }
}
