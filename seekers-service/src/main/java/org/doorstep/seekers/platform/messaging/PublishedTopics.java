package org.doorstep.seekers.platform.messaging;

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
 * <p>
 * All three carry a seeker's personal data (the applications topic the packets, keyed by application), so their
 * compaction is bounded: the broker rolls a segment at the latest {@code max.compaction.lag.ms} after its first record
 * and then compacts it, whatever its dirty ratio, so an erased seeker's older records are gone within about that long
 * (a day by default, as in deploy/k8s), leaving the tombstone, kept a day for consumers catching up.
 */
@Configuration(proxyBeanMethods = false)
class PublishedTopics {

    private static final Duration TOMBSTONE_RETENTION = Duration.ofDays(1);

    @Bean
    KafkaAdmin.NewTopics topicsToCreate(@Value("${doorstep.published-topics.partitions:3}") int partitions,
                                         @Value("${doorstep.published-topics.max-compaction-lag:24h}") Duration maxLag) {
        return new KafkaAdmin.NewTopics(compactedWithin("doorstep.seekers.v1", partitions, maxLag),
                compactedWithin("doorstep.seeker-preferences.v1", partitions, maxLag),
                compactedWithin("doorstep.applications.v1", partitions, maxLag));
    }

    private static NewTopic compactedWithin(String name, int partitions, Duration maxLag) {
        return TopicBuilder.name(name).partitions(partitions).compact()
                .config(TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, Long.toString(maxLag.toMillis()))
                .config(TopicConfig.DELETE_RETENTION_MS_CONFIG, Long.toString(TOMBSTONE_RETENTION.toMillis()))
                .build();
    }
}
