package org.doorstep.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.doorstep.matching.match.Explanation;
import org.doorstep.matching.match.MatchEngine;
import org.doorstep.matching.match.MatchId;
import org.doorstep.matching.scoring.Reason;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 16: matching learns from feedback read on the topic. A seeker who dismissed several postings of one occupation
 * gets the next one ranked lower, and is told why; a posting that a seeker of the same occupation applied to ranks
 * higher for the others, and says so, until that applicant is erased.
 */
class LearningFromFeedbackTest extends MatchingServiceTest {

    private static final String MATCH_APPLIED = "org.doorstep.match.applied.v1";

    @Autowired
    private MatchEngine engine;

    @Test
    void twoDismissalsOfAnOccupationLowerItsNextPostingAndTheReasonSaysSo() {
        try (TestEvents events = new TestEvents(); MatchTopic matches = new MatchTopic()) {
            String seekerId = id();
            String[] postings = {id(), id(), id()};
            events.send(SEEKERS, SEEKER_UPSERTED, seekerId, TestEvents.seeker(seekerId));
            for (int i = 0; i < postings.length; i++) {
                events.send(POSTINGS, POSTING_UPSERTED, postings[i], posting(postings[i], i));
            }
            for (String postingId : postings) {
                matches.await(MATCH_FOUND, seekerId, postingId, 1);
            }
            Explanation before = engine.explain(postings[2], seekerId);
            assertThat(factor(before, "dismissedSimilar")).isEmpty();

            dismiss(events, seekerId, postings[0]);
            dismiss(events, seekerId, postings[1]);

            await().atMost(MatchTopic.WAIT).until(() -> factor(engine.explain(postings[2], seekerId), "dismissedSimilar").isPresent());
            Explanation after = engine.explain(postings[2], seekerId);
            Reason reason = factor(after, "dismissedSimilar").orElseThrow();
            assertThat(reason.value()).isEqualTo(-0.1);
            assertThat(reason.detail()).contains("dismissed 2 jobs of this occupation (ISCO 2512)");
            assertThat(after.score()).isCloseTo(before.score() * 0.9, org.assertj.core.data.Offset.offset(0.001));
        }
    }

    @Test
    void anApplicationOfASeekerOfTheSameOccupationRaisesThePostingForTheOthersUntilTheApplicantIsErased() {
        try (TestEvents events = new TestEvents(); MatchTopic matches = new MatchTopic()) {
            String applicant = id();
            String other = id();
            String postingId = id();
            events.send(SEEKERS, SEEKER_UPSERTED, applicant, TestEvents.seeker(applicant));
            events.send(SEEKERS, SEEKER_UPSERTED, other, TestEvents.seeker(other));
            events.send(POSTINGS, POSTING_UPSERTED, postingId, posting(postingId, 7));
            matches.await(MATCH_FOUND, applicant, postingId, 1);
            matches.await(MATCH_FOUND, other, postingId, 1);
            double before = engine.explain(postingId, other).score();

            ObjectNode applied = TestEvents.example(MATCH_APPLIED);
            applied.put("matchId", MatchId.of(postingId, applicant)).put("seekerId", applicant).put("postingId", postingId)
                    .put("at", Instant.now().toString());
            events.send(FEEDBACK, MATCH_APPLIED, MatchId.of(postingId, applicant), applied);

            await().atMost(MatchTopic.WAIT).until(() -> factor(engine.explain(postingId, other), "appeal").isPresent());
            Explanation raised = engine.explain(postingId, other);
            assertThat(raised.score()).isGreaterThan(before);
            assertThat(factor(raised, "appeal").orElseThrow().detail())
                    .isEqualTo("people with a background like yours applied to this job (1 applied)");

            ObjectNode erasure = TestEvents.example(SEEKER_ERASED);
            erasure.put("seekerId", applicant);
            events.send(SEEKERS, SEEKER_ERASED, applicant, erasure);
            await().atMost(MatchTopic.WAIT).until(() -> factor(engine.explain(postingId, other), "appeal").isEmpty());
            assertThat(engine.explain(postingId, other).score()).isCloseTo(before, org.assertj.core.data.Offset.offset(0.001));
        }
    }

    private static ObjectNode posting(String postingId, int n) {
        ObjectNode posting = TestEvents.posting(postingId);
        // different wording each: not one job published several times
        posting.put("title", "Java developer, team " + n);
        posting.put("description", "Team " + n + " builds service number " + postingId + " for the employment platform.");
        return posting;
    }

    private static void dismiss(TestEvents events, String seekerId, String postingId) {
        ObjectNode dismissed = TestEvents.example(MATCH_DISMISSED);
        dismissed.put("matchId", MatchId.of(postingId, seekerId)).put("seekerId", seekerId).put("postingId", postingId)
                .put("at", Instant.now().toString());
        events.send(FEEDBACK, MATCH_DISMISSED, MatchId.of(postingId, seekerId), dismissed);
    }

    private static Optional<Reason> factor(Explanation explanation, String factor) {
        return explanation.reasons().stream().filter(r -> r.factor().equals(factor)).findFirst();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
