package org.ecifhub.support.hub;

import org.ecifhub.support.demo.FeedGenerator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the demo feeds through the gateway, as a bank system would: the three generated feeds. (The demo
 * organisation is manager-assignment's own, loaded at its start when {@code ecif.assignment.demo-organisation} is set.)
 */
public final class DemoLoader {

    /** Records per request: well within the synchronous feed's limit and the gateway's timeout. */
    private static final int BATCH = 100;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;

    private final String bearer;

    /** @param bearerToken a SYSTEM token: the demo feeds come in as a bank system's would */
    public DemoLoader(String gatewayUrl, String bearerToken) {
        this.gateway = gatewayUrl;
        this.bearer = bearerToken;
    }

    /** Generates the feeds into {@code dir} and posts everything; returns the number of feed records. */
    public long load(Path dir, int parties) {
        FeedGenerator.Counts counts;
        try {
            counts = new FeedGenerator(FeedGenerator.Options.defaults().withParties(parties).withSeed(20261122L))
                    .writeTo(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        postFeed("DEPOSIT", dir.resolve("deposit.ndjson"));
        postFeed("LOAN", dir.resolve("loan.ndjson"));
        postFeed("EBANK", dir.resolve("ebank.ndjson"));
        return counts.records();
    }

    private void postFeed(String source, Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String> batch = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                batch.add(line);
                if (batch.size() == BATCH) {
                    postBatch(source, batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                postBatch(source, batch);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void postBatch(String source, List<String> lines) {
        HttpResponse<String> r = post("/api/v1/feeds/" + source + "/records", "application/x-ndjson; charset=UTF-8",
                String.join("\n", lines));
        // 422 means some demo records were refused as a real feed's would be; they are kept with their reasons.
        if (r.statusCode() != 200 && r.statusCode() != 422) {
            throw new IllegalStateException("Loading the " + source + " feed failed with HTTP " + r.statusCode()
                    + ": " + r.body());
        }
    }

    /** The customer number of the first demo deposit customer, to show in the start-up banner. */
    public String firstDemoCustomer(Path dir) {
        try (BufferedReader in = Files.newBufferedReader(dir.resolve("deposit.ndjson"), StandardCharsets.UTF_8)) {
            String first = in.readLine();
            String sourceId = first.replaceAll(".*\"sourceCustomerId\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/xref/DEPOSIT/" + sourceId))
                    .header("Authorization", "Bearer " + bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.body().replaceAll(".*\"customerNumber\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private HttpResponse<String> post(String path, String contentType, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofMinutes(2))
                    .header("Content-Type", contentType).header("Authorization", "Bearer " + bearer)
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Gateway at " + gateway + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
