package org.doorstep.matching.messaging;

import java.time.Duration;

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

    private static final Duration MATCH_RETENTION = Duration.ofDays(7);

    @Bean
    KafkaAdmin.NewTopics topicsToCreate(Topics topics, @Value("${doorstep.published-topics.partitions:3}") int partitions) {
        return new KafkaAdmin.NewTopics(
                TopicBuilder.name(topics.matches()).partitions(partitions)
                        .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)
                        .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(MATCH_RETENTION.toMillis())).build(),
                // which of a partner's postings are the same job as others': the latest notice per posting
                TopicBuilder.name(topics.duplicates()).partitions(partitions).compact().build());
    }
}
