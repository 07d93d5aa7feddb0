package org.doorstep.notifications.delivery.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.doorstep.notifications.platform.messaging.KafkaProducers;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Parks a match record that cannot be read in the binding's dead-letter topic, unchanged (key, value,
 * headers) plus the error, before the batch goes on: a bad record must neither stop the partition nor
 * be lost. Synchronous: the batch's offsets are committed only after the record is parked.
 */
@Component
class UnreadableRecords implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UnreadableRecords.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final String dlq;

    UnreadableRecords(@Value("${spring.cloud.stream.kafka.bindings.deliverMatch-in-0.consumer.dlq-name}") String dlq,
                      KafkaProperties kafka) {
        this.dlq = dlq;
        this.producer = new KafkaProducer<>(KafkaProducers.config(kafka, "notification-service-dlq", Map.of(
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000)),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    void park(BatchRecord record, byte[] value, RuntimeException error) {
        log.warn("unreadable record {}-{}@{} parked in {}: {}", record.topic(), record.partition(), record.offset(), dlq,
                error.toString());
        String key = record.key();
        ProducerRecord<byte[], byte[]> parked = new ProducerRecord<>(dlq, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value);
        record.headers().forEach((name, header) -> {
            if (name.startsWith("ce_") || name.equals("content-type")) {
                String text = BatchRecord.text(header);
                if (text != null) {
                    parked.headers().add(name, text.getBytes(StandardCharsets.UTF_8));
                }
            }
        });
        parked.headers().add("x-exception-message", String.valueOf(error.getMessage()).getBytes(StandardCharsets.UTF_8));
        parked.headers().add("x-original-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        parked.headers().add("x-original-partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        parked.headers().add("x-original-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(parked).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parking a record", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not park an unreadable record in " + dlq, e);
        }
    }

    @Override
    public void destroy() {
        producer.close(Duration.ofSeconds(5));
    }
}
