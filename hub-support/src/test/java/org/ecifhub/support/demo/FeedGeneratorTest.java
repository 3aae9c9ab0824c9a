package org.ecifhub.support.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.ecifhub.support.demo.FeedGenerator.Counts;
import org.ecifhub.support.demo.FeedGenerator.Noise;
import org.ecifhub.support.demo.FeedGenerator.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedGeneratorTest {

    private static final Options SMALL = Options.defaults().withParties(3000).withSeed(7L);

    @Test
    void residentIdCheckDigitFollowsGb11643() {
        assertThat(ChineseIds.residentIdCheckChar("11010519491231002")).isEqualTo('X');
        assertThat(ChineseIds.isValidResidentId("11010519491231002X")).isTrue();
        assertThat(ChineseIds.isValidResidentId("11010519491231002x")).as("lower-case x is not standard form")
                .isFalse();
        assertThat(ChineseIds.isValidResidentId("110105194912310021")).isFalse();
        assertThat(ChineseIds.toFirstGeneration("11010519491231002X")).isEqualTo("110105491231002");
        assertThat(ChineseIds.upgradeFirstGeneration("110105491231002")).isEqualTo("11010519491231002X");
    }

    @Test
    void usccCheckCharactersFollowGb32100() {
        // A published example code (its organisation code M000100Y carries the check character 4).
        assertThat(ChineseIds.isValidUscc("91350100M000100Y43")).isTrue();
        assertThat(ChineseIds.isValidUscc("91350100M000100Y44")).isFalse();
        assertThat(ChineseIds.isValidUscc("91350100M000100Y53")).isFalse();
        assertThat(ChineseIds.uscc('9', '1', "350100", "M000100Y")).isEqualTo("91350100M000100Y43");
    }

    @Test
    void sameSeedGivesIdenticalOutput() throws IOException {
        assertThat(written(SMALL)).isEqualTo(written(SMALL));
        assertThat(written(SMALL.withSeed(8L))).isNotEqualTo(written(SMALL));
    }

    @Test
    void cleanFeedsCarryValidIdsThatAgreeWithBirthDateAndGender() {
        List<GeneratedRecord> records = records(SMALL.withoutNoise());
        int persons = 0;
        int organisations = 0;
        for (GeneratedRecord record : records) {
            JsonNode party = record.json().get("party");
            String id = party.get("idNumber").asText();
            if (party.get("type").asText().equals("PERSON")) {
                persons++;
                assertThat(party.get("idType").asText()).isEqualTo("RESIDENT_ID");
                assertThat(ChineseIds.isValidResidentId(id)).as(id).isTrue();
                assertThat(id).startsWith("4313");
                if (party.has("birthDate")) {
                    assertThat(id.substring(6, 14)).isEqualTo(party.get("birthDate").asText().replace("-", ""));
                }
                if (party.has("gender")) {
                    boolean male = (id.charAt(16) - '0') % 2 == 1;
                    assertThat(party.get("gender").asText()).isEqualTo(male ? "M" : "F");
                }
            } else {
                organisations++;
                assertThat(party.get("idType").asText()).isEqualTo("USCC");
                assertThat(ChineseIds.isValidUscc(id)).as(id).isTrue();
                JsonNode representative = party.get("legalRepresentative");
                if (representative != null) {
                    assertThat(ChineseIds.isValidResidentId(representative.get("idNumber").asText())).isTrue();
                }
            }
        }
        assertThat(persons).isPositive();
        assertThat(organisations).isPositive();
    }

    @Test
    void distinctPartiesHaveDistinctIdsAndEveryPartyOneId() {
        Map<String, String> idByParty = new HashMap<>();
        Map<String, String> partyById = new HashMap<>();
        for (GeneratedRecord record : records(SMALL.withoutNoise())) {
            String id = record.json().get("party").get("idNumber").asText();
            assertThat(idByParty.computeIfAbsent(record.partyId(), p -> id)).isEqualTo(id);
            assertThat(partyById.computeIfAbsent(id, i -> record.partyId())).isEqualTo(record.partyId());
        }
    }

    @Test
    void feedSharesFollowTheOptions() {
        int parties = 20_000;
        Options options = Options.defaults().withParties(parties).withSeed(3L);
        Counts counts = counts(options);
        assertThat(counts.deposit() / (double) parties).isCloseTo(1 + options.secondDepositShare(), within(0.005));
        assertThat(counts.loan() / (double) parties).isCloseTo(options.loanShare(), within(0.005));
        assertThat(counts.ebank() / (double) parties).isCloseTo(options.ebankShare(), within(0.008));

        Counts changed = counts(options.withParties(5000)
                .withLoanShare(0.2).withEbankShare(0.5).withSecondDepositShare(0));
        assertThat(changed.deposit()).isEqualTo(5000);
        assertThat(changed.loan() / 5000.0).isCloseTo(0.2, within(0.02));
        assertThat(changed.ebank() / 5000.0).isCloseTo(0.5, within(0.03));

        long depositParties = new FeedGenerator(options).stream()
                .filter(r -> r.source() == FeedSource.DEPOSIT)
                .map(GeneratedRecord::partyId)
                .distinct()
                .count();
        assertThat(depositParties).isEqualTo(parties);
        long orgParties = new FeedGenerator(options).stream()
                .filter(r -> r.json().get("party").get("type").asText().equals("ORGANIZATION"))
                .map(GeneratedRecord::partyId)
                .distinct()
                .count();
        assertThat(orgParties / (double) parties).isCloseTo(options.organisationShare(), within(0.008));
    }

    @Test
    void everyLoanAndEbankPartyAlsoHasADepositRecordUnderAnotherNumber() {
        List<GeneratedRecord> records = records(SMALL);
        Set<String> depositParties = records.stream().filter(r -> r.source() == FeedSource.DEPOSIT)
                .map(GeneratedRecord::partyId).collect(Collectors.toSet());
        assertThat(depositParties).hasSize(SMALL.parties());
        assertThat(records).filteredOn(r -> r.source() != FeedSource.DEPOSIT).isNotEmpty()
                .allSatisfy(r -> assertThat(depositParties).contains(r.partyId()));
        Set<String> sourceIds = new HashSet<>();
        for (GeneratedRecord record : records) {
            assertThat(sourceIds.add(record.source() + "/" + record.sourceCustomerId())).isTrue();
            assertThat(record.json().get("sourceCustomerId").asText()).isEqualTo(record.sourceCustomerId())
                    .matches(switch (record.source()) {
                        case DEPOSIT -> "CB\\d{9}";
                        case LOAN -> "LN\\d{8}";
                        case EBANK -> "EB\\d{8}";
                    });
            assertThat(record.json().toString()).doesNotContain(record.partyId());
        }
    }

    @Test
    void noiseLeavesPartiesAndHoldingsAloneAndNormalisesBackToTheCleanId() {
        Options noisy = SMALL.withNoise(Noise.FIRST_GENERATION_ID, 1.0).withNoise(Noise.FULL_WIDTH_DIGITS, 0.2);
        Map<String, GeneratedRecord> clean = new HashMap<>();
        for (GeneratedRecord record : records(SMALL.withoutNoise())) {
            clean.put(record.source() + "/" + record.sourceCustomerId(), record);
        }
        int firstGeneration = 0;
        int fullWidth = 0;
        List<GeneratedRecord> noisyRecords = records(noisy);
        assertThat(noisyRecords).hasSameSizeAs(clean.values());
        for (GeneratedRecord record : noisyRecords) {
            GeneratedRecord twin = clean.get(record.source() + "/" + record.sourceCustomerId());
            assertThat(record.partyId()).isEqualTo(twin.partyId());
            assertThat(record.json().get("accounts")).isEqualTo(twin.json().get("accounts"));
            String cleanId = twin.json().get("party").get("idNumber").asText();
            String raw = record.json().get("party").get("idNumber").asText();
            fullWidth += raw.chars().anyMatch(c -> c >= '０' && c <= '９') ? 1 : 0;
            String standard = standardForm(raw);
            if (standard.length() == 15) {
                firstGeneration++;
                assertThat(record.source()).isEqualTo(FeedSource.DEPOSIT);
                assertThat(ChineseIds.upgradeFirstGeneration(standard)).isEqualTo(cleanId);
            } else {
                assertThat(standard).isEqualTo(cleanId);
            }
        }
        assertThat(firstGeneration).as("15-digit ids").isGreaterThan(SMALL.parties() / 10);
        assertThat(fullWidth).isPositive();
    }

    @Test
    void defaultNoiseShowsEveryKindOfMistake() {
        List<JsonNode> parties = records(Options.defaults().withParties(10_000).withSeed(11L)).stream()
                .map(r -> r.json().get("party")).toList();
        assertThat(parties).anyMatch(p -> p.get("idNumber").asText().length() == 15);
        assertThat(parties).anyMatch(p -> p.get("idNumber").asText().endsWith("x"));
        assertThat(parties).anyMatch(p -> p.get("idNumber").asText().contains("４"));
        assertThat(parties).anyMatch(p -> p.path("phone").asText().startsWith("+86 1"));
        assertThat(parties).anyMatch(p -> p.get("name").asText().contains(" ")
                || p.get("name").asText().contains("\u3000"));
        assertThat(parties).anyMatch(p -> p.path("address").asText().startsWith("湖南省娄底市"));
        assertThat(parties).anyMatch(p -> p.has("address") && !p.path("address").asText().startsWith("湖南省"));
        assertThat(parties).anyMatch(p -> p.get("type").asText().equals("PERSON") && !p.has("phone"));
    }

    @Test
    void secondaryRecordsSometimesMisspellTheName() {
        Options options = Options.defaults().withParties(10_000).withSeed(5L).withoutNoise()
                .withNoise(Noise.NAME_TYPO, 0.5);
        Map<String, String> depositName = new HashMap<>();
        int typos = 0;
        for (GeneratedRecord record : records(options)) {
            String name = record.json().get("party").get("name").asText();
            String primary = depositName.putIfAbsent(record.partyId(), name);
            if (primary != null && !primary.equals(name)) {
                typos++;
                assertThat(name).hasSameSizeAs(primary);
            }
        }
        assertThat(typos).isPositive();
    }

    @Test
    void populationHasTwinsHouseholdsAndWealthyCustomers() {
        List<GeneratedRecord> deposits = records(Options.defaults().withParties(20_000).withSeed(9L).withoutNoise())
                .stream().filter(r -> r.source() == FeedSource.DEPOSIT).toList();
        Map<String, Set<String>> partiesByHousehold = new HashMap<>();
        Map<String, Set<String>> partiesByTwinKey = new HashMap<>();
        Map<String, BigDecimal> assets = new HashMap<>();
        for (GeneratedRecord record : deposits) {
            JsonNode party = record.json().get("party");
            if (party.get("type").asText().equals("PERSON")) {
                String household = party.get("address").asText() + "|" + party.get("phone").asText();
                partiesByHousehold.computeIfAbsent(household, k -> new HashSet<>()).add(record.partyId());
                partiesByTwinKey.computeIfAbsent(household + "|" + party.get("birthDate").asText(),
                        k -> new HashSet<>()).add(record.partyId());
                for (JsonNode account : record.json().get("accounts")) {
                    assets.merge(record.partyId(), account.get("balance").decimalValue(), BigDecimal::add);
                }
            }
        }
        assertThat(partiesByHousehold.values()).filteredOn(s -> s.size() > 1).hasSizeGreaterThan(100);
        assertThat(partiesByTwinKey.values()).filteredOn(s -> s.size() > 1).hasSizeGreaterThan(20);

        double over200k = share(assets, new BigDecimal("200000"));
        double over500k = share(assets, new BigDecimal("500000"));
        assertThat(over200k).isBetween(0.01, 0.06);
        assertThat(over500k).isBetween(0.002, 0.012);
        double under20k = 1 - share(assets, new BigDecimal("20000"));
        assertThat(under20k).as("most balances are small").isGreaterThan(0.6);
    }

    @Test
    void recordsAreProducedLazily() {
        FeedGenerator huge = new FeedGenerator(Options.defaults().withParties(1_000_000));
        long started = System.nanoTime();
        assertThat(huge.stream().limit(10).toList()).hasSize(10);
        assertThat(System.nanoTime() - started).as("nanoseconds for the first records").isLessThan(5_000_000_000L);
    }

    @Test
    void writeToCreatesTheFeedFilesAndTheGroundTruth(@TempDir Path dir) throws IOException {
        Counts counts = new FeedGenerator(SMALL).writeTo(dir);
        assertThat(Files.readAllLines(dir.resolve("deposit.ndjson"))).hasSize((int) counts.deposit());
        assertThat(Files.readAllLines(dir.resolve("loan.ndjson"))).hasSize((int) counts.loan());
        assertThat(Files.readAllLines(dir.resolve("ebank.ndjson"))).hasSize((int) counts.ebank());
        List<String> truth = Files.readAllLines(dir.resolve(FeedGenerator.TRUTH_FILE));
        assertThat(truth.get(0)).isEqualTo("source,sourceCustomerId,partyId");
        assertThat(truth).hasSize(1 + (int) counts.records());
        assertThat(truth.get(1)).matches("DEPOSIT,CB\\d{9},P\\d{7}");
    }

    @Test
    void optionsRejectNonsense() {
        assertThatThrownBy(() -> Options.defaults().withLoanShare(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Options.defaults().withParties(-1)).isInstanceOf(IllegalArgumentException.class);
        Options defaults = Options.defaults();
        assertThat(defaults.withoutNoise().noise(Noise.MISSING_PHONE)).isZero();
        assertThat(defaults.noise(Noise.MISSING_PHONE)).as("withers copy").isEqualTo(Noise.MISSING_PHONE.defaultRate());
    }

    private static List<GeneratedRecord> records(Options options) {
        return new FeedGenerator(options).stream().toList();
    }

    private static Counts counts(Options options) {
        try {
            Writer ignored = Writer.nullWriter();
            return new FeedGenerator(options).write(ignored, ignored, ignored, ignored);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String written(Options options) throws IOException {
        StringWriter deposit = new StringWriter();
        StringWriter loan = new StringWriter();
        StringWriter ebank = new StringWriter();
        StringWriter truth = new StringWriter();
        new FeedGenerator(options).write(deposit, loan, ebank, truth);
        return deposit + "\n--\n" + loan + "\n--\n" + ebank + "\n--\n" + truth;
    }

    /** The hub's standard form of an id: NFKC (full-width to ASCII), no blanks, upper case. */
    private static String standardForm(String raw) {
        return Normalizer.normalize(raw, Normalizer.Form.NFKC).replaceAll("\\s", "").toUpperCase();
    }

    private static double share(Map<String, BigDecimal> assets, BigDecimal threshold) {
        return assets.values().stream().filter(a -> a.compareTo(threshold) > 0).count() / (double) assets.size();
    }
}
