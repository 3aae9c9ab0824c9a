package org.ecifhub.gateway;

import io.restassured.specification.RequestSpecification;
import org.ecifhub.support.hub.TokenIssuer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;

/** Test helpers: tokens signed with the test key (as ./hub token signs them) and the stub upstreams' switches. */
final class Hub {

    private static final TokenIssuer ISSUER = TokenIssuer.forKeyDir(StubUpstreams.KEY_DIR, TokenIssuer.DEFAULT_ISSUER);

    private Hub() {
    }

    static String token(String role, String branch, String staff) {
        return ISSUER.issue(staff != null ? staff : role.toLowerCase(), List.of(role), branch, staff,
                Duration.ofMinutes(10));
    }

    static RequestSpecification as(String role, String branch, String staff) {
        return given().header("Authorization", "Bearer " + token(role, branch, staff));
    }

    static RequestSpecification as(String role) {
        return as(role, null, null);
    }

    /** Switches a stub upstream ("customer-master", "contribution-scoring", "manager-assignment") to a mode. */
    static void stub(String service, String mode) {
        stubCall(service, "/_stub/mode/" + mode, true);
    }

    /** Sets a value in a stub's answers for one customer ("phone", "score", "lastVisit"; see StubUpstreams). */
    static void stubValue(String service, String name, String customerNumber, String value) {
        stubCall(service, "/_stub/value/" + name + "/" + customerNumber + "/" + value, true);
    }

    /** How often a stub answered a path (what the gateway asked it for). */
    static int served(String service, String path) {
        return Integer.parseInt(stubCall(service, "/_stub/served?path="
                + java.net.URLEncoder.encode(path, java.nio.charset.StandardCharsets.UTF_8), false));
    }

    /** A customer number customer-master's stub knows and no test has read yet: nothing of it is stored. */
    static String unseenCustomer() {
        return "15" + String.format("%08d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000));
    }

    private static String stubCall(String service, String pathAndQuery, boolean post) {
        String url = ConfigProvider.getConfig().getValue("ecif.gateway." + service + "-url", String.class);
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + pathAndQuery));
            HttpResponse<String> r = HttpClient.newHttpClient().send(post
                            ? request.POST(HttpRequest.BodyPublishers.noBody()).build() : request.GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("stub answered " + r.statusCode());
            }
            return r.body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void allUp() {
        stub("customer-master", "up");
        stub("contribution-scoring", "up");
        stub("manager-assignment", "up");
    }
}
