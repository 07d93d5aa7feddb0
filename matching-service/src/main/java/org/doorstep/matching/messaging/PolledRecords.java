package org.doorstep.matching.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The records of a batch-mode message one by one, each as the record-mode binder would hand it over: its value
 * (a tombstone's, null in the poll, as {@code KafkaNull}), its own headers ({@code ce_*}), its key and partition.
 */
final class PolledRecords {

    private PolledRecords() {
    }

    static List<Message<Object>> of(Message<? extends List<?>> poll) {
        List<?> values = poll.getPayload();
        MessageHeaders headers = poll.getHeaders();
        List<?> converted = list(headers, KafkaHeaders.BATCH_CONVERTED_HEADERS);
        List<?> keys = list(headers, KafkaHeaders.RECEIVED_KEY);
        List<?> partitions = list(headers, KafkaHeaders.RECEIVED_PARTITION);
        List<Message<Object>> records = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            MessageBuilder<Object> record = MessageBuilder.withPayload(value == null ? KafkaNull.INSTANCE : value);
            if (i < converted.size() && converted.get(i) instanceof Map<?, ?> own) {
                own.forEach((name, header) -> record.setHeader(String.valueOf(name), header));
            }
            if (i < keys.size() && keys.get(i) != null) {
                record.setHeader(KafkaHeaders.RECEIVED_KEY, keys.get(i));
            }
            if (i < partitions.size() && partitions.get(i) != null) {
                record.setHeader(KafkaHeaders.RECEIVED_PARTITION, partitions.get(i));
            }
            records.add(record.build());
        }
        return records;
    }

    private static List<?> list(MessageHeaders headers, String name) {
        return headers.get(name) instanceof List<?> list ? list : List.of();
    }
}
