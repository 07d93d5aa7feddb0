package org.doorstep.local.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer lag read as an operator would, with the Kafka admin client: for every consumer group of
 * matching-service and notification-service, the end offsets of the partitions it has committed on minus
 * its committed offsets, per group and topic. Also the end offsets of the matches topic (matches produced).
 */
final class ConsumerLag implements AutoCloseable {

    static final String MATCHES_TOPIC = "doorstep.matches.v1";
    static final String NOTIFICATION_GROUP = "notification-service";
    /** The consumer groups an instance leaves behind when it stops, for the next instance of its deployment. */
    static final Set<String> SHARED_GROUPS = Set.of("matching", NOTIFICATION_GROUP);

    /** One reading: lag per "group / topic", committed offsets of notification's group on matches, matches produced. */
    record Reading(Map<String, Long> lag, long notificationCommitted, long matchesProduced) {

        /** The same reading with one more backlog, named {@code name}. */
        Reading with(String name, long behind) {
            Map<String, Long> all = new TreeMap<>(lag);
            all.put(name, behind);
            return new Reading(all, notificationCommitted, matchesProduced);
        }
    }

    private final Admin admin;

    ConsumerLag(String bootstrap) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "8000");
        this.admin = Admin.create(properties);
    }

    Reading read() throws Exception {
        List<String> groups = admin.listGroups().all().get(8, TimeUnit.SECONDS).stream()
                .filter(group -> group.groupId().startsWith("matching") || group.groupId().startsWith("notification"))
                .filter(ConsumerLag::live)
                .map(GroupListing::groupId)
                .sorted().toList();
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
        Set<TopicPartition> partitions = new HashSet<>();
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(8, TimeUnit.SECONDS);
            committed.put(group, offsets);
            partitions.addAll(offsets.keySet());
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Set<String> topics = admin.listTopics().names().get(8, TimeUnit.SECONDS);
        if (topics.contains(MATCHES_TOPIC)) {
            admin.describeTopics(List.of(MATCHES_TOPIC)).allTopicNames().get(8, TimeUnit.SECONDS).get(MATCHES_TOPIC).partitions()
                    .forEach(p -> latest.put(new TopicPartition(MATCHES_TOPIC, p.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = latest.isEmpty() ? Map.of()
                : admin.listOffsets(latest).all().get(8, TimeUnit.SECONDS);
        Map<String, Long> lag = new TreeMap<>();
        long notificationCommitted = 0;
        for (String group : groups) {
            for (var entry : committed.get(group).entrySet()) {
                if (entry.getValue() == null || !ends.containsKey(entry.getKey())) {
                    continue;
                }
                long behind = Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
                lag.merge(group + " / " + entry.getKey().topic(), behind, Long::sum);
                if (group.equals(NOTIFICATION_GROUP) && entry.getKey().topic().equals(MATCHES_TOPIC)) {
                    notificationCommitted += entry.getValue().offset();
                }
            }
        }
        long produced = ends.entrySet().stream().filter(e -> e.getKey().topic().equals(MATCHES_TOPIC))
                .mapToLong(e -> e.getValue().offset()).sum();
        return new Reading(lag, notificationCommitted, produced);
    }

    /**
     * Whether a group's lag says anything: a deployment's shared group always (its lag grows while every
     * instance is down); a group of one instance ({@code matching-<instance id>}, which reads every seeker)
     * only while it has members: once its instance is gone (a restart starts a new one), nobody will read it.
     */
    static boolean live(GroupListing group) {
        if (SHARED_GROUPS.contains(group.groupId())) {
            return true;
        }
        return group.groupState().map(state -> state != GroupState.EMPTY && state != GroupState.DEAD).orElse(true);
    }

    /** How many records the topic has taken in its life (the sum of its partitions' end offsets); 0 before it exists. */
    long published(String topic) throws Exception {
        if (!admin.listTopics().names().get(8, TimeUnit.SECONDS).contains(topic)) {
            return 0;
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get(8, TimeUnit.SECONDS).get(topic).partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get(8, TimeUnit.SECONDS).values().stream()
                .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    }

    /** Lag of matching's seekers consumer groups (each instance reads every seeker): 0 when its index has them all. */
    static long seekersLag(Reading reading) {
        return reading.lag().entrySet().stream().filter(e -> e.getKey().startsWith("matching") && e.getKey().endsWith("doorstep.seekers.v1"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    Admin admin() {
        return admin;
    }

    @Override
    public void close() {
        admin.close();
    }
}
