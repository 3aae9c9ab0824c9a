package org.ecifhub.customermaster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.ecifhub.support.demo.ChineseIds;
import org.ecifhub.support.demo.FeedGenerator;
import org.ecifhub.support.demo.FeedSource;
import org.ecifhub.support.demo.GeneratedRecord;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecifhub.customermaster.FeedIngestionTest.record;
import static org.ecifhub.customermaster.FeedIngestionTest.unique;
import static org.ecifhub.customermaster.FeedIngestionTest.validId;
import static org.ecifhub.customermaster.ImportTest.awaitState;
import static org.ecifhub.customermaster.ImportTest.upload;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Bulk imports are consolidated set-based, a batch of records per transaction: the same kind of decisions as the
 * record-by-record feed (same valid id, hard rule, probabilistic match, survivorship), the same rows, events and
 * history, and no duplicate when single records for the same people arrive during a bulk batch.
 */
@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class BulkConsolidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager em;

    /** A generated population's three feeds, with source customer and account ids made unique to this run. */
    private record Population(Map<FeedSource, byte[]> files, Map<String, String> partyOf) {
    }

    private static Population population(int parties, String prefix) {
        FeedGenerator generator = new FeedGenerator(FeedGenerator.Options.defaults().withParties(parties)
                .withSeed(prefix.hashCode()).withSecondDepositShare(0.10).withLoanShare(0.30).withEbankShare(0.30)
                .withTwinShare(0.05).withHouseholdShare(0.10));
        Map<FeedSource, ByteArrayOutputStream> files = new EnumMap<>(FeedSource.class);
        Map<String, String> partyOf = new HashMap<>();
        for (var it = generator.records(); it.hasNext(); ) {
            GeneratedRecord r = it.next();
            ObjectNode json = r.json().deepCopy();
            String id = prefix + r.sourceCustomerId();
            json.put("sourceCustomerId", id);
            for (JsonNode account : json.withArray("accounts")) {
                ((ObjectNode) account).put("accountId", prefix + account.path("accountId").asText());
            }
            partyOf.put(r.source().name() + "/" + id, r.partyId());
            files.computeIfAbsent(r.source(), s -> new ByteArrayOutputStream())
                    .writeBytes((json + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Map<FeedSource, byte[]> bytes = new EnumMap<>(FeedSource.class);
        files.forEach((s, out) -> bytes.put(s, out.toByteArray()));
        return new Population(bytes, partyOf);
    }

    private static void importAll(Population population) {
        for (FeedSource source : List.of(FeedSource.DEPOSIT, FeedSource.LOAN, FeedSource.EBANK)) {
            String job = upload(source.name(), "application/x-ndjson", population.files().get(source));
            awaitState(job, "COMPLETED");
            given().get("/api/v1/imports/" + job).then().body("rejected", equalTo(0));
        }
    }

    /** Customer number of every source customer of the population, from the cross-reference export. */
    private Map<String, String> customerOf(Population population) throws Exception {
        Map<String, String> out = new HashMap<>();
        String export = given().get("/api/v1/xref/export").then().statusCode(200).extract().asString();
        for (String line : export.split("\n")) {
            if (!line.isBlank()) {
                JsonNode x = JSON.readTree(line);
                String key = x.path("source").asText() + "/" + x.path("sourceCustomerId").asText();
                if (population.partyOf().containsKey(key)) {
                    out.put(key, x.path("customerNumber").asText());
                }
            }
        }
        assertThat(out).hasSameSizeAs(population.partyOf());
        return out;
    }

    @Test
    void threeGeneratedFeedsGiveOneGoldenRecordPerPartyWithTheirEventsAndHistory() throws Exception {
        Population population = population(300, "G" + unique());
        importAll(population);
        Map<String, String> customerOf = customerOf(population);

        // Precision: no customer holds records of two parties (twins and households included).
        Map<String, Set<String>> partiesOfCustomer = new HashMap<>();
        Map<String, Set<String>> customersOfParty = new HashMap<>();
        customerOf.forEach((sourceCustomer, customer) -> {
            String party = population.partyOf().get(sourceCustomer);
            partiesOfCustomer.computeIfAbsent(customer, c -> new HashSet<>()).add(party);
            customersOfParty.computeIfAbsent(party, p -> new HashSet<>()).add(customer);
        });
        assertThat(partiesOfCustomer.values()).allSatisfy(parties -> assertThat(parties).hasSize(1));
        // Recall: nearly every party is one customer (the matcher's own quality is measured in bench/match-quality).
        long whole = customersOfParty.values().stream().filter(c -> c.size() == 1).count();
        assertThat(whole).isGreaterThanOrEqualTo(customersOfParty.size() * 97L / 100);
        assertThat(customersOfParty).hasSize(300);

        Set<String> customers = new HashSet<>(customerOf.values());
        QuarkusTransaction.requiringNew().run(() -> {
            // No golden record holds two different valid ids among its source records.
            Number mixed = (Number) em.createNativeQuery("""
                    SELECT count(*) FROM (
                        SELECT customer_number FROM source_record s
                        WHERE customer_number = ANY(CAST(?1 AS varchar[])) AND (s.standard->>'idValid')::boolean
                          AND s.standard->>'idType' IN ('RESIDENT_ID', 'USCC')
                        GROUP BY customer_number HAVING count(DISTINCT s.standard->>'idNumber') > 1) t""")
                    .setParameter(1, customers.toArray(String[]::new)).getSingleResult();
            assertThat(mixed.longValue()).isZero();

            // Per customer: one CustomerCreated, versions 1..n without gaps, the golden record at n, history at n.
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    SELECT g.customer_number, g.version,
                           (SELECT count(*) FROM outbox_event o WHERE o.aggregateid = g.customer_number
                              AND o.type = 'CustomerCreated'),
                           (SELECT array_agg(CAST(o.payload->>'version' AS bigint) ORDER BY CAST(o.payload->>'version' AS bigint))
                              FROM outbox_event o WHERE o.aggregateid = g.customer_number),
                           (SELECT max(v.version) FROM golden_record_version v WHERE v.customer_number = g.customer_number),
                           (SELECT count(*) FROM blocking_key b WHERE b.customer_number = g.customer_number)
                    FROM golden_record g WHERE g.customer_number = ANY(CAST(?1 AS varchar[]))""")
                    .setParameter(1, customers.toArray(String[]::new)).getResultList();
            assertThat(rows).hasSize(customers.size());
            for (Object[] r : rows) {
                long version = ((Number) r[1]).longValue();
                assertThat(((Number) r[2]).longValue()).as("CustomerCreated of %s", r[0]).isEqualTo(1);
                Object[] versions = toArray(r[3]);
                assertThat(versions).as("event versions of %s", r[0]).hasSize((int) version);
                for (int i = 0; i < versions.length; i++) {
                    assertThat(((Number) versions[i]).longValue()).isEqualTo(i + 1);
                }
                assertThat(((Number) r[4]).longValue()).as("history of %s", r[0]).isEqualTo(version);
                assertThat(((Number) r[5]).longValue()).as("blocking keys of %s", r[0]).isPositive();
            }
            // The events carry what consumers read: the envelope, and the data of each event type.
            String anyone = (String) rows.get(0)[0];
            @SuppressWarnings("unchecked")
            List<Object[]> payloads = em.createNativeQuery("""
                    SELECT type, CAST(payload AS text) FROM outbox_event WHERE aggregateid = ?1""")
                    .setParameter(1, anyone).getResultList();
            for (Object[] p : payloads) {
                JsonNode envelope = read((String) p[1]);
                assertThat(envelope.path("eventType").asText()).isEqualTo(p[0]);
                assertThat(envelope.path("subject").asText()).isEqualTo(anyone);
                assertThat(envelope.path("eventId").asText()).hasSize(36);
                assertThat(envelope.path("data").path("customerNumber").asText()).isEqualTo(anyone);
                if ("CustomerCreated".equals(p[0])) {
                    assertThat(envelope.path("data").path("attributes").path("name").asText()).isNotEmpty();
                    assertThat(envelope.path("data").path("source").path("sourceCustomerId").asText()).isNotEmpty();
                }
                if ("HoldingsChanged".equals(p[0])) {
                    assertThat(envelope.path("data").path("accounts").size()).isPositive();
                }
            }
        });

        // The unified record answers as the record-by-record path builds it: sources, holdings, lineage.
        String someone = customerOf.entrySet().stream().filter(e -> e.getKey().startsWith("LOAN/")).findFirst()
                .orElseThrow().getValue();
        JsonNode view = JSON.valueToTree(given().get("/api/v1/customers/" + someone).then().statusCode(200)
                .extract().as(Map.class));
        assertThat(view.path("sources").size()).isGreaterThanOrEqualTo(2);
        assertThat(view.path("accounts").size()).isGreaterThanOrEqualTo(2);
        assertThat(view.path("lineage").path("name").path("source").asText()).isNotEmpty();
        given().get("/api/v1/customers/" + someone + "?asOf=" + java.time.OffsetDateTime.now().plusMinutes(1))
                .then().statusCode(200).body("version", equalTo(view.path("version").asInt()));

        // The same files again: nothing changes, nothing is announced.
        long events = outboxCount();
        importAll(population);
        assertThat(outboxCount()).isEqualTo(events);
    }

    @Test
    void inOneBatchTheSameValidIdIsOnePartyAndTwinsStayTwo() {
        String p = "T" + unique();
        String id = validId("431381", "19800101");
        String twinA = validId("431381", "19900505");
        String twinB = validId("431381", "19900505");
        String shared = "13807380001";
        String fifteen = id.substring(0, 6) + id.substring(8, 17);
        String file = String.join("\n",
                compact(record("DEPOSIT", p + "1", "王建国", id, "LSJ001", 100, "13800000001")),
                compact(record("DEPOSIT", p + "2", "王建国", fifteen, "LSJ002", 200, "13800000001")),
                compact(record("DEPOSIT", p + "3", "李春花", twinA, "LSJ001", 300, shared)),
                compact(record("DEPOSIT", p + "4", "李秋花", twinB, "LSJ001", 400, shared))) + "\n";
        String job = upload("DEPOSIT", "application/x-ndjson", file.getBytes(StandardCharsets.UTF_8));
        awaitState(job, "COMPLETED");
        String first = xref("DEPOSIT", p + "1");
        assertThat(xref("DEPOSIT", p + "2")).isEqualTo(first);
        assertThat(xref("DEPOSIT", p + "3")).isNotEqualTo(xref("DEPOSIT", p + "4"));
        given().get("/api/v1/customers/" + first).then()
                .body("sources", hasSize(2)).body("accounts", hasSize(2));
    }

    @Test
    void anOrganisationsLegalRepresentativeIsLinkedInTheSameBatchAndReplacedByALaterOne() {
        String p = "L" + unique();
        String person = validId("431381", "19700303");
        String other = validId("431381", "19710404");
        String uscc = usccFor(p);
        String org = """
                {"source": "LOAN", "sourceCustomerId": "%s", "asOf": "%s", "branchCode": "LSJ001",
                 "party": {"type": "ORGANIZATION", "name": "涟源市%s农机有限公司", "idType": "USCC", "idNumber": "%s",
                           "legalRepresentative": {"name": "%s", "idType": "RESIDENT_ID", "idNumber": "%s"}},
                 "accounts": []}""";
        String file = compact(org.formatted(p + "ORG", "2026-11-01T00:00:00+08:00", p, uscc, "赵大山", person))
                + "\n" + compact(record("LOAN", p + "P", "赵大山", person, "LSJ001", 10));
        awaitState(upload("LOAN", "application/x-ndjson", file.getBytes(StandardCharsets.UTF_8)), "COMPLETED");
        String organisation = xref("LOAN", p + "ORG");
        String representative = xref("LOAN", p + "P");
        given().get("/api/v1/customers/" + organisation + "/relationships").then().statusCode(200)
                .body("findAll { it.type == 'LEGAL_REPRESENTATIVE' }", hasSize(1))
                .body("find { it.type == 'LEGAL_REPRESENTATIVE' }.toCustomer", equalTo(representative));

        String later = compact(org.formatted(p + "ORG", "2026-11-20T00:00:00+08:00", p, uscc, "钱小河", other));
        awaitState(upload("LOAN", "application/x-ndjson", later.getBytes(StandardCharsets.UTF_8)), "COMPLETED");
        given().get("/api/v1/customers/" + organisation + "/relationships").then().statusCode(200)
                .body("findAll { it.type == 'LEGAL_REPRESENTATIVE' }", hasSize(1))
                .body("find { it.type == 'LEGAL_REPRESENTATIVE' }.toName", equalTo("钱小河"));
        QuarkusTransaction.requiringNew().run(() -> {
            Number ended = (Number) em.createNativeQuery("""
                    SELECT count(*) FROM relationship WHERE from_customer = ?1 AND ended_at IS NOT NULL
                      AND to_customer = ?2""").setParameter(1, organisation).setParameter(2, representative)
                    .getSingleResult();
            assertThat(ended.longValue()).isEqualTo(1);
        });
    }

    @Test
    void singleRecordsArrivingDuringABulkImportNeverMakeASecondGoldenRecord() throws Exception {
        String p = "C" + unique();
        int n = 2000;
        List<String> ids = new ArrayList<>();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            String id = validId(String.valueOf(431300 + i % 90), "19" + (50 + i % 40) + "0" + (1 + i % 9) + "1" + (i % 9));
            ids.add(id);
            file.writeBytes((compact(record("DEPOSIT", p + i, "并发客户" + i, id, "LSJ001", i)) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        String job = upload("DEPOSIT", "application/x-ndjson", file.toByteArray());
        // The same people through the synchronous loan feed, from two threads, while the import runs.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> sent = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int thread = t;
            sent.add(pool.submit(() -> {
                for (int i = n - 1 - thread; i >= n - 100; i -= 2) {
                    given().contentType("application/json")
                            .body("[" + record("LOAN", p + "L" + i, "并发客户" + i, ids.get(i), "LSJ001", 1) + "]")
                            .post("/api/v1/feeds/LOAN/records").then().statusCode(200);
                }
            }));
        }
        for (Future<?> f : sent) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        awaitState(job, "COMPLETED");
        for (int i = n - 100; i < n; i++) {
            assertThat(xref("LOAN", p + "L" + i)).as("person %d", i).isEqualTo(xref("DEPOSIT", p + i));
        }
        QuarkusTransaction.requiringNew().run(() -> {
            Number twice = (Number) em.createNativeQuery("""
                    SELECT count(*) FROM (SELECT id_number FROM golden_record
                      WHERE status = 'ACTIVE' AND id_number = ANY(CAST(?1 AS varchar[]))
                      GROUP BY id_number HAVING count(*) > 1) t""")
                    .setParameter(1, ids.toArray(String[]::new)).getSingleResult();
            assertThat(twice.longValue()).isZero();
        });
    }

    @Test
    void copyEscapesBackslashesTabsAndLineBreaks() {
        String p = "E" + unique();
        String id = validId("431381", "19880808");
        String line = compact(record("DEPOSIT", p, "周\\\\小\\t川", id, "LSJ001", 5))
                .replace("\"phone\"", "\"address\": \"涟源市\\\\桥头河镇\\t东塘村3组\", \"phone\"");
        awaitState(upload("DEPOSIT", "application/x-ndjson", line.getBytes(StandardCharsets.UTF_8)), "COMPLETED");
        given().get("/api/v1/customers/" + xref("DEPOSIT", p)).then().statusCode(200)
                .body("attributes.address", org.hamcrest.Matchers.containsString("\\"));
    }

    private static String xref(String source, String sourceCustomerId) {
        return given().get("/api/v1/xref/" + source + "/" + sourceCustomerId).then().statusCode(200)
                .extract().path("customerNumber");
    }

    private long outboxCount() {
        return QuarkusTransaction.requiringNew().call(() ->
                ((Number) em.createNativeQuery("SELECT count(*) FROM outbox_event").getSingleResult()).longValue());
    }

    /** One JSON record on one line. */
    private static String compact(String json) {
        try {
            return JSON.readTree(json).toString();
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object[] toArray(Object sqlArray) {
        try {
            return sqlArray instanceof java.sql.Array a ? (Object[]) a.getArray() : (Object[]) sqlArray;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid USCC (GB 32100) of its own for each run. */
    private static String usccFor(String seed) {
        String body = String.format("%08d", Math.floorMod(seed.hashCode(), 100_000_000));
        return ChineseIds.uscc('9', '1', "431382", body);
    }
}
