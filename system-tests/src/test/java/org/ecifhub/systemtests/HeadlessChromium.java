package org.ecifhub.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real headless Chromium (Debian's {@code chromium} package) driven over the Chrome DevTools Protocol, with nothing
 * but the JDK's own WebSocket client: one page, navigate, evaluate JavaScript, wait for a condition, screenshot.
 * Page errors (uncaught exceptions, console errors) are collected so a test can assert there were none.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> pageErrors = Collections.synchronizedList(new ArrayList<>());

    private HeadlessChromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** The browser binary: {@code ECIF_CHROMIUM} if set, else Debian's (installed by {@code .ci/run}). */
    static Path binary() {
        String configured = System.getenv("ECIF_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElseThrow(() ->
                new IllegalStateException("No Chromium found (looked for " + CANDIDATES + "). The browser test needs "
                        + "Debian's chromium package: apt-get install chromium (.ci/run installs it), or set ECIF_CHROMIUM."));
    }

    static HeadlessChromium launch() throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("ecif-chromium");
        List<String> command = new ArrayList<>(List.of(binary().toString(),
                "--headless", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--mute-audio", "--window-size=1400,1000",
                "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "about:blank"));
        if ("root".equals(System.getProperty("user.name"))) {
            // Chromium refuses to run as root with its sandbox; CI machines run the tests as root.
            command.add(1, "--no-sandbox");
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile()).start();
        try {
            int port = devToolsPort(process, profile);
            HttpClient http = HttpClient.newHttpClient();
            // A fresh page target; the endpoint wants PUT on current Chromium.
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/json/new?about:blank"))
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            String pageSocket = Http.JSON.readTree(created.body()).path("webSocketDebuggerUrl").asText();
            HeadlessChromium[] self = new HeadlessChromium[1];
            WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create(pageSocket), new Listener(() -> self[0])).get(15, TimeUnit.SECONDS);
            self[0] = new HeadlessChromium(process, profile, socket);
            self[0].send("Page.enable", null);
            self[0].send("Runtime.enable", null);
            return self[0];
        } catch (Exception e) {
            process.destroyForcibly();
            String log = Files.exists(profile.resolve("chromium.log")) ? Files.readString(profile.resolve("chromium.log")) : "";
            throw new IllegalStateException("Chromium did not start for the browser test: " + e + "\n" + log, e);
        }
    }

    /** Chromium writes the port it chose to DevToolsActivePort in its profile once it listens. */
    private static int devToolsPort(Process process, Path profile) throws IOException, InterruptedException {
        Path file = profile.resolve("DevToolsActivePort");
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Chromium exited with " + process.exitValue());
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Chromium did not open its DevTools port within 30 s");
    }

    JsonNode send(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        ObjectNode message = Http.JSON.createObjectNode().put("id", id).put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(message.toString(), true).join();
        try {
            JsonNode reply = answer.get(30, TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + " failed: " + reply.path("error"));
            }
            return reply.path("result");
        } catch (Exception e) {
            throw e instanceof IllegalStateException ise ? ise : new IllegalStateException(method + " failed", e);
        } finally {
            pending.remove(id);
        }
    }

    void navigate(String url) {
        send("Page.navigate", Http.JSON.createObjectNode().put("url", url));
        await("the page at " + url + " loaded", "document.readyState === 'complete'", Duration.ofSeconds(20));
    }

    /** The value of a JavaScript expression in the page (promises awaited). */
    JsonNode evaluate(String expression) {
        JsonNode result = send("Runtime.evaluate", Http.JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("JavaScript failed: " + expression + ": " + result.path("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Waits until {@code expression} is truthy in the page; fails naming {@code what} with the page's text. */
    void await(String what, String expression, Duration timeout) {
        awaitValue(what, expression, JsonNode::asBoolean, timeout);
    }

    JsonNode awaitValue(String what, String expression, Predicate<JsonNode> done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = evaluate(expression);
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("Timed out after " + timeout.toSeconds() + " s waiting for " + what
                + " (last value " + last + "). Page text:\n" + evaluate("document.body.innerText").asText());
    }

    /** A PNG of the page, to look at when a test fails. */
    void screenshot(Path file) throws IOException {
        String png = send("Page.captureScreenshot", Http.JSON.createObjectNode().put("format", "png")).path("data").asText();
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(png));
    }

    List<String> pageErrors() {
        return List.copyOf(pageErrors);
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(2, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the browser goes anyway
        }
        // Chromium runs as a tree (renderer, GPU, network processes): stop them all before its profile goes.
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
        deleteBestEffort(profile);
    }

    /** A temporary profile: whatever cannot be deleted (a file vanishing meanwhile) is not worth failing a test. */
    private static void deleteBestEffort(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            dir.toFile().deleteOnExit();
        }
    }

    private void onMessage(String text) {
        try {
            JsonNode message = Http.JSON.readTree(text);
            if (message.has("id")) {
                CompletableFuture<JsonNode> answer = pending.get(message.path("id").asInt());
                if (answer != null) {
                    answer.complete(message);
                }
                return;
            }
            String method = message.path("method").asText();
            if (method.equals("Runtime.exceptionThrown")) {
                pageErrors.add(message.path("params").path("exceptionDetails").toString());
            } else if (method.equals("Runtime.consoleAPICalled")
                    && message.path("params").path("type").asText().equals("error")) {
                pageErrors.add("console.error " + message.path("params").path("args"));
            }
        } catch (IOException e) {
            pageErrors.add("unreadable DevTools message: " + e.getMessage());
        }
    }

    /** Collects a text message's fragments and hands whole messages on (none arrive before the first command). */
    private static final class Listener implements WebSocket.Listener {

        private final java.util.function.Supplier<HeadlessChromium> browser;
        private final StringBuilder buffer = new StringBuilder();

        Listener(java.util.function.Supplier<HeadlessChromium> browser) {
            this.browser = browser;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String message = buffer.toString();
                buffer.setLength(0);
                HeadlessChromium b = browser.get();
                if (b != null) {
                    b.onMessage(message);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
