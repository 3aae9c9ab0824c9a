package org.ecifhub.gateway.messaging;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A plain Kafka consumer of text records polling on a daemon thread of its own, for the gateway's followers of the
 * hub's topics (change journal, view store). A failure closes the consumer and starts a new one 2 s later, until
 * {@link #stop()}, which wakes a blocked poll up and waits for the thread.
 */
final class ConsumerThread {

    /** Subscribes and polls until {@code running} turns false. */
    interface Body {
        void consume(KafkaConsumer<String, String> consumer, BooleanSupplier running);
    }

    private static final long RESTART_MILLIS = 2000;

    private final Properties settings;
    private final Body body;
    private final Consumer<RuntimeException> onFailure;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, String> consumer;

    private ConsumerThread(String name, Properties settings, Body body, Consumer<RuntimeException> onFailure) {
        this.settings = settings;
        this.body = body;
        this.onFailure = onFailure;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    /**
     * Starts a consumer in {@code group}, starting at {@code offsetReset} ("earliest" or "latest") when the group
     * has no committed offsets, and never committing by itself.
     *
     * @param onFailure told each failure before the restart
     */
    static ConsumerThread start(String name, String bootstrapServers, String group, String offsetReset, Body body,
                                Consumer<RuntimeException> onFailure) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
        // A topic created after the start (a fresh hub) is picked up within seconds.
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "5000");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        ConsumerThread t = new ConsumerThread(name, p, body, onFailure);
        t.thread.start();
        return t;
    }

    void stop() throws InterruptedException {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        thread.join(10_000);
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(settings)) {
                consumer = c;
                body.consume(c, () -> running);
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                onFailure.accept(e);
                try {
                    Thread.sleep(RESTART_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
