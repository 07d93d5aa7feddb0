package org.doorstep.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.doorstep.matching.match.MatchId;
import org.doorstep.testkit.EventContract;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What happens to a match over time: profile changes, material changes, dismissals; and the operator's view. */
class MatchLifecycleTest extends EventFlowTest {

    private static final Duration WAIT = MatchTopic.WAIT;

    @LocalServerPort
    private int port;

    /** Publishes a pair that certainly matches and waits for it: everything published before has been processed. */
    private static void barrier() {
        String seekerId = id();
        String postingId = id();
        events.send(SEEKERS, SEEKER_UPSERTED, seekerId, TestEvents.seeker(seekerId));
        events.send(POSTINGS, POSTING_UPSERTED, postingId, TestEvents.posting(postingId));
        matches.await(MATCH_FOUND, seekerId, postingId, 1);
    }

    @Test
    void withdrawsAMatchWhenAProfileChangeBreaksIt() {
        String seekerId = id();
        String postingId = id();
        events.send(SEEKERS, SEEKER_UPSERTED, seekerId, TestEvents.seeker(seekerId));
        events.send(POSTINGS, POSTING_UPSERTED, postingId, TestEvents.posting(postingId));
        matches.await(MATCH_FOUND, seekerId, postingId, 1);

        ObjectNode moved = TestEvents.seeker(seekerId);
        moved.put("version", 3);
        ((ObjectNode) moved.get("location")).put("lat", 39.9042).put("lon", 116.4074);
        moved.put("remoteOk", false);
        events.send(SEEKERS, SEEKER_UPSERTED, seekerId, moved);

        ConsumerRecord<String, byte[]> withdrawn = matches.await(MATCH_WITHDRAWN, seekerId, postingId, 0);
        assertThat(MatchTopic.json(withdrawn).path("reason").asString()).isEqualTo("PROFILE_CHANGED");
        assertThat(EventContract.violations(MATCH_WITHDRAWN, TopicReader.value(withdrawn))).isEmpty();
    }

    @Test
    void reEmitsWithTheNextRevisionOnlyWhenTheScoreChangesMaterially() {
        String seekerId = id();
        String postingId = id();
        ObjectNode seeker = TestEvents.seeker(seekerId);
        TestEvents.skills(seeker, "Kafka");
        seeker.putArray("desiredOccupations");
        events.send(SEEKERS, SEEKER_UPSERTED, seekerId, seeker);
        events.send(POSTINGS, POSTING_UPSERTED, postingId, TestEvents.posting(postingId));
        double first = MatchTopic.json(matches.await(MATCH_FOUND, seekerId, postingId, 1)).path("score").asDouble();

        ObjectNode same = seeker.deepCopy();
        same.put("version", 3);
        events.send(SEEKERS, SEEKER_UPSERTED, seekerId, same);
        ObjectNode better = seeker.deepCopy();
        better.put("version", 4);
        TestEvents.skills(better, "Kafka", "Java", "SQL");
        events.send(SEEKERS, SEEKER_UPSERTED, seekerId, better);

        JsonNode second = MatchTopic.json(matches.await(MATCH_FOUND, seekerId, postingId, 2));
        assertThat(second.path("score").asDouble()).isGreaterThanOrEqualTo(first + 0.1);
        barrier();
        assertThat(matches.records(MATCH_FOUND, seekerId, postingId)).hasSize(2);
    }

    @Test
    void tellsThePostingAgainWhenThePartnerChangesWhatTheSeekerWasShownEvenIfTheScoreStays() {
        String seekerId = id();
        String postingId = id();
        events.send(SEEKERS, SEEKER_UPSERTED, seekerId, TestEvents.seeker(seekerId));
        ObjectNode posting = TestEvents.posting(postingId);
        events.send(POSTINGS, POSTING_UPSERTED, postingId, posting);
        JsonNode first = MatchTopic.json(matches.await(MATCH_FOUND, seekerId, postingId, 1));

        ObjectNode republished = posting.deepCopy();
        republished.put("version", 3);
        events.send(POSTINGS, POSTING_UPSERTED, postingId, republished);
        ObjectNode renamed = posting.deepCopy();
        renamed.put("version", 4);
        renamed.put("title", first.path("posting").path("title").asString() + " (night shift)");
        events.send(POSTINGS, POSTING_UPSERTED, postingId, renamed);

        JsonNode second = MatchTopic.json(matches.await(MATCH_FOUND, seekerId, postingId, 2));
        assertThat(second.path("posting").path("title").asString()).endsWith("(night shift)");
        assertThat(second.path("score").asDouble()).isCloseTo(first.path("score").asDouble(),
                org.assertj.core.data.Offset.offset(0.1));
        barrier();
        assertThat(matches.records(MATCH_FOUND, seekerId, postingId)).as("the unchanged republication told nothing").hasSize(2);
    }

    @Test
    void withdrawsTheMatchOfASeekerErasedWhileItsPostingWasHeldElsewhereOnceThePostingIsBack() {
        String seekerId = id();
        String postingId = id();
        events.send(SEEKERS, SEEKER_UPSERTED, seekerId, TestEvents.seeker(seekerId));
        events.send(POSTINGS, POSTING_UPSERTED, postingId, TestEvents.posting(postingId));
        matches.await(MATCH_FOUND, seekerId, postingId, 1);
        // the postings' partitions are revoked (a rebalance): the postings leave this instance's index
        engine.releaseShards(java.util.stream.IntStream.range(0, 64).boxed().toList());
        assertThat(engine.explain(postingId, seekerId).vetoes()).extracting(v -> v.rule()).contains("posting-unknown");

        ObjectNode erased = TestEvents.example(SEEKER_ERASED);
        erased.put("seekerId", seekerId);
        events.send(SEEKERS, SEEKER_ERASED, seekerId, erased);
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> engine.explain(postingId, seekerId).vetoes().stream()
                .anyMatch(v -> v.detail().contains("erased")));
        // the partition comes back: the posting is read again
        ObjectNode again = TestEvents.posting(postingId);
        again.put("version", 4);
        events.send(POSTINGS, POSTING_UPSERTED, postingId, again);

        ConsumerRecord<String, byte[]> withdrawn = matches.await(MATCH_WITHDRAWN, seekerId, postingId, 0);
        assertThat(MatchTopic.json(withdrawn).path("reason").asString()).isEqualTo("SEEKER_ERASED");
    }

    @Test
    void neverMatchesAPairTheSeekerDismissed() {
        String seekerId = id();
        String postingId = id();
        ObjectNode dismissed = TestEvents.example(MATCH_DISMISSED);
        dismissed.put("matchId", MatchId.of(postingId, seekerId));
        dismissed.put("seekerId", seekerId);
        dismissed.put("postingId", postingId);
        dismissed.put("at", Instant.now().toString());
        events.send(FEEDBACK, MATCH_DISMISSED, seekerId, dismissed);
        org.awaitility.Awaitility.await().atMost(WAIT).until(() ->
                engine.explain(postingId, seekerId).ledger() != null);

        events.send(SEEKERS, SEEKER_UPSERTED, seekerId, TestEvents.seeker(seekerId));
        events.send(POSTINGS, POSTING_UPSERTED, postingId, TestEvents.posting(postingId));
        String otherPosting = id();
        events.send(POSTINGS, POSTING_UPSERTED, otherPosting, TestEvents.posting(otherPosting));
        matches.await(MATCH_FOUND, seekerId, otherPosting, 1);
        barrier();

        assertThat(matches.records(MATCH_FOUND, seekerId, postingId)).isEmpty();
        assertThat(engine.explain(postingId, seekerId).vetoes()).extracting(v -> v.rule()).contains("dismissed");
    }

    @Test
    void explainsAPairToTheOperatorWithEveryFactorAndVeto() {
        String seekerId = id();
        String postingId = id();
        ObjectNode far = TestEvents.seeker(seekerId);
        ((ObjectNode) far.get("location")).put("lat", 31.2304).put("lon", 121.4737);
        far.put("remoteOk", false);
        events.send(SEEKERS, SEEKER_UPSERTED, seekerId, far);
        events.send(POSTINGS, POSTING_UPSERTED, postingId, TestEvents.posting(postingId));
        barrier();

        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(WAIT).build();
        client.get().uri("/api/v1/matches/explain?postingId={p}&seekerId={s}", postingId, seekerId)
                .exchange().expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/unauthorized");
        client.get().uri("/api/v1/matches/explain?postingId={p}&seekerId={s}", postingId, seekerId)
                .header("Authorization", "Bearer " + OPERATOR_TOKEN)
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.qualifies").isEqualTo(false)
                .jsonPath("$.vetoes[0].rule").isEqualTo("distance")
                .jsonPath("$.reasons[?(@.factor == 'skills')].detail").value(detail -> assertThat(detail.toString())
                        .startsWith("[\"2 of 2 required skills: Java, SQL; 0 of 1 other skills; covers "))
                // the explain endpoint shows each factor's inputs (match events do not carry them)
                .jsonPath("$.reasons[?(@.factor == 'skills')].inputs.postingCoverage").isNotEmpty()
                .jsonPath("$.reasons[?(@.factor == 'skills')].inputs.seekerCoverage").isNotEmpty()
                .jsonPath("$.reasons[?(@.factor == 'distance')].inputs.km").isNotEmpty();
        client.get().uri("/api/v1/stats").header("Authorization", "Bearer " + OPERATOR_TOKEN)
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.byCampaign.SPRING-2026").isNumber()
                .jsonPath("$.byKeyGroup.COLLEGE_GRADUATE").isNumber()
                .jsonPath("$.instance.seekersIndexed").isNumber();
        client.get().uri("/api/v1/stats").header("Authorization", "Bearer wrong")
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void servesHealthProbesAndItsOpenApiDocument() {
        String postingId = id();
        events.send(POSTINGS, POSTING_UPSERTED, postingId, TestEvents.posting(postingId));
        barrier();
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(WAIT).build();
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        client.get().uri("/actuator/prometheus").header("Authorization", "Bearer " + AUDITOR_TOKEN)
                .exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("doorstep_matching_seekers_indexed")
                        // the age of each posting event when its matches are out, as a histogram
                        .contains("doorstep_matching_posting_age_seconds_bucket{le=")
                        .containsPattern("(?m)^doorstep_matching_posting_age_seconds_count [1-9]"));
        client.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/api/v1/matches/explain']").exists()
                .jsonPath("$.info.title").isEqualTo("Doorstep matching-service")
                .jsonPath("$.paths['/api/v1/stats'].get.security[0].operatorToken").exists()
                .jsonPath("$.paths['/api/v1/skills:extract'].post.security").doesNotExist();
    }

    @Autowired
    private org.doorstep.matching.match.MatchEngine engine;
}
