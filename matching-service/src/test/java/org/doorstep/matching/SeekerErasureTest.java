package org.doorstep.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.doorstep.matching.index.PostingIndex;
import org.doorstep.matching.index.SeekerIndex;
import org.doorstep.matching.match.LedgerEntry;
import org.doorstep.matching.match.MatchEngine;
import org.doorstep.matching.match.MatchId;
import org.doorstep.matching.match.MatchLedger;
import org.doorstep.matching.match.MatchPublisher;
import org.doorstep.matching.scoring.MatchScorer;
import org.doorstep.matching.scoring.Posting;
import org.doorstep.matching.scoring.Seeker;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import tools.jackson.databind.node.ObjectNode;

/**
 * A seeker who erases themselves leaves nothing behind in matching's database: not their id, not the key
 * groups or region their matches carried. What "never twice" needs stays as an anonymous tombstone per pair,
 * so neither a posting update nor a restart that replays their old profile notifies them again.
 */
class SeekerErasureTest extends EventFlowTest {

    private static final Duration WAIT = MatchTopic.WAIT;

    @Autowired
    private ReactiveMongoTemplate mongo;
    @Autowired
    private MatchEngine engine;
    @Autowired
    private SeekerIndex seekerIndex;
    @Autowired
    private PostingIndex postingIndex;
    @Autowired
    private MatchScorer scorer;
    @Autowired
    private MatchLedger ledger;
    @Autowired
    private MatchPublisher publisher;
    @Autowired
    private Clock clock;

    /** A seeker in the DISABLED key group with three matches: one active, one on a closed posting, one dismissed. */
    private record Erased(String craft, String seekerId, String open, String closed, String dismissed, Seeker seeker, Posting posting) {
        List<String> postings() {
            return List.of(open, closed, dismissed);
        }
    }

    private Erased disabledSeekerWithMatchesThenErased() {
        String craft = "erasure-craft-" + UUID.randomUUID();
        String seekerId = id();
        ObjectNode seeker = TestEvents.seeker(seekerId);
        TestEvents.skills(seeker, craft);
        seeker.putArray("desiredOccupations");
        seeker.putArray("keyGroups").add("DISABLED");
        events.send(SEEKERS, SEEKER_UPSERTED, seekerId, seeker);
        List<String> postings = List.of(id(), id(), id());
        for (String postingId : postings) {
            events.send(POSTINGS, POSTING_UPSERTED, postingId, posting(postingId, craft));
        }
        for (String postingId : postings) {
            matches.await(MATCH_FOUND, seekerId, postingId);
        }
        Erased erased = new Erased(craft, seekerId, postings.get(0), postings.get(1), postings.get(2),
                seekerIndex.get(seekerId), postingIndex.get(postings.get(0)));

        ObjectNode closed = TestEvents.example(POSTING_CLOSED);
        closed.put("postingId", erased.closed());
        closed.put("externalId", "EXT-" + erased.closed());
        closed.put("version", 4);
        events.send(POSTINGS, POSTING_CLOSED, erased.closed(), closed);
        matches.await(MATCH_WITHDRAWN, seekerId, erased.closed());
        ObjectNode dismissed = TestEvents.example(MATCH_DISMISSED);
        dismissed.put("matchId", MatchId.of(erased.dismissed(), seekerId));
        dismissed.put("seekerId", seekerId);
        dismissed.put("postingId", erased.dismissed());
        dismissed.put("at", Instant.now().toString());
        events.send(FEEDBACK, MATCH_DISMISSED, seekerId, dismissed);
        Awaitility.await().atMost(WAIT).until(() -> {
            LedgerEntry entry = engine.explain(erased.dismissed(), seekerId).ledger();
            return entry != null && entry.status() == LedgerEntry.Status.DISMISSED;
        });
        assertThat(documentsNaming(seekerId)).as("before the erasure the ledger knows the seeker").isNotEmpty();
        assertThat(documentsNaming(erased.postings().toArray(String[]::new)))
                .anyMatch(d -> d.contains("DISABLED"));

        ObjectNode erasure = TestEvents.example(SEEKER_ERASED);
        erasure.put("seekerId", seekerId);
        events.send(SEEKERS, SEEKER_ERASED, seekerId, erasure);
        events.sendRaw(SEEKERS, null, seekerId, null);
        ConsumerRecord<String, byte[]> withdrawn = matches.await(MATCH_WITHDRAWN, seekerId, erased.open());
        assertThat(MatchTopic.json(withdrawn).path("reason").asString()).isEqualTo("SEEKER_ERASED");
        return erased;
    }

    @Test
    void leavesNeitherTheIdNorTheKeyGroupOfAnErasedSeekerInAnyCollectionAndNeverMatchesThemAgain() {
        Erased erased = disabledSeekerWithMatchesThenErased();

        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertForgotten(erased));
        assertThat(seekerIndex.get(erased.seekerId())).isNull();
        assertThat(engine.explain(erased.open(), erased.seekerId()).vetoes())
                .anyMatch(v -> v.detail().contains("erased"));

        // the open posting arrives again, then changes: the erased seeker is not told about it again
        ObjectNode again = posting(erased.open(), erased.craft());
        events.send(POSTINGS, POSTING_UPSERTED, erased.open(), again);
        ObjectNode newer = again.deepCopy();
        newer.put("version", 5);
        events.send(POSTINGS, POSTING_UPSERTED, erased.open(), newer);
        barrier(erased.open());
        assertThat(matches.records(MATCH_FOUND, erased.seekerId(), erased.open())).hasSize(1);
        assertForgotten(erased);
    }

    @Test
    void aRestartThatReplaysTheErasedSeekersProfileNotifiesNoOneAndStoresNothingOfThem() {
        Erased erased = disabledSeekerWithMatchesThenErased();
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertForgotten(erased));

        // an instance started afresh on the same ledger reads the topics from the start: the posting, the
        // profile as it was before the erasure, then the erasure
        try (SeekerIndex seekers = new SeekerIndex(scorer.policy()); PostingIndex postings = new PostingIndex(scorer.policy())) {
            MatchEngine restarted = new MatchEngine(seekers, postings, scorer, ledger, publisher, clock);
            restarted.postingChanged(erased.posting());
            restarted.seekerChanged(erased.seeker());
            restarted.postingChanged(erased.posting());
            restarted.seekerErased(erased.seekerId());

            assertThat(restarted.counters().get("matchesFound")).isEqualTo(0L);
        }
        assertThat(matches.records(MATCH_FOUND, erased.seekerId(), erased.open())).hasSize(1);
        assertForgotten(erased);
    }

    private void assertForgotten(Erased erased) {
        assertThat(documentsNaming(erased.seekerId())).as("documents naming the erased seeker").isEmpty();
        assertThat(documentsNaming(erased.postings().toArray(String[]::new)))
                .as("documents of the seeker's postings").noneMatch(d -> d.contains("DISABLED"));
    }

    /** Every document of every collection of matching's database, read over the wire, that names one of the ids. */
    private List<String> documentsNaming(String... ids) {
        List<String> found = new ArrayList<>();
        List<String> collections = mongo.getCollectionNames().collectList().block();
        for (String collection : collections) {
            for (Document document : mongo.findAll(Document.class, collection).collectList().block()) {
                String json = document.toJson();
                for (String id : ids) {
                    // a matchId holds the ids without their dashes
                    if (json.contains(id) || json.contains(id.replace("-", ""))) {
                        found.add(collection + ": " + json);
                    }
                }
            }
        }
        return found;
    }

    private static ObjectNode posting(String postingId, String craft) {
        ObjectNode posting = TestEvents.posting(postingId);
        posting.putArray("skills").addObject().put("label", craft).putNull("escoUri").put("required", true);
        posting.put("occupation", "9999");
        return posting;
    }

    /** A pair matched after the posting's updates on the same partition: once it is told, the updates were processed. */
    private static void barrier(String postingId) {
        String seekerId = id();
        events.send(SEEKERS, SEEKER_UPSERTED, seekerId, TestEvents.seeker(seekerId));
        ObjectNode posting = TestEvents.posting(postingId);
        posting.put("version", 6);
        events.send(POSTINGS, POSTING_UPSERTED, postingId, posting);
        matches.await(MATCH_FOUND, seekerId, postingId);
    }

}
