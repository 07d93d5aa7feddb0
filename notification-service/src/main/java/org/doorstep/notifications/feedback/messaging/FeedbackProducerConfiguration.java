package org.doorstep.notifications.feedback.messaging;

import java.time.Duration;
import java.util.Map;

import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.doorstep.notifications.platform.messaging.KafkaProducers;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The producer of the feedback and application relays: CloudEvents through the SDK's Kafka binding, idempotent,
 * {@code acks=all}, made as every service makes its producers ({@link KafkaProducers}).
 */
@Configuration(proxyBeanMethods = false)
class FeedbackProducerConfiguration {

    /** Closed by {@link #closeFeedbackProducer}, with a bound: shutdown must not hang on an unreachable broker. */
    @Bean(destroyMethod = "")
    Producer<String, CloudEvent> feedbackProducer(KafkaProperties kafka) {
        return KafkaProducers.cloudEvents(kafka, "notification-service-feedback", Map.of(
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000));
    }

    @Bean
    DisposableBean closeFeedbackProducer(Producer<String, CloudEvent> feedbackProducer) {
        return () -> feedbackProducer.close(Duration.ofSeconds(5));
    }
}
