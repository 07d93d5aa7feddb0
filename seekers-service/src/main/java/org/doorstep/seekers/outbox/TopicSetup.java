package org.doorstep.seekers.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Creates the compacted topics this service publishes to when they are missing (local runs). Where an operator
 * manages topics (Strimzi KafkaTopic), they exist already and this does nothing; a failure only warns.
 * <p>
 * All three carry a seeker's personal data (the applications topic the packets, keyed by application), so compaction is bounded
 * ({@code max.compaction.lag.ms}, a day by default, as in deploy/k8s): the broker rolls a segment at the latest that
 * long after its first record and then compacts it, whatever its dirty ratio, so an erased seeker's older records
 * are gone within about a day of the erasure, leaving the tombstone (kept {@code delete.retention.ms}, a day).
 */
@Component
class TopicSetup implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);
    /** How long a tombstone stays after compaction, for consumers catching up: a day, as in deploy/k8s. */
    private static final Duration TOMBSTONE_RETENTION = Duration.ofDays(1);

    private final OutboxProperties properties;
    private final String bootstrapServers;

    TopicSetup(OutboxProperties properties, @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        this.properties = properties;
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!properties.createTopics() || properties.compactedTopics().isEmpty()) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<NewTopic> missing = properties.compactedTopics().stream()
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, properties.topicPartitions(), (short) -1)
                            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                                    TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG,
                                    Long.toString(properties.maxCompactionLag().toMillis()),
                                    TopicConfig.DELETE_RETENTION_MS_CONFIG, Long.toString(TOMBSTONE_RETENTION.toMillis()))))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(10, TimeUnit.SECONDS);
                log.info("Created compacted topics {}", missing.stream().map(NewTopic::name).toList());
            }
        } catch (Exception e) {
            log.warn("Could not check or create topics {} (they may be managed elsewhere): {}",
                    properties.compactedTopics(), e.toString());
        }
    }
}
