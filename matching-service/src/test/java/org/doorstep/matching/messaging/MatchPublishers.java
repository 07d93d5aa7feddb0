package org.doorstep.matching.messaging;

import java.time.Clock;
import java.util.List;

import org.doorstep.matching.match.MatchPublisher;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import tools.jackson.databind.json.JsonMapper;

/** For benchmarks: the service's own Kafka publisher ({@link KafkaMatchPublisher}), built outside Spring. */
public final class MatchPublishers {

    private MatchPublishers() {
    }

    public static MatchPublisher kafka(String brokers, String matchesTopic, Clock clock) {
        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of(brokers.split(",")));
        return new KafkaMatchPublisher(JsonMapper.builder().build(),
                new Topics("unused.postings", "unused.seekers", "unused.feedback", matchesTopic, "unused.duplicates"), clock, kafka);
    }

    public static void close(MatchPublisher publisher) {
        ((KafkaMatchPublisher) publisher).destroy();
    }
}
