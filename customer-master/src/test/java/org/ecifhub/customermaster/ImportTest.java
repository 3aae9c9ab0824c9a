package org.ecifhub.customermaster;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.restassured.RestAssured.config;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.ecifhub.customermaster.FeedIngestionTest.record;
import static org.ecifhub.customermaster.FeedIngestionTest.unique;
import static org.ecifhub.customermaster.FeedIngestionTest.validId;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
class ImportTest {

    static String upload(String source, String contentType, byte[] file) {
        return given().config(config().encoderConfig(EncoderConfig.encoderConfig()
                        .encodeContentTypeAs(contentType, ContentType.BINARY)))
                .contentType(contentType).body(file)
                .post("/api/v1/feeds/" + source + "/imports").then().statusCode(202)
                .header("Location", containsString("/api/v1/imports/"))
                .extract().path("id");
    }

    static void awaitState(String job, String state) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                given().get("/api/v1/imports/" + job).then().statusCode(200).body("state", equalTo(state)));
    }

    @Test
    void anNdjsonFileIsConsolidatedInTheBackgroundAndItsBadRecordsAreKeptWithReasons() throws Exception {
        String prefix = "BK" + unique();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        for (int i = 0; i < 1200; i++) {
            String id = validId("431381", "1985" + String.format("%02d", 1 + i % 12) + "15");
            file.write((record("DEPOSIT", prefix + i, "批量客户" + i, id, "LSJ001", i).replace("\n", "") + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            if (i == 100) {
                file.write("{\"source\": \"DEPOSIT\", \"sourceCustomerId\": \n".getBytes(StandardCharsets.UTF_8));
            }
            if (i == 600) {
                file.write("{\"source\": \"DEPOSIT\", \"sourceCustomerId\": \"X1\", \"party\": {\"type\": \"PERSON\"}}\n"
                        .getBytes(StandardCharsets.UTF_8));
                file.write(new byte[]{'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'});
            }
        }
        byte[] bytes = file.toByteArray();
        String job = upload("DEPOSIT", "application/x-ndjson", bytes);
        awaitState(job, "COMPLETED");
        given().get("/api/v1/imports/" + job).then()
                .body("total", equalTo(1203)).body("processed", equalTo(1203)).body("rejected", equalTo(3));
        given().get("/api/v1/imports/" + job + "/rejected").then().statusCode(200)
                .body("index", hasItems(101, 602, 603))
                .body("find { it.index == 602 }.errors[0].field", equalTo("party.name"))
                .body("find { it.index == 603 }.errors[0].reason", equalTo("not valid UTF-8"));
        String customer = given().get("/api/v1/xref/DEPOSIT/" + prefix + "7").then().statusCode(200)
                .extract().path("customerNumber");
        int version = given().get("/api/v1/customers/" + customer).then().extract().path("version");

        // The same file again: nothing changes, nothing is announced.
        String again = upload("DEPOSIT", "application/x-ndjson", bytes);
        awaitState(again, "COMPLETED");
        given().get("/api/v1/customers/" + customer).then().body("version", equalTo(version));
    }

    /**
     * 4,500 records are three batches of the import (2,000 each): each batch is parsed, checked and prepared while
     * the one before is written. Decisions must still be taken in file order against what earlier batches
     * committed: a record in the third batch carrying the valid id of a record in the first (another source
     * customer) joins its golden record, and the bad record of each batch is refused with its own index.
     */
    @Test
    void aFileOfSeveralBatchesIsDecidedInFileOrderAgainstWhatEarlierBatchesCommitted() throws Exception {
        String prefix = "PB" + unique();
        String region = "110101"; // no other test uses it, so these ids meet no other test's golden records
        java.time.LocalDate firstBirthDate = java.time.LocalDate.of(1950, 1, 1);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        String sharedId = null;
        int lines = 0;
        for (int i = 0; i < 4497; i++) {
            String first17 = region + firstBirthDate.plusDays(i).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
                    + String.format("%03d", (int) (Math.random() * 1000));
            String id = first17 + org.ecifhub.customermaster.domain.standard.ResidentIds.checkChar(first17);
            if (i == 5) {
                sharedId = id;
            }
            String line = i == 4300
                    ? record("DEPOSIT", prefix + "L", "多批客户5", sharedId, "LSJ001", 10).replace("\n", "")
                    : record("DEPOSIT", prefix + i, "多批客户" + i, id, "LSJ001", i).replace("\n", "");
            file.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            lines++;
            if (i == 1000 || i == 3000 || i == 4400) { // one bad record in each batch
                file.write("{\"source\": \"DEPOSIT\", \"sourceCustomerId\": \n".getBytes(StandardCharsets.UTF_8));
                lines++;
            }
        }
        String job = upload("DEPOSIT", "application/x-ndjson", file.toByteArray());
        awaitState(job, "COMPLETED");
        given().get("/api/v1/imports/" + job).then()
                .body("total", equalTo(lines)).body("processed", equalTo(lines)).body("rejected", equalTo(3));
        given().get("/api/v1/imports/" + job + "/rejected?size=10").then().statusCode(200)
                .body("index", hasItems(1001, 3002, 4403));
        String first = given().get("/api/v1/xref/DEPOSIT/" + prefix + "5").then().statusCode(200)
                .extract().path("customerNumber");
        given().get("/api/v1/xref/DEPOSIT/" + prefix + "L").then().statusCode(200)
                .body("customerNumber", equalTo(first));
        given().get("/api/v1/xref/DEPOSIT/" + prefix + "4496").then().statusCode(200)
                .body("customerNumber", not(equalTo(first)));
    }

    @Test
    void aCsvFileWithTheDocumentedHeaderImportsAndAWrongTypeIsRefused() {
        String a = "CV" + unique();
        String csv = "sourceCustomerId,asOf,branchCode,partyType,name,idType,idNumber,phone,accountId,productType,balance\n"
                + a + ",2026-11-21T23:00:00+08:00,LSJ002,PERSON,\"欧阳, 娜\",RESIDENT_ID," + validId("431381", "19900101")
                + ",13700001234,ACC" + a + ",TIME_DEPOSIT,50000.00\n"
                + a + "B,2026-11-21T23:00:00+08:00,LSJ002,PERSON,王五,,,,ACCB" + a + ",DEMAND_DEPOSIT,lots\n";
        String job = upload("LOAN", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        awaitState(job, "COMPLETED");
        given().get("/api/v1/imports/" + job).then().body("processed", equalTo(2)).body("rejected", equalTo(1));
        given().get("/api/v1/imports/" + job + "/rejected").then()
                .body("[0].errors[0].field", equalTo("accounts[0].balance"));
        given().get("/api/v1/xref/LOAN/" + a).then().statusCode(200);
    }

    @jakarta.inject.Inject
    org.ecifhub.customermaster.service.ImportService imports;
    @jakarta.inject.Inject
    org.ecifhub.customermaster.persistence.ImportJobStore jobs;

    /** As after a crash: a job left RUNNING with 4 records committed resumes at the fifth, and completes. */
    @Test
    void anInterruptedImportResumesAfterItsLastCommittedBatch() throws Exception {
        String prefix = "RS" + unique();
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            file.append(record("DEPOSIT", prefix + i, "续传" + i, validId("431382", "19770707"), "LSJ003", i)
                    .replace("\n", "")).append('\n');
        }
        java.nio.file.Path path = java.nio.file.Files.createTempFile("import-", ".ndjson");
        java.nio.file.Files.writeString(path, file);
        java.util.UUID id = java.util.UUID.randomUUID();
        jobs.create(id, "DEPOSIT", "NDJSON", path.toString());
        jobs.started(id);
        jobs.progress(id, 4, 4, 0);

        imports.resumeUnfinishedJobs();

        awaitState(id.toString(), "COMPLETED");
        given().get("/api/v1/imports/" + id).then().body("processed", equalTo(10)).body("total", equalTo(10));
        given().get("/api/v1/xref/DEPOSIT/" + prefix + "9").then().statusCode(200);
        // Records before the resume point were taken as done by the interrupted run, not read again.
        given().get("/api/v1/xref/DEPOSIT/" + prefix + "2").then().statusCode(404);
    }

    @Test
    void aFileThatCannotBeReadFailsVisibly() {
        String job = upload("DEPOSIT", "text/csv", "sourceCustomerId,favouriteColour\nX,blue\n".getBytes(StandardCharsets.UTF_8));
        awaitState(job, "FAILED");
        given().get("/api/v1/imports/" + job).then().body("error", containsString("favouriteColour"));
        given().get("/api/v1/imports/not-a-job").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theNewestImportsAreListedFirstAndCanBeNarrowedToAState() {
        String a = "LS" + unique();
        String csv = "sourceCustomerId,asOf,branchCode,partyType,name,idType,idNumber,phone,accountId,productType,balance\n"
                + a + ",2026-11-21T23:00:00+08:00,LSJ002,PERSON,张三,,,,ACC" + a + ",DEMAND_DEPOSIT,10.00\n";
        String older = upload("DEPOSIT", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        awaitState(older, "COMPLETED");
        String newer = upload("DEPOSIT", "text/csv", "sourceCustomerId,favouriteColour\nX,blue\n".getBytes(StandardCharsets.UTF_8));
        awaitState(newer, "FAILED");

        given().get("/api/v1/imports?limit=2").then().statusCode(200)
                .body("size()", equalTo(2)).body("[0].id", equalTo(newer)).body("[1].id", equalTo(older))
                .body("[1].processed", equalTo(1)).body("[1].total", equalTo(1));
        given().get("/api/v1/imports?state=completed&limit=200").then().statusCode(200)
                .body("id", hasItems(older)).body("id", not(hasItems(newer)))
                .body("state", everyItem(equalTo("COMPLETED")));
        given().get("/api/v1/imports?state=SLEEPING").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("state"));
        given().get("/api/v1/imports?limit=0").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
    }
}
