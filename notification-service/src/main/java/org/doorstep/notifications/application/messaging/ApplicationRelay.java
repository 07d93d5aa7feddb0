package org.doorstep.notifications.application.messaging;

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
import org.doorstep.notifications.application.ApplicationStore;
import org.doorstep.notifications.platform.messaging.JsonCloudEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes the applications' pending events as the feedback relay does (the same idempotent producer, synchronously,
 * then removed from the outbox; a crash in between republishes the same ce_id): application requests and withdrawals
 * to seekers-service (key applicationId), outcomes to the feedback topic (key matchId, as the seeker's feedback).
 */
@Component
class ApplicationRelay {

    private static final URI SOURCE = URI.create("//doorstep/notification-service");
    private static final Logger log = LoggerFactory.getLogger(ApplicationRelay.class);

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
        for (ApplicationStore.PendingEvent event : pending == null ? List.<ApplicationStore.PendingEvent>of() : pending) {
            try {
                producer.send(record(event)).get(10, TimeUnit.SECONDS);
                applications.markSent(event.applicationId(), event.ceId()).block(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                log.warn("application event {} not published yet, will retry: {}", event.ceId(), e.toString());
                return;
            }
        }
    }

    private ProducerRecord<String, CloudEvent> record(ApplicationStore.PendingEvent event) {
        String topic = event.channel() == ApplicationStore.Channel.REQUESTS ? requestsTopic : feedbackTopic;
        return JsonCloudEvents.record(topic, event.key(), event.ceId(), event.type(), SOURCE, Instant.parse(event.time()),
                event.key(), event.data().getBytes(StandardCharsets.UTF_8));
    }
}
