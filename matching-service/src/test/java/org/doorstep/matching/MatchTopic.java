package org.doorstep.matching;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.doorstep.testkit.TopicReader;
import tools.jackson.databind.JsonNode;

/** {@code doorstep.matches.v1} as the service tests read it: the events of one seeker-posting pair. */
final class MatchTopic implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);

    private final TopicReader reader = TopicReader.of(MatchingServiceTest.MATCHES);

    /** The first event of {@code type} for the pair, of {@code revision} (0: any), waiting up to {@link #WAIT}. */
    ConsumerRecord<String, byte[]> await(String type, String seekerId, String postingId, int revision) {
        return reader.await(r -> seekerId.equals(r.key()) && type.equals(TopicReader.header(r, "ce_type"))
                && postingId.equals(json(r).path("postingId").asString())
                && (revision == 0 || json(r).path("revision").asInt() == revision), WAIT);
    }

    ConsumerRecord<String, byte[]> await(String type, String seekerId, String postingId) {
        return await(type, seekerId, postingId, 0);
    }

    /** Every event of {@code type} for the pair read so far. */
    List<ConsumerRecord<String, byte[]>> records(String type, String seekerId, String postingId) {
        return reader.forKey(seekerId).stream()
                .filter(r -> type.equals(TopicReader.header(r, "ce_type")))
                .filter(r -> postingId.equals(json(r).path("postingId").asString()))
                .toList();
    }

    static JsonNode json(ConsumerRecord<String, byte[]> record) {
        return TestEvents.JSON.readTree(TopicReader.value(record));
    }

    @Override
    public void close() {
        reader.close();
    }
}
