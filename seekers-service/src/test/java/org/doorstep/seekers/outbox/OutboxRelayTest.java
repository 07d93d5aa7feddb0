package org.doorstep.seekers.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.doorstep.seekers.SeekersServiceTest;
import org.doorstep.testkit.EventContract;
import org.doorstep.testkit.SharedInfrastructure;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

class OutboxRelayTest extends SeekersServiceTest {

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    PendingOutbox outbox;

    @Autowired
    org.springframework.boot.kafka.autoconfigure.KafkaProperties kafka;

    @Autowired
    OutboxProperties properties;

    @Test
    void publishesWhatACrashLeftInTheOutboxWithItsOriginalEventId() {
        String seekerId = UUID.randomUUID().toString();
        String ceId = UUID.randomUUID().toString();
        String data = EventContract.example(UPSERTED).replace("a3f1c2d4-5e6f-4a1b-8c9d-0e1f2a3b4c5d", seekerId);
        Document pending = new Document("ceId", ceId).append("ceType", UPSERTED).append("topic", SEEKERS_TOPIC)
                .append("key", seekerId).append("time", new Date()).append("payload", data);
        // as left by a writer that stored the change and died before the relay was triggered
        mongo.insert(new Document("_id", seekerId).append("version", 2L).append("erased", false)
                .append("outbox", List.of(pending)), "seekers").block();

        try (TopicReader seekers = TopicReader.of(SEEKERS_TOPIC)) {
            ConsumerRecord<String, byte[]> record = seekers.await(r -> ceId.equals(TopicReader.header(r, "ce_id")), WAIT);
            assertThat(record.key()).isEqualTo(seekerId);
            assertThat(TopicReader.header(record, "ce_type")).isEqualTo(UPSERTED);
            assertThat(EventContract.violations(UPSERTED, TopicReader.value(record))).isEmpty();
        }
        await().atMost(WAIT).until(() -> mongo.findById(seekerId, Document.class, "seekers").block()
                .getList("outbox", Document.class).isEmpty());
    }

    @Test
    void aSendRefusedForAnotherReasonThanTheBrokerBeingAwayHoldsUpOnlyItsOwnAggregate() {
        String refused = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        String otherCeId = UUID.randomUUID().toString();
        // a topic name Kafka refuses at once (InvalidTopicException), as it would refuse a record too large
        insertPending(refused, UUID.randomUUID().toString(), "not a topic!");
        insertPending(other, otherCeId, SEEKERS_TOPIC);
        OutboxRelay relay = new OutboxRelay(outbox, kafka, properties, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        try (TopicReader seekers = TopicReader.of(SEEKERS_TOPIC)) {
            relay.drain(List.of(refused, other));

            assertThat(outboxOf(other)).as("the other aggregate's entry, sent and acknowledged in the same batch").isEmpty();
            assertThat(outboxOf(refused)).as("the refused entry, kept for the retry").hasSize(1);
            assertThat(seekers.await(r -> otherCeId.equals(TopicReader.header(r, "ce_id")), WAIT).key()).isEqualTo(other);
        } finally {
            relay.close();
        }
    }

    private void insertPending(String seekerId, String ceId, String topic) {
        String data = EventContract.example(UPSERTED).replace("a3f1c2d4-5e6f-4a1b-8c9d-0e1f2a3b4c5d", seekerId);
        Document pending = new Document("ceId", ceId).append("ceType", UPSERTED).append("topic", topic)
                .append("key", seekerId).append("time", new Date()).append("payload", data);
        mongo.insert(new Document("_id", seekerId).append("version", 2L).append("erased", false)
                .append("outbox", List.of(pending)), "seekers").block();
    }

    private List<Document> outboxOf(String seekerId) {
        return mongo.findById(seekerId, Document.class, "seekers").block().getList("outbox", Document.class);
    }

    @Test
    void publishesToCompactedTopicsWhoseOldRecordsAreCompactedAwayWithinADay() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.get().bootstrapServers()))) {
            for (String topic : List.of(SEEKERS_TOPIC, PREFERENCES_TOPIC)) {
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
                assertThat(config.get("cleanup.policy").value()).as(topic).isEqualTo("compact");
                assertThat(config.get("max.compaction.lag.ms").value()).as(topic).isEqualTo("86400000");
                assertThat(config.get("delete.retention.ms").value()).as(topic).isEqualTo("86400000");
            }
        }
    }

    @Test
    void countsWhatItPublishesForPrometheus() {
        try (TopicReader seekers = TopicReader.of(SEEKERS_TOPIC)) {
            awaitEvent(seekers, UPSERTED, register("{}").seekerId(), 1);
        }

        String metrics = http.get().uri("/actuator/prometheus").header("Authorization", "Bearer " + AUDITOR_TOKEN).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).contains("doorstep_outbox_published_total{", "type=\"org.doorstep.seeker.upserted.v1\"",
                "doorstep_outbox_send_seconds");
    }
}
