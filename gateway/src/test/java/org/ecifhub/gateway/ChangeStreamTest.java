package org.ecifhub.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.ecifhub.support.testing.KafkaTestClient;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ecifhub.gateway.Hub.as;
import static org.ecifhub.gateway.TestEvents.created;
import static org.ecifhub.gateway.TestEvents.envelope;
import static org.ecifhub.gateway.TestEvents.number;
import static org.hamcrest.Matchers.equalTo;

/**
 * GET /api/v1/stream/changes: events published to the real (in-process) Kafka topics reach SSE clients, filtered,
 * scoped, masked, and resumable with Last-Event-ID. The SSE client is the JDK's HttpClient, reading the stream
 * line by line as a browser's EventSource would.
 */
@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StubUpstreams.class, scope = TestResourceScope.GLOBAL)
class ChangeStreamTest {

    @TestHTTPResource("/api/v1/stream/changes")
    URL stream;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    private final List<Sse> open = new ArrayList<>();

    @AfterEach
    void close() {
        open.forEach(Sse::close);
    }

    /** One event as a client receives it. */
    record Event(String id, String type, JsonPath data) {
    }

    /** An open SSE connection collecting events. */
    final class Sse {
        final List<Event> events = new CopyOnWriteArrayList<>();
        final List<String> comments = new CopyOnWriteArrayList<>();
        final CompletableFuture<HttpResponse<Stream<String>>> response;

        Sse(String query, String token, String lastEventId) {
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(stream + (query == null ? "" : "?" + query)))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
            if (lastEventId != null) {
                req.header("Last-Event-ID", lastEventId);
            }
            response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().sendAsync(req.build(), HttpResponse.BodyHandlers.ofLines());
            response.thenAccept(r -> {
                String[] current = new String[3];
                r.body().forEach(line -> {
                    if (line.startsWith(":")) {
                        comments.add(line);
                    } else if (line.startsWith("id: ")) {
                        current[0] = line.substring(4);
                    } else if (line.startsWith("event: ")) {
                        current[1] = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        current[2] = line.substring(6);
                    } else if (line.isEmpty() && current[2] != null) {
                        events.add(new Event(current[0], current[1], JsonPath.from(current[2])));
                        current[0] = current[1] = current[2] = null;
                    }
                });
            });
            open.add(this);
            await().atMost(Duration.ofSeconds(10)).until(() -> comments.stream().anyMatch(c -> c.startsWith(": connected")));
        }

        List<Event> about(String customer) {
            return events.stream().filter(e -> customer.equals(e.data().getString("event.subject"))).toList();
        }

        void close() {
            response.cancel(true);
            response.thenAccept(r -> r.body().close());
        }
    }

    @Test
    void changesReachTheStreamFilteredScopedMaskedAndResumable() {
        String a = number();
        String b = number();
        Sse ops = new Sse(null, Hub.token("OPS", null, null), null);
        Sse teller = new Sse(null, Hub.token("TELLER", "LSJ001", "T0101"), null);
        Sse tiers = new Sse("type=TierChanged&tier=EXCELLENT", Hub.token("HEAD_OFFICE", null, null), null);
        // A customer manager of LSJ001 who owns none of these customers yet.
        Sse manager = new Sse(null, Hub.token("CUSTOMER_MANAGER", "LSJ001", "S0101"), null);

        KafkaTestClient client = new KafkaTestClient(kafka);
        client.send("ecif.customer.v1", a, created(a, "LSJ001"));
        // The customer's first event is journalled before the rest, as it is committed before them in the hub.
        await().atMost(Duration.ofSeconds(30)).until(() -> !ops.about(a).isEmpty());
        client.send("ecif.customer.v1", b, created(b, "LSJ002"));
        client.send("ecif.tier.v1", a, envelope("TierChanged", a, "{\"customerNumber\":\"" + a + "\",\"from\":null,"
                + "\"to\":\"EXCELLENT\",\"reason\":\"score\",\"score\":812.5,\"branchCode\":\"LSJ001\"}"));
        client.send("ecif.ownership.v1", a, envelope("OwnershipChanged", a, "{\"customerNumber\":\"" + a + "\","
                + "\"from\":null,\"to\":{\"role\":\"PRIMARY\",\"ownerType\":\"STAFF\",\"ownerId\":\"S0101\"},"
                + "\"role\":\"PRIMARY\",\"reason\":\"tier\"}"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(ops.about(a)).extracting(Event::type)
                    .containsExactlyInAnyOrder("CustomerCreated", "TierChanged", "OwnershipChanged");
            assertThat(ops.about(b)).extracting(Event::type).containsExactly("CustomerCreated");
            assertThat(teller.about(a)).hasSize(3);
            assertThat(tiers.about(a)).extracting(Event::type).containsExactly("TierChanged");
        });
        Event first = ops.about(a).get(0);
        assertThat(first.data().getString("event.data.attributes.idNumber")).isEqualTo("4305**********4321");
        assertThat(first.data().getString("event.data.attributes.phone")).isEqualTo("137****5678");
        assertThat(first.data().getString("event.data.attributes.address")).isEqualTo("湖南省娄底市新化县****");
        assertThat(first.data().getString("topic")).isEqualTo("ecif.customer.v1");
        // The ownership event carries no branch; the gateway knows it from the customer's earlier events.
        Event ownership = ops.about(a).stream().filter(e -> e.type().equals("OwnershipChanged")).findFirst().orElseThrow();
        assertThat(ownership.data().getString("branch")).isEqualTo("LSJ001");
        // A teller of LSJ001 never sees a customer of LSJ002.
        assertThat(teller.about(b)).isEmpty();
        // A customer manager sees the changes of the customers they own from the moment they own them: a's
        // ownership event, never b's changes.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(manager.about(a)).extracting(Event::type).contains("OwnershipChanged"));
        assertThat(manager.about(b)).isEmpty();
        // Resuming from the start, they get the owned customer's whole history, still nothing of b.
        Sse managerFromStart = new Sse(null, Hub.token("CUSTOMER_MANAGER", "LSJ001", "S0101"), "0");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(managerFromStart.about(a))
                .extracting(Event::type).containsExactlyInAnyOrder("CustomerCreated", "TierChanged", "OwnershipChanged"));
        assertThat(managerFromStart.about(b)).isEmpty();
        assertThat(tiers.about(b)).isEmpty();

        // Reconnecting with the id of the first event replays what came after it.
        Sse resumed = new Sse(null, Hub.token("OPS", null, null), first.id());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(resumed.about(a)).extracting(Event::type)
                    .containsExactlyInAnyOrder("TierChanged", "OwnershipChanged");
            assertThat(resumed.about(b)).hasSize(1);
        });
        assertThat(Long.parseLong(resumed.events.get(0).id())).isGreaterThan(Long.parseLong(first.id()));
    }

    @Test
    void aBranchScopedCallerCannotAskForAnotherBranchAndBadResumeIdsAreProblems() {
        as("TELLER", "LSJ001", "T0101").queryParam("branch", "LSJ002").get("/api/v1/stream/changes")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:ecif:problem:out-of-scope"));
        as("OPS").header("Last-Event-ID", "yesterday").get("/api/v1/stream/changes")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:ecif:problem:validation"))
                .body("errors[0].field", equalTo("Last-Event-ID"));
    }
}
