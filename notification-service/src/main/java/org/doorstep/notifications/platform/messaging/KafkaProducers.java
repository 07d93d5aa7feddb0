package org.doorstep.notifications.platform.messaging;

import java.util.HashMap;
import java.util.Map;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * How every producer of a Doorstep service is made, the same in all four: the {@code spring.kafka.*} settings
 * first (the brokers, a TLS and SCRAM listener's security), then the producer's own tuning, then what no producer
 * may change: idempotent and acknowledged by every in-sync replica. Events go out as CloudEvents in binary mode
 * ({@code ce_*} headers, the data as the value) through the CloudEvents SDK's Kafka binding.
 */
public final class KafkaProducers {

    private KafkaProducers() {
    }

    /** A producer of CloudEvents, keyed by a string; a record whose event is null is a tombstone (no value, no headers). */
    public static Producer<String, CloudEvent> cloudEvents(KafkaProperties kafka, String clientId, Map<String, ?> tuning) {
        return new KafkaProducer<>(config(kafka, clientId, tuning), new StringSerializer(), events());
    }

    /** The value serializer of {@link #cloudEvents}. */
    static Serializer<CloudEvent> events() {
        return new EventOrTombstone();
    }

    /** The configuration of any of this service's producers, for those that write other records (dead letters). */
    public static Map<String, Object> config(KafkaProperties kafka, String clientId, Map<String, ?> tuning) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.putAll(tuning);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return config;
    }

    /** The SDK's serializer (binary mode), which cannot write a null event: here that is a tombstone. */
    private static final class EventOrTombstone implements Serializer<CloudEvent> {

        private final CloudEventSerializer events = new CloudEventSerializer();

        @Override
        public byte[] serialize(String topic, CloudEvent event) {
            throw new UnsupportedOperationException("a CloudEvent in binary mode needs the record's headers");
        }

        @Override
        public byte[] serialize(String topic, Headers headers, CloudEvent event) {
            return event == null ? null : events.serialize(topic, headers, event);
        }
    }
}
