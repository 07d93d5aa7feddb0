package org.doorstep.notifications.inbox.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.doorstep.notifications.inbox.Feed;
import org.doorstep.notifications.inbox.FeedBroadcast;
import org.doorstep.notifications.inbox.FeedEvent;
import org.doorstep.notifications.inbox.LiveFeed;
import org.doorstep.notifications.preferences.PreferencesStore;
import org.doorstep.notifications.platform.messaging.KafkaProducers;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live push across instances: after a batch is stored, its feed events go to
 * {@code doorstep.notification-feed.v1} (key seekerId, so one seeker's events stay in order), and every
 * instance reads that topic in a group of its own ({@code followFeed}, an anonymous group: from the
 * end, never shared, one poll at a time) and hands the events to its open streams. The instance that
 * stored them has already pushed them to its own streams: it skips its own copies by a header, before
 * parsing them (and a stream drops a sequence it has sent anyway); events of seekers with no open stream
 * here are not parsed either ({@link FeedFollower}).
 * The topic is an internal notification-service topic (delete, short retention): a stream that missed a
 * copy (an instance restarting) resumes from the store with Last-Event-ID, as after any disconnect.
 */
@Configuration(proxyBeanMethods = false)
class KafkaFeedBroadcast implements FeedBroadcast, DisposableBean {

    static final String INSTANCE_HEADER = "doorstep-instance";

    /** This instance: its own events come back on the topic and are skipped before they are read. */
    private final byte[] instance = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final JsonMapper json;

    KafkaFeedBroadcast(@Value("${doorstep.stream.broadcast-topic}") String topic, JsonMapper json, KafkaProperties kafka) {
        this.topic = topic;
        this.json = json;
        this.producer = new KafkaProducer<>(KafkaProducers.config(kafka, "notification-service-feed", Map.of(
                ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000)),
                new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * What travels on the broadcast topic: the name of a stored feed event, without its data (a follower pushes the
     * store's copy, never the record's: {@link StoredFeedEvents}), or a seeker's erasure (type
     * {@code seeker.erased}, sequence 0: {@link FeedFollower} ends the seeker's streams once the store confirms it). Records of the version that carried the data
     * still read (the field is ignored).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record WireEvent(String seekerId, long sequence, String type, String matchId, long atMillis) {

        static WireEvent of(FeedEvent event) {
            return new WireEvent(event.seekerId(), event.sequence(), event.type(), event.matchId(),
                    event.at().toEpochMilli());
        }

        /** The event this record claims, without data: only its key and type count until the store confirms it. */
        FeedEvent toEvent() {
            return new FeedEvent(seekerId, sequence, type, matchId, null, Instant.ofEpochMilli(atMillis));
        }
    }

    @Override
    public void publish(List<FeedEvent> events) {
        send(events.stream().map(WireEvent::of).toList());
    }

    @Override
    public void erased(String seekerId) {
        send(List.of(new WireEvent(seekerId, 0, FeedFollower.SEEKER_ERASED, null, System.currentTimeMillis())));
    }

    private void send(List<WireEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
        for (WireEvent event : events) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.seekerId(), json.writeValueAsBytes(event));
            record.headers().add(INSTANCE_HEADER, instance);
            sent.add(producer.send(record));
        }
        try {
            for (Future<RecordMetadata> future : sent) {
                future.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while broadcasting feed events", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("feed events not broadcast", e);
        }
    }

    /** Reads the topic in batches; see {@link FeedFollower} for what is skipped before any parsing. */
    @Bean
    Consumer<Message<List<byte[]>>> followFeed(LiveFeed live, Feed feed, PreferencesStore preferences, JsonMapper mapper) {
        return new FeedFollower(live, instance, data -> mapper.readValue(data, WireEvent.class).toEvent(),
                claimed -> StoredFeedEvents.of(feed, claimed), seekerId -> ErasureMarker.stored(preferences, seekerId));
    }

    @Override
    public void destroy() {
        producer.close(Duration.ofSeconds(5));
    }
}
