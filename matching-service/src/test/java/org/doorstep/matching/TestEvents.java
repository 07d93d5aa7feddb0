package org.doorstep.matching;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.doorstep.testkit.EventContract;
import org.doorstep.testkit.SharedInfrastructure;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes events as the other services do (CloudEvents binary mode, raw header bytes), built from
 * the contracts' examples with fresh ids. Every event it builds is checked against its schema first.
 */
public final class TestEvents implements AutoCloseable {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().bootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());

    public static ObjectNode example(String type) {
        return (ObjectNode) JSON.readTree(EventContract.example(type));
    }

    /** A posting in Chengdu needing Java and SQL (required) and Kafka, with fresh ids. */
    public static ObjectNode posting(String postingId) {
        ObjectNode posting = example("org.doorstep.posting.upserted.v1");
        posting.put("postingId", postingId);
        posting.put("externalId", "EXT-" + postingId);
        posting.put("updatedAt", Instant.now().toString());
        return posting;
    }

    /** A seeker about 10 km from that posting with Java and SQL. */
    public static ObjectNode seeker(String seekerId) {
        ObjectNode seeker = example("org.doorstep.seeker.upserted.v1");
        seeker.put("seekerId", seekerId);
        return seeker;
    }

    public static ObjectNode with(ObjectNode node, Consumer<ObjectNode> change) {
        change.accept(node);
        return node;
    }

    public static void skills(ObjectNode seeker, String... labels) {
        ArrayNode skills = seeker.putArray("skills");
        for (String label : labels) {
            skills.addObject().put("label", label).putNull("escoUri").put("level", "BASIC");
        }
    }

    public void send(String topic, String type, String key, JsonNode data) {
        String json = JSON.writeValueAsString(data);
        List<String> violations = EventContract.violations(type, json);
        if (!violations.isEmpty()) {
            throw new AssertionError("test event violates " + type + ": " + violations);
        }
        sendRaw(topic, type, key, json.getBytes(StandardCharsets.UTF_8));
    }

    public void sendRaw(String topic, String type, String key, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        if (type != null) {
            header(record, "ce_id", UUID.randomUUID().toString());
            header(record, "ce_type", type);
            header(record, "ce_source", "//doorstep/test");
            header(record, "ce_time", Instant.now().toString());
            header(record, "ce_specversion", "1.0");
            header(record, "ce_subject", key);
            header(record, "content-type", "application/json");
        }
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close();
    }
}
