package org.doorstep.postings.platform.messaging;

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
    KafkaAdmin.NewTopics topicsToCreate(@Value("${doorstep.published-topics.partitions:3}") int partitions) {
        return new KafkaAdmin.NewTopics(
                TopicBuilder.name("doorstep.postings.v1").partitions(partitions).compact().build(),
                TopicBuilder.name("doorstep.partners.v1").partitions(partitions).compact().build());
    }
}
