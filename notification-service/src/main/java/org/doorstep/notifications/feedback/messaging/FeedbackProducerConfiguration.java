package org.doorstep.notifications.feedback.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The idempotent producer of the feedback relay ({@code acks=all}, {@code enable.idempotence=true}). */
@Configuration(proxyBeanMethods = false)
class FeedbackProducerConfiguration {

    /** Closed by {@link #closeFeedbackProducer}, with a bound: shutdown must not hang on an unreachable broker. */
    @Bean(destroyMethod = "")
    Producer<String, byte[]> feedbackProducer(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
                                              KafkaProperties kafka) {
        // spring.kafka.* first (the security settings of a TLS and SCRAM listener), then this producer's own
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "notification-service-feedback",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000));
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @Bean
    DisposableBean closeFeedbackProducer(Producer<String, byte[]> feedbackProducer) {
        return () -> feedbackProducer.close(Duration.ofSeconds(5));
    }
}
