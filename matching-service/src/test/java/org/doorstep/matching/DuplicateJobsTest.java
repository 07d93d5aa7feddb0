package org.doorstep.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.doorstep.testkit.EventContract;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 16, "one job, one notification": the same vacancy published by three partner boards is told to a seeker once,
 * with every source listed; when the posting it was told through closes, the seeker is told of the job through another.
 */
class DuplicateJobsTest extends EventFlowTest {

    @org.springframework.beans.factory.annotation.Autowired
    private org.doorstep.matching.match.MatchEngine engine;

    /** The vacancy as a board publishes it: its own partner, its own spelling, geocoded a little apart. */
    private static ObjectNode vacancy(String postingId, String partnerId, String title, String tail, double latShift) {
        ObjectNode posting = TestEvents.posting(postingId);
        posting.put("partnerId", partnerId);
        posting.put("title", title);
        posting.put("description", "Build and run the backend services of the public employment platform in Chengdu: "
                + "Java services, Kafka event streams and SQL stores, with code review, on-call duty and mentoring of graduates. " + tail);
        ((ObjectNode) posting.get("location")).put("lat", posting.get("location").get("lat").asDouble() + latShift);
        return posting;
    }

    private static List<String> sources(JsonNode match) {
        return match.path("sources").valueStream().map(s -> s.path("postingId").asString()).toList();
    }

    private static void createTopic(String topic) {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.of(
                "bootstrap.servers", org.doorstep.testkit.SharedInfrastructure.get().bootstrapServers()))) {
            if (!admin.listTopics().names().get(10, java.util.concurrent.TimeUnit.SECONDS).contains(topic)) {
                admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 3, (short) 1)))
                        .all().get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The latest duplicates notice for the posting (its partner is told which other postings are the same job). */
    private static JsonNode latestNotice(TopicReader notices, String postingId) {
        notices.poll();
        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> records = notices.forKey(postingId);
        return records.isEmpty() ? null : MatchTopic.json(records.getLast());
    }

    private static List<String> sameJobAs(TopicReader notices, String postingId) {
        JsonNode notice = latestNotice(notices, postingId);
        return notice == null ? null : notice.path("sameJobAs").valueStream().map(JsonNode::asString).sorted().toList();
    }

    @Test
    void eachBoardIsToldWhichOfItsPostingsAreTheSameJobAsOthersAndWhenNoLonger() {
        createTopic("doorstep.posting-duplicates.v1"); // a reader subscribed before the topic exists may not see it for minutes
        try (TopicReader notices = TopicReader.of("doorstep.posting-duplicates.v1")) {
            String first = id();
            String second = id();
            String firstPartner = id();
            // 30 km north of the other tests' vacancies: a job of its own
            events.send(POSTINGS, POSTING_UPSERTED, first, vacancy(first, firstPartner, "Java backend developer", "", 0.27));
            events.send(POSTINGS, POSTING_UPSERTED, second, vacancy(second, id(), "JAVA BACKEND DEVELOPER", "Apply via our board.", 0.2708));
            org.awaitility.Awaitility.await().atMost(MatchTopic.WAIT).until(() -> List.of(second).equals(sameJobAs(notices, first))
                    && List.of(first).equals(sameJobAs(notices, second)));
            JsonNode notice = latestNotice(notices, first);
            assertThat(notice.path("partnerId").asString()).isEqualTo(firstPartner);
            assertThat(EventContract.violations("org.doorstep.posting.duplicates.v1", notice.toString())).isEmpty();

            close(second);
            org.awaitility.Awaitility.await().atMost(MatchTopic.WAIT).until(() -> List.of().equals(sameJobAs(notices, first))
                    && List.of().equals(sameJobAs(notices, second)));
        }
    }

    @Test
    void aJobThreeBoardsPublishIsToldOnceWithEverySourceAndThroughAnotherWhenTheFirstCloses() {
        String seekerId = id();
        events.send(SEEKERS, SEEKER_UPSERTED, seekerId, TestEvents.seeker(seekerId));
        String first = id();
        String second = id();
        String third = id();
        events.send(POSTINGS, POSTING_UPSERTED, first, vacancy(first, id(), "Java backend developer", "", 0));
        JsonNode told = MatchTopic.json(matches.await(MATCH_FOUND, seekerId, first, 1));
        assertThat(sources(told)).containsExactly(first);
        assertThat(EventContract.violations(MATCH_FOUND, TopicReader.value(matches.await(MATCH_FOUND, seekerId, first, 1)))).isEmpty();

        events.send(POSTINGS, POSTING_UPSERTED, second, vacancy(second, id(), "JAVA BACKEND DEVELOPER", "Apply via our board.", 0.0008));
        JsonNode again = MatchTopic.json(matches.await(MATCH_FOUND, seekerId, first, 2));
        assertThat(sources(again)).containsExactly(first, second);
        events.send(POSTINGS, POSTING_UPSERTED, third, vacancy(third, id(), "Java Backend Developer (full time)", "", -0.0005));
        assertThat(sources(MatchTopic.json(matches.await(MATCH_FOUND, seekerId, first, 3)))).containsExactly(first, second, third);

        // a seeker who arrives later is told of the job once too
        String later = id();
        events.send(SEEKERS, SEEKER_UPSERTED, later, TestEvents.seeker(later));
        List<String> job = List.of(first, second, third);
        org.awaitility.Awaitility.await().atMost(MatchTopic.WAIT).until(() -> job.stream()
                .anyMatch(posting -> !matches.records(MATCH_FOUND, later, posting).isEmpty()));

        // the first board closes its posting: the seeker is told of the job through the next
        close(first);
        matches.await(MATCH_WITHDRAWN, seekerId, first, 0);
        assertThat(sources(MatchTopic.json(matches.await(MATCH_FOUND, seekerId, second, 1)))).containsExactly(second, third);

        // nothing else: no match ever named the third posting, none named the second before the first closed
        barrier();
        assertThat(matches.records(MATCH_FOUND, seekerId, third)).isEmpty();
        // through the posting that ranks best for them (the nearest), naming all three
        List<JsonNode> laterMatches = job.stream().flatMap(posting -> matches.records(MATCH_FOUND, later, posting).stream())
                .map(MatchTopic::json).toList();
        assertThat(laterMatches).hasSize(1);
        assertThat(sources(laterMatches.getFirst())).containsExactlyInAnyOrder(first, second, third);
        assertThat(matches.records(MATCH_FOUND, seekerId, second)).hasSize(1);
    }

    @Test
    void aPostingReadAgainBeforeTheOneThatToldItsJobTellsNobodyAgain() {
        String seekerId = id();
        events.send(SEEKERS, SEEKER_UPSERTED, seekerId, TestEvents.seeker(seekerId));
        String first = id();
        String second = id();
        // 2 km from the other test's job, so that the two jobs stay apart
        ObjectNode firstPosting = vacancy(first, id(), "Java backend developer", "", 0.02);
        ObjectNode secondPosting = vacancy(second, id(), "Java Backend Developer", "Apply via our board.", 0.0204);
        events.send(POSTINGS, POSTING_UPSERTED, first, firstPosting);
        matches.await(MATCH_FOUND, seekerId, first, 1);
        events.send(POSTINGS, POSTING_UPSERTED, second, secondPosting);
        matches.await(MATCH_FOUND, seekerId, first, 2);

        // as after a restart or a rebalance: the postings leave the index and are read again, the later one first
        engine.releaseShards(java.util.stream.IntStream.range(0, 64).boxed().toList());
        events.send(POSTINGS, POSTING_UPSERTED, second, secondPosting);
        barrier();
        events.send(POSTINGS, POSTING_UPSERTED, first, firstPosting);
        barrier();

        assertThat(matches.records(MATCH_FOUND, seekerId, second)).as("the job was told through the first posting").isEmpty();
        assertThat(matches.records(MATCH_FOUND, seekerId, first)).as("revisions 1 and 2 only").hasSize(2);
    }

    /** Exploratory testing: after its first posting closed and reopened, a job's new source was told as a second match. */
    @Test
    void aReopenedPostingIsStillTheSourceItsJobsNewPostingsJoin() {
        String seekerId = id();
        events.send(SEEKERS, SEEKER_UPSERTED, seekerId, TestEvents.seeker(seekerId));
        String first = id();
        String second = id();
        // 4 km from the other tests' jobs
        ObjectNode firstPosting = vacancy(first, id(), "Java backend developer", "", 0.04);
        events.send(POSTINGS, POSTING_UPSERTED, first, firstPosting);
        matches.await(MATCH_FOUND, seekerId, first, 1);
        close(first);
        matches.await(MATCH_WITHDRAWN, seekerId, first, 0);
        firstPosting.put("version", 10);
        events.send(POSTINGS, POSTING_UPSERTED, first, firstPosting);
        matches.await(MATCH_FOUND, seekerId, first, 2);

        events.send(POSTINGS, POSTING_UPSERTED, second, vacancy(second, id(), "JAVA BACKEND DEVELOPER", "Apply via our board.", 0.0404));
        assertThat(sources(MatchTopic.json(matches.await(MATCH_FOUND, seekerId, first, 3)))).containsExactly(first, second);
        barrier();
        assertThat(matches.records(MATCH_FOUND, seekerId, second)).isEmpty();
    }

    /** Exploratory testing: a seeker who dismissed a job was told of it again when another board published it. */
    @Test
    void aJobTheSeekerDismissedIsNotToldAgainThroughAnotherBoard() {
        String seekerId = id();
        events.send(SEEKERS, SEEKER_UPSERTED, seekerId, TestEvents.seeker(seekerId));
        String first = id();
        String second = id();
        // 6 km from the other tests' jobs
        events.send(POSTINGS, POSTING_UPSERTED, first, vacancy(first, id(), "Java backend developer", "", 0.06));
        matches.await(MATCH_FOUND, seekerId, first, 1);
        ObjectNode dismissed = TestEvents.example("org.doorstep.match.dismissed.v1");
        String matchId = org.doorstep.matching.match.MatchId.of(first, seekerId);
        dismissed.put("matchId", matchId).put("seekerId", seekerId).put("postingId", first)
                .put("at", java.time.Instant.now().toString());
        events.send(FEEDBACK, "org.doorstep.match.dismissed.v1", matchId, dismissed);
        org.awaitility.Awaitility.await().atMost(MatchTopic.WAIT).until(() -> engine.explain(first, seekerId).ledger() != null
                && engine.explain(first, seekerId).ledger().status() == org.doorstep.matching.match.LedgerEntry.Status.DISMISSED);

        events.send(POSTINGS, POSTING_UPSERTED, second, vacancy(second, id(), "JAVA BACKEND DEVELOPER", "Apply via our board.", 0.0604));
        barrier();
        assertThat(matches.records(MATCH_FOUND, seekerId, second)).isEmpty();
        assertThat(matches.records(MATCH_FOUND, seekerId, first)).hasSize(1);
    }

    /** The posting's partner closes it (version 9). */
    private static void close(String postingId) {
        ObjectNode closed = TestEvents.example(POSTING_CLOSED);
        closed.put("postingId", postingId);
        closed.put("version", 9);
        events.send(POSTINGS, POSTING_CLOSED, postingId, closed);
    }

    /** A pair that certainly matches, awaited: everything published before it has been processed. */
    private static void barrier() {
        String seekerId = id();
        String postingId = id();
        events.send(SEEKERS, SEEKER_UPSERTED, seekerId, TestEvents.seeker(seekerId));
        events.send(POSTINGS, POSTING_UPSERTED, postingId, TestEvents.posting(postingId));
        matches.await(MATCH_FOUND, seekerId, postingId, 1);
    }
}
