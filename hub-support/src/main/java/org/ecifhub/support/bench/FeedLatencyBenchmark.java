package org.ecifhub.support.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.ecifhub.support.demo.FeedGenerator;
import org.ecifhub.support.demo.GeneratedRecord;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Feed record to event on Kafka, for single records: generated deposit records posted one at a time to
 * {@code POST /api/v1/feeds/DEPOSIT/records} at a steady rate, and the time from sending each until its
 * CustomerCreated is read from {@code ecif.customer.v1} (through the outbox, the Debezium engine and the broker).
 *
 * <p>{@code FeedLatencyBenchmark PROJECT_ROOT WORK_DIR RECORDS PER_SECOND}
 */
public final class FeedLatencyBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WARM_UP = 300;

    private FeedLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        int records = Integer.parseInt(args[2]);
        int perSecond = Integer.parseInt(args[3]);
        PrintStream out = System.out;
        BenchHub.clean(work);
        try (BenchHub hub = new BenchHub(root, work, "512m")) {
            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            Map<String, Long> seenAt = new ConcurrentHashMap<>();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread reader = new Thread(() -> read(hub.kafkaBootstrap, sentAt, seenAt, running), "bench-reader");
            reader.start();

            HttpClient http = HttpClient.newHttpClient();
            Iterator<GeneratedRecord> feed = new FeedGenerator(FeedGenerator.Options.defaults()
                    .withParties(WARM_UP + records + 10).withSeed(7L).withSecondDepositShare(0).withLoanShare(0)
                    .withEbankShare(0)).records();
            long[] response = new long[records];
            long intervalNanos = 1_000_000_000L / perSecond;
            long next = System.nanoTime();
            for (int i = 0; i < WARM_UP + records; i++) {
                GeneratedRecord r = feed.next();
                while (System.nanoTime() < next) {
                    Thread.onSpinWait();
                }
                next += intervalNanos;
                long start = System.nanoTime();
                if (i >= WARM_UP) {
                    sentAt.put(r.sourceCustomerId(), start);
                }
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                                URI.create(hub.customerMasterUrl + "/api/v1/feeds/DEPOSIT/records"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("[" + r.jsonLine() + "]")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException("record refused: " + answer.body());
                }
                if (i >= WARM_UP) {
                    response[i - WARM_UP] = System.nanoTime() - start;
                }
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (seenAt.size() < records && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            running.set(false);
            reader.join();

            long[] latency = sentAt.entrySet().stream().filter(e -> seenAt.containsKey(e.getKey()))
                    .mapToLong(e -> seenAt.get(e.getKey()) - e.getValue()).sorted().toArray();
            Arrays.sort(response);
            out.printf(Locale.ROOT, "records: %d single deposit records at %d/s after %d warm-up records; "
                    + "%d events seen%n", records, perSecond, WARM_UP, latency.length);
            out.printf(Locale.ROOT, "HTTP answer (record consolidated and committed): p50 %.1f ms, p99 %.1f ms%n",
                    ms(response, 0.50), ms(response, 0.99));
            out.printf(Locale.ROOT, "feed record -> CustomerCreated on Kafka: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms,"
                    + " max %.1f ms%n", ms(latency, 0.50), ms(latency, 0.95), ms(latency, 0.99),
                    latency.length == 0 ? Double.NaN : latency[latency.length - 1] / 1e6);
            if (latency.length < records) {
                throw new IllegalStateException((records - latency.length) + " events were not seen");
            }
        }
    }

    private static double ms(long[] sortedNanos, double quantile) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = Math.min(sortedNanos.length - 1, (int) Math.ceil(quantile * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }

    private static void read(String bootstrap, Map<String, Long> sentAt, Map<String, Long> seenAt,
                             AtomicBoolean running) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-latency");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of("ecif.customer.v1"));
            while (running.get()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    try {
                        JsonNode event = JSON.readTree(r.value());
                        if ("CustomerCreated".equals(event.path("eventType").asText())) {
                            String id = event.path("data").path("source").path("sourceCustomerId").asText();
                            if (sentAt.containsKey(id)) {
                                seenAt.putIfAbsent(id, now);
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException("unreadable event " + r.value(), e);
                    }
                }
            }
        }
    }
}
