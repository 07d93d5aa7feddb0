package org.doorstep.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.doorstep.matching.index.PostingIndex;
import org.doorstep.testkit.DoorstepInfrastructure;
import org.doorstep.testkit.TopicReader;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.node.ObjectNode;

/**
 * Instances as separate applications on topics of their own (so the shared context's consumers stay
 * out): two instances in one group find exactly the pairs one instance finds, none twice; a
 * restarted instance rebuilds its index from the topics and notifies nobody again.
 */
@DoorstepInfrastructure
class ScaleOutTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private record Run(String prefix) {
        String postings() {
            return prefix + ".postings";
        }

        String seekers() {
            return prefix + ".seekers";
        }

        String matches() {
            return prefix + ".matches";
        }
    }

    private static ConfigurableApplicationContext start(Run run, String database) {
        return OwnInstance.start(run.prefix(), database);
    }

    /** 10 seekers and 30 postings in Chengdu; seeker j and posting i match exactly when i % 5 == j % 5. */
    private static Set<String> publish(Run run, List<String> seekerIds, List<String> postingIds, String craft) {
        Set<String> expected = new HashSet<>();
        try (TestEvents events = new TestEvents()) {
            for (int j = 0; j < seekerIds.size(); j++) {
                ObjectNode seeker = TestEvents.seeker(seekerIds.get(j));
                TestEvents.skills(seeker, craft + (j % 5));
                seeker.putArray("desiredOccupations");
                events.send(run.seekers(), "org.doorstep.seeker.upserted.v1", seekerIds.get(j), seeker);
            }
            for (int i = 0; i < postingIds.size(); i++) {
                ObjectNode posting = TestEvents.posting(postingIds.get(i));
                posting.putArray("skills").addObject().put("label", craft + (i % 5)).putNull("escoUri").put("required", true);
                posting.put("occupation", "9999");
                events.send(run.postings(), "org.doorstep.posting.upserted.v1", postingIds.get(i), posting);
                for (int j = 0; j < seekerIds.size(); j++) {
                    if (i % 5 == j % 5) {
                        expected.add(seekerIds.get(j) + "/" + postingIds.get(i));
                    }
                }
            }
        }
        return expected;
    }

    private static List<String> foundPairs(TopicReader reader) {
        List<String> pairs = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : reader.poll()) {
            if ("org.doorstep.match.found.v1".equals(TopicReader.header(r, "ce_type"))) {
                var match = TestEvents.JSON.readTree(TopicReader.value(r));
                pairs.add(match.path("seekerId").asString() + "/" + match.path("postingId").asString());
            }
        }
        return pairs;
    }

    private static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        return ids;
    }

    @Test
    void twoInstancesInOneGroupFindExactlyTheMatchesOneInstanceFindsAndNoneTwice() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<String> seekers = ids(10);
        List<String> postings = ids(30);
        Run single = new Run("scale-single-" + tag);
        Run pair = new Run("scale-pair-" + tag);
        Set<String> expected = publish(single, seekers, postings, "craft-");
        publish(pair, seekers, postings, "craft-");

        try (ConfigurableApplicationContext one = start(single, "matching-single-" + tag);
             ConfigurableApplicationContext a = start(pair, "matching-pair-" + tag);
             ConfigurableApplicationContext b = start(pair, "matching-pair-" + tag);
             TopicReader singleMatches = TopicReader.of(single.matches());
             TopicReader pairMatches = TopicReader.of(pair.matches())) {
            Awaitility.await().atMost(WAIT).until(() -> new HashSet<>(foundPairs(singleMatches)).equals(expected)
                    && new HashSet<>(foundPairs(pairMatches)).equals(expected));
            // both instances own postings: the work was shared
            Awaitility.await().atMost(WAIT).until(() -> a.getBean(PostingIndex.class).size() > 0
                    && b.getBean(PostingIndex.class).size() > 0
                    && a.getBean(PostingIndex.class).size() + b.getBean(PostingIndex.class).size() == postings.size());

            assertThat(expected).hasSize(60);
            assertThat(foundPairs(pairMatches)).hasSize(60).doesNotHaveDuplicates();
            assertThat(foundPairs(singleMatches)).hasSize(60).doesNotHaveDuplicates();
        }
    }

    @Test
    void aRestartedInstanceRebuildsItsIndexFromTheTopicsAndNotifiesNoOneAgain() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Run run = new Run("restart-" + tag);
        List<String> seekers = ids(5);
        List<String> postings = ids(5);
        Set<String> expected = publish(run, seekers, postings, "craft-");
        try (TopicReader matches = TopicReader.of(run.matches())) {
            try (ConfigurableApplicationContext first = start(run, "matching-restart-" + tag)) {
                Awaitility.await().atMost(WAIT).until(() -> new HashSet<>(foundPairs(matches)).equals(expected));
            }
            try (ConfigurableApplicationContext second = start(run, "matching-restart-" + tag)) {
                Awaitility.await().atMost(WAIT).until(() -> second.getBean(PostingIndex.class).size() == postings.size());
                // a new pair published after the restart is matched, so the restarted instance is live
                List<String> newSeeker = ids(1);
                List<String> newPosting = ids(1);
                Set<String> fresh = publish(run, newSeeker, newPosting, "fresh-craft-");
                Awaitility.await().atMost(WAIT).until(() -> foundPairs(matches).containsAll(fresh));

                List<String> all = foundPairs(matches);
                assertThat(all).doesNotHaveDuplicates();
                assertThat(new HashSet<>(all)).hasSize(expected.size() + fresh.size());
            }
        }
    }
}
