package org.doorstep.notifications.delivery.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/** Record {@code index} of a batch as the binder hands it over: every Kafka header is a list, one entry per record. */
record BatchRecord(Message<?> batch, int index) {

    int partition() {
        return ((Number) list(KafkaHeaders.RECEIVED_PARTITION).get(index)).intValue();
    }

    long offset() {
        return ((Number) list(KafkaHeaders.OFFSET).get(index)).longValue();
    }

    String topic() {
        Object topics = batch.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC);
        return topics instanceof List<?> list ? String.valueOf(list.get(index)) : String.valueOf(topics);
    }

    String key() {
        List<?> keys = list(KafkaHeaders.RECEIVED_KEY);
        return keys == null ? null : text(keys.get(index));
    }

    /** The record's own headers, as they were on the wire. */
    Map<String, Object> headers() {
        List<?> all = list(KafkaHeaders.BATCH_CONVERTED_HEADERS);
        if (all == null) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> headers = (Map<String, Object>) all.get(index);
        return headers;
    }

    String header(String name) {
        return text(headers().get(name));
    }

    private List<?> list(String name) {
        return (List<?>) batch.getHeaders().get(name);
    }

    static String text(Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }
}
