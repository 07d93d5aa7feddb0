package org.doorstep.systemtest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bson.Document;
import org.doorstep.testkit.SharedInfrastructure;

/**
 * Where a string (a seeker's id) is still written down on the platform: every document of every collection of every
 * database on the MongoDB endpoint (listed through the driver, not named here), and every record of every topic on the
 * broker (listed through the Admin client), searched whole: key, value and header values.
 */
final class PlatformTraces implements AutoCloseable {

    private static final Set<String> SYSTEM_DATABASES = Set.of("admin", "local", "config");

    /** A document that mentions a needle: where it is and its JSON. */
    record Trace(String collection, Document document) {
        @Override
        public String toString() {
            return collection + " " + document.toJson();
        }
    }

    /** A record that mentions a needle. {@code value} is null for a tombstone. */
    record Found(String topic, int partition, long offset, String key, String type, String value, String headers) {
        @Override
        public String toString() {
            return topic + "-" + partition + "@" + offset + " key=" + key + " ce_type=" + type + " value="
                    + (value == null ? "<tombstone>" : value) + " headers=" + headers;
        }
    }

    private final MongoClient mongo;
    private final Admin kafka;

    PlatformTraces() {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        this.mongo = MongoClients.create(infrastructure.mongoUri());
        this.kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.bootstrapServers()));
    }

    /** Every document, in any collection of any database, whose JSON contains one of the needles. */
    List<Trace> documents(Collection<String> needles) {
        List<Trace> traces = new ArrayList<>();
        for (String name : mongo.listDatabaseNames()) {
            if (SYSTEM_DATABASES.contains(name)) {
                continue;
            }
            MongoDatabase database = mongo.getDatabase(name);
            for (String collection : database.listCollectionNames()) {
                for (Document document : database.getCollection(collection).find()) {
                    String json = document.toJson();
                    if (needles.stream().anyMatch(json::contains)) {
                        traces.add(new Trace(name + "." + collection, document));
                    }
                }
            }
        }
        return traces;
    }

    /** The document with this {@code _id} in any collection of any database, by collection. */
    Map<String, Document> byId(String id) {
        Map<String, Document> found = new TreeMap<>();
        for (String name : mongo.listDatabaseNames()) {
            if (SYSTEM_DATABASES.contains(name)) {
                continue;
            }
            MongoDatabase database = mongo.getDatabase(name);
            for (String collection : database.listCollectionNames()) {
                Document document = database.getCollection(collection).find(new Document("_id", id)).first();
                if (document != null) {
                    found.put(name + "." + collection, document);
                }
            }
        }
        return found;
    }

    /** Every topic's partitions and their end offsets now. */
    Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions();
            return new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
        }
    }

    /** Every record, from the start of every partition of every topic to its end now, that mentions one of the needles. */
    List<Found> records(Collection<String> needles) {
        List<Found> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read every topic to its end in 120 s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String key = text(record.key());
                    String value = text(record.value());
                    String headers = headers(record);
                    String whole = key + " " + value + " " + headers;
                    if (needles.stream().anyMatch(whole::contains)) {
                        Header type = record.headers().lastHeader("ce_type");
                        found.add(new Found(record.topic(), record.partition(), record.offset(), key,
                                type == null ? null : text(type.value()), value, headers));
                    }
                }
            }
        }
        return found;
    }

    /** The broker's configuration of each topic, as the topic is set up (defaults included). */
    Map<String, Config> topicConfigs() {
        try {
            Set<String> topics = kafka.listTopics().names().get(30, TimeUnit.SECONDS);
            return kafka.describeConfigs(topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList())
                    .all().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().name(), Map.Entry::getValue));
        } catch (Exception e) {
            throw new IllegalStateException("could not describe the topics", e);
        }
    }

    private List<TopicPartition> partitions() {
        try {
            Set<String> topics = kafka.listTopics().names().get(30, TimeUnit.SECONDS);
            return kafka.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                    .flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition())))
                    .toList();
        } catch (Exception e) {
            throw new IllegalStateException("could not list the topics", e);
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static String headers(ConsumerRecord<byte[], byte[]> record) {
        StringBuilder text = new StringBuilder("{");
        for (Header header : record.headers()) {
            text.append(header.key()).append('=').append(text(header.value())).append(' ');
        }
        return text.append('}').toString();
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        mongo.close();
        kafka.close(Duration.ofSeconds(5));
    }
}
