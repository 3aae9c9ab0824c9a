package org.ecifhub.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import org.ecifhub.support.hub.TokenIssuer;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Stub upstreams: three small real HTTP servers that play customer-master, contribution-scoring and
 * manager-assignment with canned JSON in the shape of their documented answers (not the real services). Each can be
 * switched by a test ({@code POST /_stub/mode/{up|down|slow|error}}) to drop connections, hang or answer 500, can
 * have a value in its answers changed ({@code POST /_stub/value/{name}/{customer}/{value}}: a customer's phone
 * ({@code phone}), score ({@code score}) or latest visit's date ({@code lastVisit})) and says how often it answered a path ({@code GET /_stub/served?path=...}), so
 * that tests can see what the gateway asked for and what it kept. Customer-master knows 1000000001, 1000000002,
 * the retired 1000000009 (merged into 1000000001) and any 15xxxxxxxx (LSJ001), for tests that need a customer no
 * other test has read.
 * Also makes the test key pair in {@code target/test-keys} (never in the repository) and points the gateway at its
 * public key.
 */
public class StubUpstreams implements QuarkusTestResourceLifecycleManager {

    public static final Path KEY_DIR = Path.of("target/test-keys");

    /** How long a "slow" stub takes to answer: well beyond the gateway's section timeout in tests. */
    static final long SLOW_ANSWER_MILLIS = 8000;

    /** Values a test changed in the stubs' answers, by name and customer ("score/1000000002"). */
    private static final Map<String, String> VALUES = new java.util.concurrent.ConcurrentHashMap<>();

    private static String value(String name, String customerNumber, String otherwise) {
        return VALUES.getOrDefault(name + "/" + customerNumber, otherwise);
    }

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        TokenIssuer.ensureKeys(KEY_DIR);
        vertx = Vertx.vertx();
        Map<String, String> config = new HashMap<>();
        config.put("ecif.gateway.customer-master-url", "http://127.0.0.1:" + listen(new Stub(Stub::customerMaster)));
        config.put("ecif.gateway.contribution-scoring-url", "http://127.0.0.1:" + listen(new Stub(Stub::scoring)));
        config.put("ecif.gateway.manager-assignment-url", "http://127.0.0.1:" + listen(new Stub(Stub::assignment)));
        config.put("mp.jwt.verify.publickey.location", KEY_DIR.resolve(TokenIssuer.PUBLIC_KEY_FILE).toAbsolutePath().toString());
        config.put("mp.jwt.verify.issuer", TokenIssuer.DEFAULT_ISSUER);
        return config;
    }

    private int listen(Stub stub) {
        HttpServer server = vertx.createHttpServer().requestHandler(stub::handle);
        try {
            return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                    .actualPort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        vertx.close();
    }

    /** One stub service: its canned answers and its mode. */
    private final class Stub {

        private final java.util.function.Function<HttpServerRequest, String[]> answers;
        private final Map<String, java.util.concurrent.atomic.AtomicInteger> served =
                new java.util.concurrent.ConcurrentHashMap<>();
        private volatile String mode = "up";

        Stub(java.util.function.Function<HttpServerRequest, String[]> answers) {
            this.answers = answers;
        }

        void handle(HttpServerRequest req) {
            if (req.path().startsWith("/_stub/mode/")) {
                mode = req.path().substring("/_stub/mode/".length());
                req.response().end(mode);
                return;
            }
            if (req.path().startsWith("/_stub/value/")) {
                // /_stub/value/{name}/{customer}/{value}
                String[] nameCustomerValue = req.path().substring("/_stub/value/".length()).split("/", 3);
                VALUES.put(nameCustomerValue[0] + "/" + nameCustomerValue[1], nameCustomerValue[2]);
                req.response().end(nameCustomerValue[2]);
                return;
            }
            if (req.path().equals("/_stub/served")) {
                java.util.concurrent.atomic.AtomicInteger n = served.get(req.getParam("path"));
                req.response().end(String.valueOf(n == null ? 0 : n.get()));
                return;
            }
            served.computeIfAbsent(req.path(), p -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
            switch (mode) {
                case "down" -> req.connection().close();
                case "slow" -> req.body().onSuccess(b -> vertx.setTimer(SLOW_ANSWER_MILLIS, t -> answer(req, b)));
                case "error" -> req.response().setStatusCode(500).end();
                default -> req.body().onSuccess(b -> answer(req, b));
            }
        }

        private void answer(HttpServerRequest req, io.vertx.core.buffer.Buffer body) {
            {
                String[] a = answers.apply(req);
                if (a == null) {
                    a = new String[] {"404", "{\"type\":\"urn:ecif:problem:not-found\",\"title\":\"Not found\","
                            + "\"status\":404}"};
                }
                if (a.length == 1) {
                    a = new String[] {"200", a[0]};
                }
                String text = a[1].replace("${bodyLength}", String.valueOf(body.length()))
                        .replace("${authorization}", String.valueOf(req.getHeader("Authorization") != null));
                req.response().setStatusCode(Integer.parseInt(a[0]))
                        .putHeader("Content-Type", a[0].equals("404") ? "application/problem+json" : "application/json")
                        .end(text);
            }
        }

        static String openapi(String... paths) {
            StringBuilder doc = new StringBuilder("{\"openapi\":\"3.1.0\",\"paths\":{");
            for (int i = 0; i < paths.length; i++) {
                doc.append(i == 0 ? "" : ",").append('"').append(paths[i]).append("\":{\"get\":{\"summary\":\"")
                        .append(paths[i]).append("\",\"responses\":{\"200\":{\"description\":\"OK\"}}}}");
            }
            return doc.append("},\"components\":{\"schemas\":{\"Stub").append(paths.length)
                    .append("\":{\"type\":\"object\"}}}}").toString();
        }

        static String[] customerMaster(HttpServerRequest req) {
            String path = req.path();
            if (path.equals("/q/openapi")) {
                return new String[] {openapi("/api/v1/customers/{customerNumber}", "/api/v1/feeds/{source}/records",
                        "/internal/not-public")};
            }
            if (path.startsWith("/api/v1/feeds/")) {
                return new String[] {"{\"method\":\"" + req.method() + "\",\"uri\":\"" + req.uri()
                        + "\",\"bodyLength\":${bodyLength},\"authorizationForwarded\":${authorization}}"};
            }
            if (path.equals("/api/v1/customers")) {
                return new String[] {"{\"query\":\"" + req.query() + "\",\"page\":0,\"items\":["
                        + customer("1000000001", "LSJ001", null) + "]}"};
            }
            if (path.matches("/api/v1/customers/[0-9]+/relationships")) {
                return new String[] {"[{\"type\":\"FAMILY\",\"customerNumber\":\"1000000003\",\"name\":\"李娜\","
                        + "\"idNumber\":\"430521199001011234\",\"phone\":\"13900001111\"}]"};
            }
            if (path.matches("/api/v1/customers/15[0-9]{8}")) {
                return new String[] {customer(path.substring(path.lastIndexOf('/') + 1), "LSJ001", null)};
            }
            return switch (path) {
                case "/api/v1/customers/1000000001" -> new String[] {customer("1000000001", "LSJ001", null)};
                case "/api/v1/customers/1000000002" -> new String[] {customer("1000000002", "LSJ002", null)};
                case "/api/v1/customers/1000000009" -> new String[] {customer("1000000001", "LSJ001", "1000000009")};
                default -> null;
            };
        }

        static String customer(String n, String branch, String redirectedFrom) {
            return "{\"customerNumber\":\"" + n + "\",\"status\":\"ACTIVE\",\"mergedInto\":null,\"redirectedFrom\":"
                    + (redirectedFrom == null ? "null" : "\"" + redirectedFrom + "\"") + ",\"version\":3,"
                    + "\"attributes\":{\"type\":\"PERSON\",\"name\":\"张伟\",\"idType\":\"RESIDENT_ID\","
                    + "\"idNumber\":\"43138119850917123X\",\"birthDate\":\"1985-09-17\",\"gender\":\"M\","
                    + "\"phone\":\"" + value("phone", n, "13812345678") + "\",\"address\":\"湖南省娄底市冷水江市锑都中路12号\","
                    + "\"occupation\":\"教师\",\"branchCode\":\"" + branch + "\"},"
                    + "\"qualityIssues\":[{\"attribute\":\"phone\",\"flag\":\"PHONE_SHARED\",\"detail\":\"13812345678 "
                    + "is shared by 3 parties\"}],"
                    + "\"sources\":[{\"source\":\"DEPOSIT\",\"sourceCustomerId\":\"CB" + n + "\"}],"
                    + "\"accounts\":[{\"source\":\"DEPOSIT\",\"accountId\":\"A1\",\"productType\":\"DEMAND_DEPOSIT\","
                    + "\"currency\":\"CNY\",\"balance\":52000.00}],\"unknownExtra\":{\"kept\":true}}";
        }

        static String[] scoring(HttpServerRequest req) {
            if (req.path().equals("/q/openapi")) {
                return new String[] {openapi("/api/v1/customers/{customerNumber}/score", "/api/v1/scoring/consumption")};
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("/api/v1/customers/([0-9]+)/score")
                    .matcher(req.path());
            if (m.matches()) {
                return new String[] {"{\"customerNumber\":\"" + m.group(1) + "\",\"score\":" + value("score", m.group(1), "812.5")
                        + ",\"tier\":\"EXCELLENT\","
                        + "\"breakdown\":[{\"item\":\"deposits\",\"points\":500}],\"modelVersion\":\"2026.1\","
                        + "\"someNewField\":42}"};
            }
            return null;
        }

        static String[] assignment(HttpServerRequest req) {
            if (req.path().equals("/q/openapi")) {
                return new String[] {openapi("/api/v1/staff", "/api/v1/customers/{customerNumber}/owners",
                        "/api/v1/customers/{customerNumber}/score")};
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("/api/v1/customers/([0-9]+)/owners")
                    .matcher(req.path());
            if (m.matches()) {
                return new String[] {"{\"customerNumber\":\"" + m.group(1) + "\",\"branchCode\":\"LSJ001\","
                        + "\"tier\":\"EXCELLENT\",\"current\":[{\"role\":\"PRIMARY\",\"ownerType\":\"STAFF\","
                        + "\"ownerId\":\"S0101\"},{\"role\":\"BRANCH\",\"ownerType\":\"BRANCH\",\"ownerId\":\"LSJ001\"}],"
                        + "\"history\":[]}"};
            }
            if (req.path().equals("/api/v1/visits")) {
                return new String[] {"[{\"id\":1,\"customerNumber\":\"" + req.getParam("customer") + "\","
                        + "\"staffId\":\"S0101\",\"date\":\"2026-10-01\",\"channel\":\"VISIT\",\"nextDate\":\"2026-11-01\"},"
                        + "{\"id\":2,\"customerNumber\":\"" + req.getParam("customer") + "\",\"staffId\":\"S0101\","
                        + "\"date\":\"" + value("lastVisit", req.getParam("customer"), "2026-11-02") + "\",\"channel\":\"PHONE\",\"nextDate\":\"2026-12-02\"}]"};
            }
            if (req.path().equals("/api/v1/staff")) {
                return new String[] {"[]"};
            }
            return null;
        }
    }
}
