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
        String url = ConfigProvider.getConfig().getValue("ecif.gateway." + service + "-url", String.class);
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url + "/_stub/mode/" + mode)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("stub answered " + r.statusCode());
            }
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
