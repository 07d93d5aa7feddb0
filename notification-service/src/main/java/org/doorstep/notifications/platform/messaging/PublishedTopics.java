package org.doorstep.notifications.platform.messaging;

import java.time.Duration;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics this service publishes to, with their cleanup policies (DESIGN section 4), declared for Spring Kafka's
 * {@link KafkaAdmin}, which creates the missing ones at start-up ({@code spring.kafka.admin.auto-create}, off with
 * {@code DOORSTEP_CREATE_TOPICS=false} where an operator manages them, as Strimzi's KafkaTopics do in deploy/k8s).
 */
@Configuration(proxyBeanMethods = false)
class PublishedTopics {

    @Bean
    KafkaAdmin.NewTopics topicsToCreate(@Value("${doorstep.feedback.topic}") String feedback,
                                         @Value("${doorstep.applications.requests-topic}") String applicationRequests,
                                         @Value("${doorstep.stream.broadcast-topic}") String broadcast,
                                         @Value("${doorstep.published-topics.partitions:3}") int partitions) {
        return new KafkaAdmin.NewTopics(
                // keyed by matchId: an erased seeker's matches get tombstones, compacted away within a day
                TopicBuilder.name(feedback).partitions(partitions)
                        .config(TopicConfig.CLEANUP_POLICY_CONFIG, "compact,delete")
                        .config(TopicConfig.RETENTION_MS_CONFIG, millis(Duration.ofDays(30)))
                        .config(TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, millis(Duration.ofDays(1))).build(),
                // applications as the app asked for them (no personal data), for seekers-service to make the packets
                deleted(applicationRequests, partitions, Duration.ofDays(30)),
                // internal: the instances' live-push broadcast
                deleted(broadcast, partitions, Duration.ofHours(1)));
    }

    private static NewTopic deleted(String name, int partitions, Duration retention) {
        return TopicBuilder.name(name).partitions(partitions)
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                .config(TopicConfig.RETENTION_MS_CONFIG, millis(retention)).build();
    }

    private static String millis(Duration duration) {
        return Long.toString(duration.toMillis());
    }
}
