package org.doorstep.seekers.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * The way every Doorstep service writes to Kafka (the classes are the same copy in all four: ServiceCopiesTest in the
 * system tests): what no producer's tuning can change, and the records as the CloudEvents SDK's Kafka binding writes
 * them, read back by the SDK.
 */
class KafkaProducersTest {

    @Test
    void everyProducerIsIdempotentAndWaitsForAllReplicasWhateverItsTuning() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of("broker-1:9093"));

        Map<String, Object> config = KafkaProducers.config(kafka, "seekers-service-outbox", Map.of(
                ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.LINGER_MS_CONFIG, 5));

        assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5)
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "seekers-service-outbox")
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, List.of("broker-1:9093"));
    }

    @Test
    void writesAJsonEventInBinaryModeThatTheSdkReadsBack() {
        ProducerRecord<String, CloudEvent> record = JsonCloudEvents.record("doorstep.seekers.v1", "s-1", "e-1",
                "org.doorstep.seeker.upserted.v1", URI.create("//doorstep/seekers-service"),
                Instant.parse("2026-12-04T03:20:55.120Z"), "s-1", "{\"seekerId\":\"s-1\"}".getBytes(StandardCharsets.UTF_8));
        RecordHeaders headers = new RecordHeaders();

        byte[] value = serialize(record, headers);

        assertThat(new String(value, StandardCharsets.UTF_8)).isEqualTo("{\"seekerId\":\"s-1\"}");
        assertThat(names(headers)).containsExactlyInAnyOrder("ce_specversion", "ce_id", "ce_type", "ce_source", "ce_time",
                "ce_subject", "content-type");
        assertThat(text(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(text(headers, "ce_source")).isEqualTo("//doorstep/seekers-service");
        assertThat(Instant.parse(text(headers, "ce_time"))).isEqualTo(Instant.parse("2026-12-04T03:20:55.120Z"));
        assertThat(text(headers, "content-type")).isEqualTo("application/json");
        try (CloudEventDeserializer sdk = new CloudEventDeserializer()) {
            CloudEvent read = sdk.deserialize("doorstep.seekers.v1", headers, value);
            assertThat(read.getId()).isEqualTo("e-1");
            assertThat(read.getType()).isEqualTo("org.doorstep.seeker.upserted.v1");
            assertThat(read.getSubject()).isEqualTo("s-1");
        }
    }

    @Test
    void aTombstoneHasNoValueAndNoHeaders() {
        RecordHeaders headers = new RecordHeaders();

        byte[] value = serialize(JsonCloudEvents.tombstone("doorstep.seekers.v1", "s-1"), headers);

        assertThat(value).isNull();
        assertThat(headers.toArray()).isEmpty();
    }

    /** Through the value serializer of the producers KafkaProducers makes, as a producer calls it. */
    private static byte[] serialize(ProducerRecord<String, CloudEvent> record, RecordHeaders headers) {
        return KafkaProducers.events().serialize(record.topic(), headers, record.value());
    }

    private static List<String> names(RecordHeaders headers) {
        return Arrays.stream(headers.toArray()).map(Header::key).toList();
    }

    private static String text(RecordHeaders headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
