package org.doorstep.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The topics the local platform creates: those with a seeker's personal data (and feedback, keyed by the seeker's
 * matches) compact an erased seeker away within a day.
 */
class KafkaTopicsTest {

    @Test
    void compactsTheTopicsWithASeekersPersonalDataWithinADay() {
        Map<String, Map<String, String>> topics = KafkaBroker.TOPICS.stream()
                .collect(Collectors.toMap(KafkaBroker.TopicPlan::name, KafkaBroker.TopicPlan::configs));

        for (String name : new String[] {"doorstep.seekers.v1", "doorstep.seeker-preferences.v1", "doorstep.applications.v1"}) {
            assertThat(topics.get(name)).as(name)
                    .containsEntry("cleanup.policy", "compact")
                    .containsEntry("max.compaction.lag.ms", "86400000");
        }
        assertThat(topics.get("doorstep.feedback.v1")).as("feedback, keyed by matchId")
                .containsEntry("cleanup.policy", "compact,delete")
                .containsEntry("retention.ms", "2592000000")
                .containsEntry("max.compaction.lag.ms", "86400000");
        assertThat(topics.get("doorstep.application-requests.v1")).as("application requests, no personal data")
                .containsEntry("cleanup.policy", "delete")
                .containsEntry("retention.ms", "2592000000");
    }
}
