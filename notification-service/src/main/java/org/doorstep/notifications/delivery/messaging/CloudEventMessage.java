package org.doorstep.notifications.delivery.messaging;

import java.nio.charset.StandardCharsets;

import org.springframework.messaging.Message;

/** Reads CloudEvents binary-mode attributes and data from a Kafka record as the binder hands it over. */
final class CloudEventMessage {

    private CloudEventMessage() {
    }

    static String header(Message<?> message, String name) {
        Object value = message.getHeaders().get(name);
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }

    /** The record value, or null for a tombstone. */
    static byte[] data(Message<?> message) {
        Object payload = message.getPayload();
        if (payload instanceof byte[] bytes) {
            return bytes.length == 0 ? null : bytes;
        }
        if (payload instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return null;
    }

    static String key(Message<?> message) {
        Object key = message.getHeaders().get("kafka_receivedMessageKey");
        if (key instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return key == null ? null : key.toString();
    }
}
