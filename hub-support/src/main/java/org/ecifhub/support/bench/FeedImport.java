package org.ecifhub.support.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.function.Consumer;

/** A feed file through {@code POST /api/v1/feeds/{feed}/imports}, followed until the job ends, for the benchmarks. */
final class FeedImport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FeedImport() {
    }

    /**
     * Starts the import at {@code base} (customer-master or the gateway; {@code token} null when none is wanted),
     * polls the job once a second, handing each state to {@code onPoll}, and returns the completed job's state.
     */
    static JsonNode run(HttpClient http, String base, String token, String feed, Path file, Consumer<JsonNode> onPoll)
            throws Exception {
        HttpResponse<String> started = http.send(authorised(HttpRequest.newBuilder(
                        URI.create(base + "/api/v1/feeds/" + feed + "/imports")), token)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("import of " + feed + " refused: " + started.body());
        }
        String job = JSON.readTree(started.body()).path("id").asText();
        JsonNode state;
        do {
            Thread.sleep(1000);
            state = JSON.readTree(http.send(authorised(HttpRequest.newBuilder(
                    URI.create(base + "/api/v1/imports/" + job)), token).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            onPoll.accept(state);
        } while (state.path("state").asText().equals("RUNNING") || state.path("state").asText().equals("QUEUED"));
        if (!state.path("state").asText().equals("COMPLETED")) {
            throw new IllegalStateException("import of " + feed + " ended " + state);
        }
        return state;
    }

    private static HttpRequest.Builder authorised(HttpRequest.Builder request, String token) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }
}
