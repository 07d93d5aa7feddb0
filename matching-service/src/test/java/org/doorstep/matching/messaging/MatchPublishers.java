package org.doorstep.matching.messaging;

import java.time.Clock;

import org.doorstep.matching.match.MatchPublisher;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import tools.jackson.databind.json.JsonMapper;

/** For benchmarks: the service's own Kafka publisher ({@link KafkaMatchPublisher}), built outside Spring. */
public final class MatchPublishers {

    private MatchPublishers() {
    }

    public static MatchPublisher kafka(String brokers, String matchesTopic, Clock clock) {
        return new KafkaMatchPublisher(brokers, JsonMapper.builder().build(),
                new Topics("unused.postings", "unused.seekers", "unused.feedback", matchesTopic, "unused.duplicates"), clock, new KafkaProperties());
    }

    public static void close(MatchPublisher publisher) {
        ((KafkaMatchPublisher) publisher).destroy();
    }
}
