package org.doorstep.postings.platform.messaging;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The records every Doorstep service publishes, the same in all four: an event as a CloudEvent 1.0 whose data is
 * JSON ({@code content-type: application/json}), keyed for its topic's partitioning and compaction; or the
 * tombstone that removes a key from a compacted topic. Sent through {@link KafkaProducers#cloudEvents}.
 */
public final class JsonCloudEvents {

    private static final String JSON = "application/json";

    private JsonCloudEvents() {
    }

    public static ProducerRecord<String, CloudEvent> record(String topic, String key, String id, String type, URI source,
                                                            Instant time, String subject, byte[] json) {
        CloudEvent event = CloudEventBuilder.v1().withId(id).withType(type).withSource(source)
                .withTime(time.atOffset(ZoneOffset.UTC)).withSubject(subject).withData(JSON, json).build();
        return new ProducerRecord<>(topic, key, event);
    }

    public static ProducerRecord<String, CloudEvent> tombstone(String topic, String key) {
        return new ProducerRecord<>(topic, key, null);
    }
}
