package org.doorstep.notifications;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.doorstep.testkit.EventContract;
import org.doorstep.testkit.SharedInfrastructure;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Produces CloudEvents (binary mode) on the real topics, built from the contracts' examples. */
public final class Events {

    public static final String MATCHES = "doorstep.matches.v1";
    public static final String PREFERENCES = "doorstep.seeker-preferences.v1";
    public static final String PARTNERS = "doorstep.partners.v1";
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private static KafkaProducer<String, byte[]> producer;

    private Events() {
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    public static ObjectNode example(String ceType) {
        return (ObjectNode) JSON.readTree(EventContract.example(ceType));
    }

    /** A match.found for this seeker and posting, otherwise the contract's example. */
    public static ObjectNode matchFound(String seekerId, String postingId, String partnerId, double score) {
        ObjectNode match = example("org.doorstep.match.found.v1");
        match.put("matchId", "m-" + postingId + "-" + seekerId);
        match.put("seekerId", seekerId);
        match.put("postingId", postingId);
        match.put("score", score);
        ((ObjectNode) match.get("posting")).put("partnerId", partnerId);
        return match;
    }

    public static ObjectNode matchWithdrawn(String seekerId, String postingId, String partnerId) {
        ObjectNode withdrawn = example("org.doorstep.match.withdrawn.v1");
        withdrawn.put("matchId", "m-" + postingId + "-" + seekerId);
        withdrawn.put("seekerId", seekerId);
        withdrawn.put("postingId", postingId);
        withdrawn.put("partnerId", partnerId);
        return withdrawn;
    }

    /** Sends and waits for the broker's ack; returns the ce_id used. */
    public static String send(String topic, String key, String ceType, String subject, Object data) {
        return send(topic, key, ceType, subject, data, UUID.randomUUID().toString());
    }

    public static String send(String topic, String key, String ceType, String subject, Object data, String ceId) {
        byte[] value = data == null ? null
                : data instanceof byte[] raw ? raw : JSON.writeValueAsString(data).getBytes(StandardCharsets.UTF_8);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        if (ceType != null) {
            header(record, "ce_id", ceId);
            header(record, "ce_type", ceType);
            header(record, "ce_source", "//doorstep/test");
            header(record, "ce_time", Instant.now().toString());
            header(record, "ce_specversion", "1.0");
            header(record, "ce_subject", subject);
            header(record, "content-type", "application/json");
        }
        send(record);
        return ceId;
    }

    /** Sends a record as built (own headers) and waits for the broker's ack. */
    public static void send(ProducerRecord<String, byte[]> record) {
        try {
            producer().send(record).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    public static String id() {
        return UUID.randomUUID().toString();
    }
}
