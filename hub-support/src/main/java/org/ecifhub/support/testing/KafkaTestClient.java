package org.ecifhub.support.testing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/** Sends and reads topics of a real Kafka in tests. */
public final class KafkaTestClient {

    private final String bootstrapServers;

    public KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public void send(String topic, String key, String value) {
        try (var producer = new KafkaProducer<String, String>(Map.of("bootstrap.servers", bootstrapServers),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not send to " + topic, e.getCause());
        }
    }

    /** Reads the topic from the start until {@code atLeast} records match or the timeout passes. */
    public List<ConsumerRecord<String, String>> read(String topic, Predicate<ConsumerRecord<String, String>> matching,
                                                     int atLeast, Duration timeout) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                "bootstrap.servers", bootstrapServers,
                "group.id", "test-reader-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest",
                "enable.auto.commit", "false"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (found.size() < atLeast && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                    if (matching.test(r)) {
                        found.add(r);
                    }
                }
            }
        }
        return found;
    }

    public List<ConsumerRecord<String, String>> readKey(String topic, String key, int atLeast, Duration timeout) {
        return read(topic, r -> key.equals(r.key()), atLeast, timeout);
    }

    /**
     * Waits until the topic holds at least {@code expected} records (the sum of its partitions' end offsets; none
     * while the topic does not exist yet), looking every 200 ms through one admin client.
     *
     * @return the count last seen: short of {@code expected} when the timeout passed first
     */
    public long awaitRecordCount(String topic, long expected, Duration timeout) throws InterruptedException {
        try (Admin admin = admin()) {
            Instant deadline = Instant.now().plus(timeout);
            long onTopic = 0;
            while (true) {
                if (admin.listTopics().names().get().contains(topic)) {
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    for (var p : admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()) {
                        latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
                    }
                    onTopic = admin.listOffsets(latest).all().get().values().stream()
                            .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
                }
                if (onTopic >= expected || !Instant.now().isBefore(deadline)) {
                    return onTopic;
                }
                Thread.sleep(200);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not read the offsets of " + topic, e.getCause());
        }
    }

    /** How many partitions the topic has. */
    public int partitionCount(String topic) {
        try (Admin admin = admin()) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not describe " + topic, e.getCause());
        }
    }

    /** A topic's effective setting, e.g. {@code retention.ms}. */
    public String topicConfig(String topic, String name) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = admin()) {
            return admin.describeConfigs(List.of(resource)).all().get().get(resource).get(name).value();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not describe the configuration of " + topic, e.getCause());
        }
    }

    private Admin admin() {
        return Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrapServers));
    }
}
