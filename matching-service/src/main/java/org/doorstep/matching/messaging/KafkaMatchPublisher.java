package org.doorstep.matching.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
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
import org.doorstep.matching.match.MatchWithdrawn;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes match events to {@code doorstep.matches.v1} as CloudEvents in binary mode (ce_* headers
 * as raw UTF-8), keyed by seekerId, with an idempotent producer ({@code acks=all}); a publish returns
 * only after the broker acknowledged every event of it.
 */
@Component
class KafkaMatchPublisher implements MatchPublisher, DisposableBean {

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
        List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
        for (MatchEvent event : events) {
            sent.add(producer.send(record(event)));
        }
        for (int i = 0; i < sent.size(); i++) {
            MatchEvent event = events.get(i);
            try {
                sent.get(i).get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing " + event.eventId(), e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("could not publish " + type(event) + " " + event.eventId(), e);
            }
        }
    }

    private ProducerRecord<String, byte[]> record(MatchEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topics.matches(), event.seekerId(),
                json.writeValueAsBytes(event));
        header(record, "ce_id", event.eventId());
        header(record, "ce_type", type(event));
        header(record, "ce_source", SOURCE);
        header(record, "ce_time", clock.instant().toString());
        header(record, "ce_specversion", "1.0");
        header(record, "ce_subject", event.matchId());
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
