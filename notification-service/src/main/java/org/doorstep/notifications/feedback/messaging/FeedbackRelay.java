package org.doorstep.notifications.feedback.messaging;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.doorstep.notifications.feedback.FeedbackOutbox;
import org.doorstep.notifications.platform.messaging.JsonCloudEvents;
import org.doorstep.notifications.platform.messaging.RelayRound;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes pending feedback events, one {@link RelayRound} every interval: each sent synchronously, then removed from
 * the outbox; a crash in between republishes the same ce_id (consumers dedupe). Records are keyed
 * by matchId; an erased seeker's matches get a tombstone (null value, no headers), which compaction of the topic
 * turns into the removal of that match's feedback records.
 */
@Component
class FeedbackRelay {

    private static final URI SOURCE = URI.create("//doorstep/notification-service");

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
        RelayRound.publish(pending, producer, this::record, event -> outbox.markSent(event.matchId(), event.ceId()));
    }

    private ProducerRecord<String, CloudEvent> record(FeedbackOutbox.PendingEvent event) {
        if (event.tombstone()) {
            return JsonCloudEvents.tombstone(topic, event.matchId());
        }
        return JsonCloudEvents.record(topic, event.matchId(), event.ceId(), event.type(), SOURCE, Instant.parse(event.time()),
                event.matchId(), event.data().getBytes(StandardCharsets.UTF_8));
    }
}
