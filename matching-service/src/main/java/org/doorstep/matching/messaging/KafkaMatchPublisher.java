package org.doorstep.matching.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.doorstep.matching.match.MatchEvent;
import org.doorstep.matching.match.MatchFound;
import org.doorstep.matching.match.MatchPublisher;
import org.doorstep.matching.match.SameJob;
import org.doorstep.matching.match.SameJobNotices;
import org.doorstep.matching.match.MatchWithdrawn;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes match events to {@code doorstep.matches.v1} as CloudEvents in binary mode (ce_* headers
 * as raw UTF-8), keyed by seekerId, and the partners' duplicate notices to {@code doorstep.posting-duplicates.v1},
 * keyed by postingId, with one idempotent producer ({@code acks=all}); a publish returns only after the broker
 * acknowledged every event of it.
 */
@Component
class KafkaMatchPublisher implements MatchPublisher, SameJobNotices, DisposableBean {

    private static final String SOURCE = "//doorstep/matching-service";

    private final KafkaProducer<String, byte[]> producer;
    private final JsonMapper json;
    private final Topics topics;
    private final Clock clock;

    KafkaMatchPublisher(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers, JsonMapper json,
                        Topics topics, Clock clock, KafkaProperties kafka) {
        this.json = json;
        this.topics = topics;
        this.clock = clock;
        // spring.kafka.* first (the security settings of a TLS and SCRAM listener), then this producer's own
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.CLIENT_ID_CONFIG, "matching-service-matches"));
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void publish(MatchEvent event) {
        publishAll(List.of(event));
    }

    /** Sends every event at once (the producer batches them), then waits for each acknowledgement. */
    @Override
    public void publishAll(List<? extends MatchEvent> events) {
        sendAll(events.stream().map(event -> record(topics.matches(), event.seekerId(), event.eventId(), type(event),
                event.matchId(), event)).toList());
    }

    /** The notices of one round, each with an id of its own (a later notice replaces an earlier one by key). */
    @Override
    public void publishNotices(List<SameJob> notices) {
        sendAll(notices.stream().map(notice -> record(topics.duplicates(), notice.postingId(),
                UUID.randomUUID().toString(), SameJob.TYPE, notice.postingId(), notice)).toList());
    }

    private void sendAll(List<ProducerRecord<String, byte[]>> records) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        for (ProducerRecord<String, byte[]> record : records) {
            sent.add(producer.send(record));
        }
        for (int i = 0; i < sent.size(); i++) {
            String what = new String(records.get(i).headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8)
                    + " " + new String(records.get(i).headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
            try {
                sent.get(i).get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing " + what, e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("could not publish " + what, e);
            }
        }
    }

    private ProducerRecord<String, byte[]> record(String topic, String key, String id, String type, String subject,
                                                  Object data) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, json.writeValueAsBytes(data));
        header(record, "ce_id", id);
        header(record, "ce_type", type);
        header(record, "ce_source", SOURCE);
        header(record, "ce_time", clock.instant().toString());
        header(record, "ce_specversion", "1.0");
        header(record, "ce_subject", subject);
        header(record, "content-type", "application/json");
        return record;
    }

    private static String type(MatchEvent event) {
        return switch (event) {
            case MatchFound found -> MatchFound.TYPE;
            case MatchWithdrawn withdrawn -> MatchWithdrawn.TYPE;
        };
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void destroy() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
