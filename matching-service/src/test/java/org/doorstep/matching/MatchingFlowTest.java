package org.doorstep.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.doorstep.matching.match.MatchId;
import org.doorstep.testkit.EventContract;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The event paths end to end over the real broker: postings and seekers in, matches out. */
class MatchingFlowTest extends EventFlowTest {

    private static final Duration WAIT = MatchTopic.WAIT;

    @Test
    void emitsAValidMatchFoundWhenANearbySeekerSharesTheSkillsOfANewPosting() {
        String seekerId = id();
        String postingId = id();
        events.send(SEEKERS, SEEKER_UPSERTED, seekerId, TestEvents.seeker(seekerId));
        events.send(POSTINGS, POSTING_UPSERTED, postingId, TestEvents.posting(postingId));

        ConsumerRecord<String, byte[]> record = matches.await(MATCH_FOUND, seekerId, postingId);

        assertThat(EventContract.violations(MATCH_FOUND, TopicReader.value(record))).isEmpty();
        assertThat(TopicReader.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(TopicReader.header(record, "ce_source")).isEqualTo("//doorstep/matching-service");
        assertThat(TopicReader.header(record, "content-type")).isEqualTo("application/json");
        assertThat(UUID.fromString(TopicReader.header(record, "ce_id"))).isNotNull();
        assertThat(Instant.parse(TopicReader.header(record, "ce_time"))).isNotNull();
        JsonNode match = MatchTopic.json(record);
        assertThat(match.path("matchId").asString()).isEqualTo(MatchId.of(postingId, seekerId));
        assertThat(match.path("revision").asInt()).isEqualTo(1);
        assertThat(match.path("score").asDouble()).isGreaterThanOrEqualTo(0.3);
        assertThat(match.path("posting").path("externalId").asString()).isEqualTo("EXT-" + postingId);
        assertThat(match.path("reasons").toString()).contains("2 of 2 required skills: Java, SQL").contains("km away");
        assertThat(Instant.parse(match.path("matchedAt").asString()).getNano() % 1_000_000)
                .as("milliseconds, as every service writes times").isZero();
    }

    @Test
    void matchesANewProfileAgainstOpenPostings() {
        String seekerId = id();
        String postingId = id();
        events.send(POSTINGS, POSTING_UPSERTED, postingId, TestEvents.posting(postingId));
        awaitIndexed(postingId);
        events.send(SEEKERS, SEEKER_UPSERTED, seekerId, TestEvents.seeker(seekerId));

        JsonNode match = MatchTopic.json(matches.await(MATCH_FOUND, seekerId, postingId));

        assertThat(match.path("trigger").asString()).isIn("SEEKER", "POSTING");
    }

    @Test
    void matchesSkillLabelsWhateverTheirCase() {
        String seekerId = id();
        String postingId = id();
        ObjectNode seeker = TestEvents.seeker(seekerId);
        TestEvents.skills(seeker, "jAVA");
        seeker.putArray("desiredOccupations");
        seeker.put("maxDistanceKm", 12);
        events.send(SEEKERS, SEEKER_UPSERTED, seekerId, seeker);
        events.send(POSTINGS, POSTING_UPSERTED, postingId, TestEvents.posting(postingId));

        JsonNode match = MatchTopic.json(matches.await(MATCH_FOUND, seekerId, postingId));

        assertThat(match.path("score").asDouble()).isGreaterThanOrEqualTo(0.3);
    }

    @Test
    void neverEmitsThePairTwiceWhenTheSameEventsArriveAgain() {
        String seekerId = id();
        String postingId = id();
        ObjectNode posting = TestEvents.posting(postingId);
        events.send(SEEKERS, SEEKER_UPSERTED, seekerId, TestEvents.seeker(seekerId));
        events.send(POSTINGS, POSTING_UPSERTED, postingId, posting);
        matches.await(MATCH_FOUND, seekerId, postingId);

        events.send(POSTINGS, POSTING_UPSERTED, postingId, posting);
        events.send(SEEKERS, SEEKER_UPSERTED, seekerId, TestEvents.seeker(seekerId));
        // a marker pair published after the duplicates: once it is matched, the duplicates were processed
        String markerSeeker = id();
        String markerPosting = id();
        events.send(SEEKERS, SEEKER_UPSERTED, markerSeeker, TestEvents.seeker(markerSeeker));
        events.send(POSTINGS, POSTING_UPSERTED, markerPosting, TestEvents.posting(markerPosting));
        matches.await(MATCH_FOUND, markerSeeker, markerPosting);
        matches.await(MATCH_FOUND, markerSeeker, postingId);

        assertThat(matches.records(MATCH_FOUND, seekerId, postingId)).hasSize(1);
    }

    @Test
    void withdrawsTheMatchesOfAClosedPosting() {
        String seekerId = id();
        String postingId = id();
        events.send(SEEKERS, SEEKER_UPSERTED, seekerId, TestEvents.seeker(seekerId));
        ObjectNode posting = TestEvents.posting(postingId);
        events.send(POSTINGS, POSTING_UPSERTED, postingId, posting);
        matches.await(MATCH_FOUND, seekerId, postingId);

        ObjectNode closed = TestEvents.example(POSTING_CLOSED);
        closed.put("postingId", postingId);
        closed.put("externalId", "EXT-" + postingId);
        closed.put("version", 4);
        events.send(POSTINGS, POSTING_CLOSED, postingId, closed);

        ConsumerRecord<String, byte[]> record = matches.await(MATCH_WITHDRAWN, seekerId, postingId);
        assertThat(EventContract.violations(MATCH_WITHDRAWN, TopicReader.value(record))).isEmpty();
        assertThat(MatchTopic.json(record).path("reason").asString()).isEqualTo("POSTING_CLOSED");
    }

    @Test
    void withdrawsAndForgetsAnErasedSeekerAndSurvivesTheTombstone() {
        String seekerId = id();
        String postingId = id();
        events.send(SEEKERS, SEEKER_UPSERTED, seekerId, TestEvents.seeker(seekerId));
        events.send(POSTINGS, POSTING_UPSERTED, postingId, TestEvents.posting(postingId));
        matches.await(MATCH_FOUND, seekerId, postingId);

        ObjectNode erased = TestEvents.example(SEEKER_ERASED);
        erased.put("seekerId", seekerId);
        events.send(SEEKERS, SEEKER_ERASED, seekerId, erased);
        events.sendRaw(SEEKERS, null, seekerId, null);

        ConsumerRecord<String, byte[]> record = matches.await(MATCH_WITHDRAWN, seekerId, postingId);
        assertThat(MatchTopic.json(record).path("reason").asString()).isEqualTo("SEEKER_ERASED");
        // the consumer goes on after the tombstone, and the erased seeker is not matched again
        String otherSeeker = id();
        String otherPosting = id();
        events.send(SEEKERS, SEEKER_UPSERTED, otherSeeker, TestEvents.seeker(otherSeeker));
        events.send(POSTINGS, POSTING_UPSERTED, otherPosting, TestEvents.posting(otherPosting));
        matches.await(MATCH_FOUND, otherSeeker, otherPosting);
        assertThat(matches.records(MATCH_FOUND, seekerId, otherPosting)).isEmpty();
    }

    @Test
    void sendsUnreadableRecordsToTheDeadLetterTopicAndCarriesOn() {
        String key = id();
        try (TopicReader dlq = TopicReader.of(POSTINGS + ".matching.dlq")) {
            events.sendRaw(POSTINGS, POSTING_UPSERTED, key, "{not json".getBytes());

            ConsumerRecord<String, byte[]> dead = dlq.await(r -> key.equals(r.key()), WAIT);

            assertThat(TopicReader.value(dead)).isEqualTo("{not json");
            assertThat(dead.headers().lastHeader("x-exception-message")).isNotNull();
        }
        String seekerId = id();
        String postingId = id();
        events.send(SEEKERS, SEEKER_UPSERTED, seekerId, TestEvents.seeker(seekerId));
        events.send(POSTINGS, POSTING_UPSERTED, postingId, TestEvents.posting(postingId));
        matches.await(MATCH_FOUND, seekerId, postingId);
    }

    @Test
    void keepsTheLedgerInTheMatchingDatabase() {
        String seekerId = id();
        String postingId = id();
        events.send(SEEKERS, SEEKER_UPSERTED, seekerId, TestEvents.seeker(seekerId));
        events.send(POSTINGS, POSTING_UPSERTED, postingId, TestEvents.posting(postingId));
        matches.await(MATCH_FOUND, seekerId, postingId);

        assertThat(mongo.getMongoDatabase().block().getName()).isEqualTo("matching");
        org.bson.Document entry = mongo.findById(MatchId.of(postingId, seekerId), org.bson.Document.class, "matches").block();
        assertThat(entry).isNotNull();
        assertThat(entry.getString("status")).isEqualTo("ACTIVE");
        // published once its round is settled, right after the broker's acknowledgement
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(ledger.find(MatchId.of(postingId, seekerId)))
                .hasValueSatisfying(e -> assertThat(e.published()).isTrue()));
    }

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.data.mongodb.core.ReactiveMongoTemplate mongo;

    private void awaitIndexed(String postingId) {
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> postingIndex.get(postingId) != null);
    }

    @org.springframework.beans.factory.annotation.Autowired
    private org.doorstep.matching.index.PostingIndex postingIndex;

    @org.springframework.beans.factory.annotation.Autowired
    private org.doorstep.matching.match.MatchLedger ledger;
}
