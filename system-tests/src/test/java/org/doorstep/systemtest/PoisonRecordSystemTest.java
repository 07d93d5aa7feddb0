package org.doorstep.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.doorstep.local.DoorstepService;
import org.doorstep.testkit.DoorstepInfrastructure;
import org.doorstep.testkit.SharedInfrastructure;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input on the wire: a record that is not the JSON its {@code ce_type} promises lands on every partition of every
 * topic a service consumes (DESIGN 4). Each reaches that topic's DLQ ({@code <topic>.<group>.dlq}) unchanged, with the
 * reason and its origin in the headers, and processing goes on behind it: a partner registered, a seeker registered,
 * a posting published and a match dismissed afterwards all go through (the match reaches the seeker's live stream, the
 * partner's key is known to notification-service), none of those good records is dead-lettered, and every consumer
 * group's committed offsets reach the end of its topics.
 */
@DoorstepInfrastructure
class PoisonRecordSystemTest {

    /** Each input topic, the type its poison claims to be, its DLQ and the group that consumes it. */
    private record Input(String topic, String type, String dlq, String group) {
    }

    private static final List<Input> INPUTS = List.of(
            new Input("doorstep.postings.v1", "org.doorstep.posting.upserted.v1", "doorstep.postings.v1.matching.dlq", "matching"),
            new Input("doorstep.seekers.v1", "org.doorstep.seeker.upserted.v1", "doorstep.seekers.v1.matching.dlq", "matching-"),
            new Input("doorstep.feedback.v1", "org.doorstep.match.dismissed.v1", "doorstep.feedback.v1.matching.dlq", "matching-feedback"),
            new Input("doorstep.matches.v1", "org.doorstep.match.found.v1", "doorstep.matches.v1.notification-service.dlq",
                    "notification-service"),
            new Input("doorstep.seeker-preferences.v1", "org.doorstep.seeker.preferences.v1",
                    "doorstep.seeker-preferences.v1.notification-service.dlq", "notification-service"),
            new Input("doorstep.partners.v1", "org.doorstep.partner.upserted.v1", "doorstep.partners.v1.notification-service.dlq",
                    "notification-service"));

    private static ServicesUnderTest services;
    private static PlatformClient client;

    @BeforeAll
    static void startServices() {
        services = ServicesUnderTest.get();
        client = new PlatformClient(services);
    }

    @Test
    void aPoisonRecordOnEveryInputTopicGoesToItsDeadLetterTopicWithTheReasonAndProcessingGoesOn() throws Exception {
        String poison = "poison-" + UUID.randomUUID();
        Map<String, Integer> partitions = new HashMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (Input input : INPUTS) {
                List<PartitionInfo> topicPartitions = producer.partitionsFor(input.topic());
                partitions.put(input.topic(), topicPartitions.size());
                for (PartitionInfo partition : topicPartitions) {
                    ProducerRecord<String, byte[]> record = new ProducerRecord<>(input.topic(), partition.partition(), poison,
                            ("{\"not\": \"a " + input.type() + "\", " + poison).getBytes(StandardCharsets.UTF_8));
                    header(record, "ce_specversion", "1.0");
                    header(record, "ce_id", UUID.randomUUID().toString());
                    header(record, "ce_type", input.type());
                    header(record, "ce_source", "/system-tests/poison");
                    header(record, "ce_subject", poison);
                    header(record, "ce_time", Instant.now().toString());
                    header(record, "content-type", "application/json");
                    producer.send(record).get(30, TimeUnit.SECONDS);
                }
            }
        }

        // behind the poison, on every partition: the good records of a partner, a seeker, a posting, a match, a dismissal
        String partnerKey = client.registerPartner();
        var seeker = client.registerSeeker();
        String seekerId = seeker.path("seekerId").asText();
        String postingId;
        try (WatchedSeeker app = WatchedSeeker.watch(services, seeker.path("token").asText())) {
            postingId = client.publishPosting(partnerKey, "POISON-" + UUID.randomUUID());
            await().atMost(Duration.ofSeconds(120)).until(() -> app.deliveries().containsKey(postingId));
            assertThat(app.deliveries()).containsEntry(postingId, 1L);
        }
        String matchId = matchIdOf(seeker.path("token").asText(), postingId);
        var dismissed = client.send("POST", DoorstepService.NOTIFICATION, "/api/v1/me/matches/" + matchId + "/dismiss",
                seeker.path("token").asText(), null);
        assertThat(dismissed.statusCode()).as(dismissed.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> client.send("GET", DoorstepService.NOTIFICATION, "/api/v1/partner/webhook",
                partnerKey, null).statusCode() != 401);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().bootstrapServers()))) {
            for (Input input : INPUTS) {
                await().atMost(Duration.ofSeconds(120)).alias(input.topic() + " consumed to its end by " + input.group())
                        .until(() -> consumedToTheEnd(admin, input));
            }
        }
        Set<String> good = Set.of(seekerId, postingId);
        for (Input input : INPUTS) {
            try (TopicReader dlq = TopicReader.of(input.dlq())) {
                int expected = partitions.get(input.topic());
                await().atMost(Duration.ofSeconds(60)).alias(input.dlq())
                        .until(() -> poisonedPartitions(dlq.poll(), poison).size() == expected);
                List<ConsumerRecord<String, byte[]>> dead = dlq.poll();
                assertThat(dead).as(input.dlq() + ": the poison, unchanged, with its reason and origin")
                        .filteredOn(r -> poison.equals(r.key())).isNotEmpty().allSatisfy(r -> {
                            assertThat(TopicReader.value(r)).startsWith("{\"not\": \"a " + input.type());
                            assertThat(TopicReader.header(r, "ce_type")).isEqualTo(input.type());
                            assertThat(TopicReader.header(r, "x-exception-message")).isNotBlank();
                            assertThat(TopicReader.header(r, "x-original-topic")).isEqualTo(input.topic());
                        });
                assertThat(dead).as(input.dlq() + ": no good record").noneMatch(r -> good.contains(r.key()));
            }
        }
    }

    /** True when some group of the input's (a prefix for matching's per-instance seeker groups) has committed its topic's end. */
    private static boolean consumedToTheEnd(Admin admin, Input input) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (var description : admin.describeTopics(List.of(input.topic())).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
            description.partitions().forEach(p -> latest.put(new TopicPartition(input.topic(), p.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
        List<String> groups = admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS).stream()
                .map(group -> group.groupId())
                .filter(id -> input.group().endsWith("-") ? id.startsWith(input.group()) : id.equals(input.group()))
                .toList();
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            boolean atTheEnd = ends.entrySet().stream().allMatch(end -> {
                OffsetAndMetadata offset = committed.get(end.getKey());
                return end.getValue().offset() == 0 || offset != null && offset.offset() >= end.getValue().offset();
            });
            if (atTheEnd) {
                return true;
            }
        }
        return false;
    }

    private static Set<Integer> poisonedPartitions(List<ConsumerRecord<String, byte[]>> dead, String poison) {
        return dead.stream().filter(r -> poison.equals(r.key()))
                .map(r -> Integer.parseInt(TopicReader.header(r, "x-original-partition") == null ? "-1"
                        : partitionHeader(r)))
                .collect(Collectors.toSet());
    }

    /** The binder writes x-original-partition as a 4-byte int, notification-service's own parking as text. */
    private static String partitionHeader(ConsumerRecord<String, byte[]> record) {
        byte[] value = record.headers().lastHeader("x-original-partition").value();
        if (value.length == 4 && (value[0] < '0' || value[0] > '9')) {
            return String.valueOf(java.nio.ByteBuffer.wrap(value).getInt());
        }
        return new String(value, StandardCharsets.UTF_8);
    }

    private static String matchIdOf(String token, String postingId) {
        var inbox = PlatformClient.json(client.send("GET", DoorstepService.NOTIFICATION, "/api/v1/me/matches?limit=100", token, null).body());
        for (var item : inbox.path("items")) {
            if (postingId.equals(item.path("postingId").asText())) {
                return item.path("matchId").asText();
            }
        }
        throw new AssertionError("no inbox item for posting " + postingId + ": " + inbox);
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
