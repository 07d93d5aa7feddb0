package org.doorstep.notifications.application.messaging;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.doorstep.notifications.application.ApplicationStore;
import org.doorstep.notifications.platform.messaging.JsonCloudEvents;
import org.doorstep.notifications.platform.messaging.RelayRound;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes the applications' pending events as the feedback relay does (the same producer, one {@link RelayRound}
 * every interval): application requests and withdrawals
 * to seekers-service (key applicationId), outcomes to the feedback topic (key matchId, as the seeker's feedback).
 */
@Component
class ApplicationRelay {

    private static final URI SOURCE = URI.create("//doorstep/notification-service");

    private final ApplicationStore applications;
    private final Producer<String, CloudEvent> producer;
    private final String requestsTopic;
    private final String feedbackTopic;

    ApplicationRelay(ApplicationStore applications, @Qualifier("feedbackProducer") Producer<String, CloudEvent> producer,
                     @Value("${doorstep.applications.requests-topic}") String requestsTopic,
                     @Value("${doorstep.feedback.topic}") String feedbackTopic) {
        this.applications = applications;
        this.producer = producer;
        this.requestsTopic = requestsTopic;
        this.feedbackTopic = feedbackTopic;
    }

    @Scheduled(fixedDelayString = "${doorstep.applications.relay-interval}")
    void relay() {
        List<ApplicationStore.PendingEvent> pending = applications.pending(100).collectList().block(Duration.ofSeconds(30));
        RelayRound.publish(pending == null ? List.of() : pending, producer, this::record,
                event -> applications.markSent(event.applicationId(), event.ceId()));
    }

    private ProducerRecord<String, CloudEvent> record(ApplicationStore.PendingEvent event) {
        String topic = event.channel() == ApplicationStore.Channel.REQUESTS ? requestsTopic : feedbackTopic;
        return JsonCloudEvents.record(topic, event.key(), event.ceId(), event.type(), SOURCE, Instant.parse(event.time()),
                event.key(), event.data().getBytes(StandardCharsets.UTF_8));
    }
}
