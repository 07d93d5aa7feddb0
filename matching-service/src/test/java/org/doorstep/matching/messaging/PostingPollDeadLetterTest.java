package org.doorstep.matching.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.doorstep.matching.OwnInstance;
import org.doorstep.matching.TestEvents;
import org.doorstep.testkit.DoorstepInfrastructure;
import org.doorstep.testkit.SharedInfrastructure;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The postings binding consumes a poll at a time, so the binder's own dead-lettering would send a whole poll to
 * the DLQ for one bad record. An instance of its own (own topics and database) starts on a postings partition that
 * already holds a good posting, a record that is no posting, a tombstone and another good posting, so its first poll
 * takes all four: the bad record alone reaches the DLQ, with its reason, and both postings are matched.
 */
@DoorstepInfrastructure
class PostingPollDeadLetterTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String POSTED = "org.doorstep.posting.upserted.v1";

    private final String prefix = "poll-dlq-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void sendsOnlyTheUnreadableRecordOfAPollToTheDeadLetterTopicAndMatchesTheOthers() {
        String seeker = UUID.randomUUID().toString();
        String before = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();
        String poison = UUID.randomUUID().toString();
        try (TestEvents events = new TestEvents();
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().bootstrapServers(),
                     ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            events.send(prefix + ".seekers", "org.doorstep.seeker.upserted.v1", seeker, TestEvents.seeker(seeker));
            send(producer, before, json(TestEvents.posting(before)));
            send(producer, poison, "{not json".getBytes(StandardCharsets.UTF_8));
            send(producer, UUID.randomUUID().toString(), null);
            send(producer, after, json(TestEvents.posting(after)));
        }

        try (ConfigurableApplicationContext context = start();
             TopicReader matches = TopicReader.of(prefix + ".matches");
             TopicReader dlq = TopicReader.of(prefix + ".postings.matching.dlq")) {
            for (String posting : new String[] {before, after}) {
                assertThat(matches.await(r -> seeker.equals(r.key()) && TopicReader.value(r).contains(posting), WAIT)).isNotNull();
            }
            ConsumerRecord<String, byte[]> dead = dlq.await(r -> poison.equals(r.key()), WAIT);

            assertThat(TopicReader.value(dead)).isEqualTo("{not json");
            assertThat(TopicReader.header(dead, "x-exception-message")).contains("not a valid PostingState");
            assertThat(TopicReader.header(dead, "x-exception-fqcn")).isNotBlank();
            assertThat(TopicReader.header(dead, "x-original-topic")).isEqualTo(prefix + ".postings");
            // every time the partition is assigned it is read from the beginning (PartitionOwnership): a rebalance
            // while the instance starts reads the bad record, and dead-letters it, once more
            assertThat(dlq.poll()).as("the DLQ holds the bad record only").extracting(ConsumerRecord::key).containsOnly(poison);
        }
    }

    private void send(KafkaProducer<String, byte[]> producer, String key, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(prefix + ".postings", 0, key, value);
        if (value != null) {
            record.headers().add("ce_type", POSTED.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_time", Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        }
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] json(tools.jackson.databind.JsonNode node) {
        return TestEvents.JSON.writeValueAsBytes(node);
    }

    private ConfigurableApplicationContext start() {
        return OwnInstance.start(prefix, "matching-" + prefix);
    }
}
