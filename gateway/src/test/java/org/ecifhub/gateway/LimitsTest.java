package org.ecifhub.gateway;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ecifhub.gateway.domain.RateLimiter;
import org.ecifhub.support.infra.EcifInfraTestResource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecifhub.gateway.Hub.as;
import static org.hamcrest.Matchers.equalTo;

/** Rate limits per client and request size limits (bulk imports excepted); tests run with 20/s, burst 40, 64 KiB. */
@QuarkusTest
@WithTestResource(value = EcifInfraTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = StubUpstreams.class, scope = TestResourceScope.GLOBAL)
class LimitsTest {

    @TestHTTPResource("/api/v1/feeds/DEPOSIT/records")
    URL records;

    @Test
    void aClientOverItsRateGets429WithRetryAfterWhileOthersGoOn() throws Exception {
        // 200 requests at once from one client: far over 20/s with a burst of 40.
        String token = Hub.token("OPS", null, "GREEDY" + System.nanoTime());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI staff = records.toURI().resolve("/api/v1/staff");
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            calls.add(http.sendAsync(HttpRequest.newBuilder(staff).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> answers = calls.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        List<HttpResponse<String>> limited = answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(limited).isNotEmpty();
        assertThat(answers.stream().filter(r -> r.statusCode() == 200)).hasSizeGreaterThanOrEqualTo(40);
        assertThat(limited.get(0).headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(limited.get(0).body()).contains("urn:ecif:problem:rate-limited");
        assertThat(Long.parseLong(limited.get(0).headers().firstValue("Retry-After").orElseThrow())).isPositive();
        // Another client is not held back by the greedy one.
        as("OPS", null, "PATIENT" + System.nanoTime()).get("/api/v1/staff").then().statusCode(200);
    }

    @Test
    void theBucketRefillsAtTheConfiguredRate() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(2, 3, now::get);
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isEqualTo(1);
        assertThat(limiter.acquire("b")).isZero();
        now.addAndGet(500_000_000L);
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isPositive();
    }

    @Test
    void aBodyOverTheLimitIs413ButABulkImportStreamsThrough() throws Exception {
        byte[] big = new byte[100 * 1024];
        java.util.Arrays.fill(big, (byte) 'x');
        as("SYSTEM").contentType("application/x-ndjson").body(big).post("/api/v1/feeds/DEPOSIT/records")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:ecif:problem:payload-too-large"));
        as("SYSTEM").contentType("application/x-ndjson").body(big).post("/api/v1/feeds/DEPOSIT/imports")
                .then().statusCode(200).body("bodyLength", equalTo(big.length));
        // Without a Content-Length the body is counted as it streams and cut off at the limit.
        HttpResponse<String> chunked = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(records.toURI())
                        .header("Authorization", "Bearer " + Hub.token("SYSTEM", null, null))
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).contains("urn:ecif:problem:payload-too-large");
        // A small body still passes.
        as("SYSTEM").contentType("application/x-ndjson").body("{}\n".getBytes()).post("/api/v1/feeds/DEPOSIT/records")
                .then().statusCode(200).body("bodyLength", equalTo(3));
    }
}
