package org.doorstep.matching.messaging;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.doorstep.matching.match.MatchEvent;
import org.doorstep.matching.match.MatchFound;
import org.doorstep.matching.match.MatchPublisher;
import org.doorstep.matching.match.MatchWithdrawn;
import org.doorstep.matching.match.SameJob;
import org.doorstep.matching.match.SameJobNotices;
import org.doorstep.matching.platform.messaging.JsonCloudEvents;
import org.doorstep.matching.platform.messaging.KafkaProducers;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes match events to {@code doorstep.matches.v1} as CloudEvents in binary mode, keyed by seekerId, and the
 * partners' duplicate notices to {@code doorstep.posting-duplicates.v1}, keyed by postingId, through the producer
 * every service makes the same way ({@link KafkaProducers}: the CloudEvents SDK's Kafka binding, idempotent,
 * {@code acks=all}); a publish returns only after the broker acknowledged every event of it.
 */
@Component
class KafkaMatchPublisher implements MatchPublisher, SameJobNotices, DisposableBean {

    private static final URI SOURCE = URI.create("//doorstep/matching-service");

    private final Producer<String, CloudEvent> producer;
    private final JsonMapper json;
    private final Topics topics;
    private final Clock clock;

    KafkaMatchPublisher(JsonMapper json, Topics topics, Clock clock, KafkaProperties kafka) {
        this.json = json;
        this.topics = topics;
        this.clock = clock;
        this.producer = KafkaProducers.cloudEvents(kafka, "matching-service-matches", Map.of(ProducerConfig.LINGER_MS_CONFIG, 0));
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

    private void sendAll(List<ProducerRecord<String, CloudEvent>> records) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        for (ProducerRecord<String, CloudEvent> record : records) {
            sent.add(producer.send(record));
        }
        for (int i = 0; i < sent.size(); i++) {
            String what = records.get(i).value().getType() + " " + records.get(i).value().getId();
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

    private ProducerRecord<String, CloudEvent> record(String topic, String key, String id, String type, String subject,
                                                      Object data) {
        return JsonCloudEvents.record(topic, key, id, type, SOURCE, clock.instant(), subject, json.writeValueAsBytes(data));
    }

    private static String type(MatchEvent event) {
        return switch (event) {
            case MatchFound found -> MatchFound.TYPE;
            case MatchWithdrawn withdrawn -> MatchWithdrawn.TYPE;
        };
    }

    @Override
    public void destroy() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
