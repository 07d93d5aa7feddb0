package org.doorstep.notifications.feedback.messaging;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.doorstep.notifications.feedback.FeedbackOutbox;
import org.doorstep.notifications.platform.messaging.JsonCloudEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes pending feedback events with the idempotent producer, synchronously, and only then
 * removes them from the outbox; a crash in between republishes the same ce_id (consumers dedupe). Records are keyed
 * by matchId; an erased seeker's matches get a tombstone (null value, no headers), which compaction of the topic
 * turns into the removal of that match's feedback records.
 */
@Component
class FeedbackRelay {

    private static final URI SOURCE = URI.create("//doorstep/notification-service");
    private static final Logger log = LoggerFactory.getLogger(FeedbackRelay.class);

    private final FeedbackOutbox outbox;
    private final Producer<String, CloudEvent> producer;
    private final String topic;

    FeedbackRelay(FeedbackOutbox outbox, Producer<String, CloudEvent> feedbackProducer,
                  @Value("${doorstep.feedback.topic}") String topic) {
        this.outbox = outbox;
        this.producer = feedbackProducer;
        this.topic = topic;
    }

    @Scheduled(fixedDelayString = "${doorstep.feedback.relay-interval}")
    void relay() {
        List<FeedbackOutbox.PendingEvent> pending = outbox.pending(100).collectList().block(Duration.ofSeconds(30));
        for (FeedbackOutbox.PendingEvent event : pending) {
            try {
                producer.send(record(event)).get(10, TimeUnit.SECONDS);
                outbox.markSent(event.matchId(), event.ceId()).block(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                log.warn("feedback event {} not published yet, will retry: {}", event.ceId(), e.toString());
                return;
            }
        }
    }

    private ProducerRecord<String, CloudEvent> record(FeedbackOutbox.PendingEvent event) {
        if (event.tombstone()) {
            return JsonCloudEvents.tombstone(topic, event.matchId());
        }
        return JsonCloudEvents.record(topic, event.matchId(), event.ceId(), event.type(), SOURCE, Instant.parse(event.time()),
                event.matchId(), event.data().getBytes(StandardCharsets.UTF_8));
    }
}
