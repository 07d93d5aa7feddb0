package org.doorstep.notifications.feedback;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.doorstep.notifications.Events;
import org.bson.Document;
import org.doorstep.notifications.NotificationServiceTest;
import org.doorstep.notifications.Seekers;
import org.doorstep.notifications.Tokens;
import org.doorstep.testkit.EventContract;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@NotificationServiceTest
class FeedbackTest {

    private static final String DISMISSED = "org.doorstep.match.dismissed.v1";
    private static final String APPLIED = "org.doorstep.match.applied.v1";

    @LocalServerPort
    int port;

    @Autowired
    ReactiveMongoTemplate mongo;

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(10)).build();
    }

    private String matchInInbox(String seeker, String posting) {
        Events.send(Events.MATCHES, seeker, "org.doorstep.match.found.v1", "s", Events.matchFound(seeker, posting, "p", 0.8));
        String matchId = "m-" + posting + "-" + seeker;
        await().atMost(Duration.ofSeconds(20)).until(() -> inboxIds(seeker).contains(matchId));
        return matchId;
    }

    private String inboxIds(String seeker) {
        return new String(client().get().uri("/api/v1/me/matches").headers(h -> h.setBearerAuth(Tokens.seeker(seeker)))
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
    }

    @Test
    void dismissingPublishesAValidDismissedEventKeyedByMatchAndHidesTheItem() {
        String seeker = Events.id();
        String matchId = matchInInbox(seeker, "fb-d");
        try (TopicReader feedback = TopicReader.of("doorstep.feedback.v1")) {
            client().post().uri("/api/v1/me/matches/{id}/dismiss", matchId)
                    .headers(h -> h.setBearerAuth(Tokens.seeker(seeker)))
                    .exchange().expectStatus().isAccepted()
                    .expectBody().jsonPath("$.matchId").isEqualTo(matchId).jsonPath("$.feedback").isEqualTo("DISMISSED");
            ConsumerRecord<String, byte[]> record = feedback.await(r -> matchId.equals(r.key()), Duration.ofSeconds(20));
            assertThat(TopicReader.header(record, "ce_type")).isEqualTo(DISMISSED);
            assertThat(TopicReader.header(record, "ce_source")).isEqualTo("//doorstep/notification-service");
            assertThat(TopicReader.header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(TopicReader.header(record, "ce_subject")).isEqualTo(matchId);
            assertThat(TopicReader.header(record, "ce_id")).isNotBlank();
            assertThat(TopicReader.header(record, "content-type")).isEqualTo("application/json");
            assertThat(EventContract.violations(DISMISSED, TopicReader.value(record))).isEmpty();
            JsonNode data = Events.JSON.readTree(TopicReader.value(record));
            assertThat(data.get("postingId").asString()).isEqualTo("fb-d");

            // the same dismissal again is no new event
            client().post().uri("/api/v1/me/matches/{id}/dismiss", matchId)
                    .headers(h -> h.setBearerAuth(Tokens.seeker(seeker))).exchange().expectStatus().isAccepted();
            String marker = matchInInbox(seeker, "fb-marker");
            client().post().uri("/api/v1/me/matches/{id}/apply", marker)
                    .headers(h -> h.setBearerAuth(Tokens.seeker(seeker))).exchange().expectStatus().isAccepted();
            feedback.await(r -> marker.equals(r.key()) && APPLIED.equals(TopicReader.header(r, "ce_type")), Duration.ofSeconds(20));
            assertThat(feedback.forKey(matchId).stream().filter(r -> DISMISSED.equals(TopicReader.header(r, "ce_type")))).hasSize(1);
        }
        assertThat(inboxIds(seeker)).doesNotContain("\"" + matchId + "\"");
    }

    @Test
    void applyingPublishesAValidAppliedEvent() {
        String seeker = Events.id();
        String matchId = matchInInbox(seeker, "fb-a");
        try (TopicReader feedback = TopicReader.of("doorstep.feedback.v1")) {
            client().post().uri("/api/v1/me/matches/{id}/apply", matchId)
                    .headers(h -> h.setBearerAuth(Tokens.seeker(seeker)))
                    .exchange().expectStatus().isAccepted()
                    .expectBody().jsonPath("$.feedback").isEqualTo("APPLIED");
            ConsumerRecord<String, byte[]> record = feedback.await(r -> matchId.equals(r.key()), Duration.ofSeconds(20));
            assertThat(TopicReader.header(record, "ce_type")).isEqualTo(APPLIED);
            assertThat(EventContract.violations(APPLIED, TopicReader.value(record))).isEmpty();
        }
        assertThat(inboxIds(seeker)).contains("\"APPLIED\"");
    }

    /** A path id is printable ASCII: a bidi control or a page of text is a 400 naming it, never echoed in a 404. */
    @Test
    void namesAMatchIdThatCannotBeOne() {
        String seeker = Events.id();
        for (String bad : new String[] {"%E2%80%AE", "x".repeat(201)}) {
            client().post().uri(java.net.URI.create("http://localhost:" + port + "/api/v1/me/matches/" + bad + "/dismiss"))
                    .headers(h -> h.setBearerAuth(Tokens.seeker(seeker)))
                    .exchange().expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("matchId");
        }
    }

    /**
     * Erasure: the seeker's feedback records are keyed by their matches on a compacted topic, so a tombstone of each
     * match (null value, no headers) has compaction remove them; the feedback documents go once it is published.
     */
    @Test
    void erasureTombstonesEveryMatchTheSeekerGaveFeedbackOnAndKeepsNothingOfIt() {
        String seeker = Events.id();
        String dismissed = matchInInbox(seeker, "fb-erase-d");
        String applied = matchInInbox(seeker, "fb-erase-a");
        try (TopicReader feedback = TopicReader.of("doorstep.feedback.v1")) {
            client().post().uri("/api/v1/me/matches/{id}/dismiss", dismissed)
                    .headers(h -> h.setBearerAuth(Tokens.seeker(seeker))).exchange().expectStatus().isAccepted();
            client().post().uri("/api/v1/me/matches/{id}/apply", applied)
                    .headers(h -> h.setBearerAuth(Tokens.seeker(seeker))).exchange().expectStatus().isAccepted();
            feedback.await(r -> dismissed.equals(r.key()) && r.value() != null, Duration.ofSeconds(20));
            feedback.await(r -> applied.equals(r.key()) && r.value() != null, Duration.ofSeconds(20));

            Seekers.erased(seeker);

            for (String matchId : new String[] {dismissed, applied}) {
                ConsumerRecord<String, byte[]> tombstone = feedback.await(r -> matchId.equals(r.key()) && r.value() == null,
                        Duration.ofSeconds(20));
                assertThat(tombstone.headers().toArray()).as("the tombstone of %s", matchId).isEmpty();
                assertThat(feedback.forKey(matchId).getLast().value()).as("the last record of %s", matchId).isNull();
            }
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(mongo.find(
                Query.query(Criteria.where("_id").in(dismissed, applied)), Document.class, "feedback")
                .collectList().block()).isEmpty());
        assertThat(mongo.count(Query.query(Criteria.where("seekerId").is(seeker)), "feedback").block()).isZero();
    }

    @Test
    void aSeekerCannotGiveFeedbackOnAnotherSeekersMatch() {
        String owner = Events.id();
        String intruder = Events.id();
        String matchId = matchInInbox(owner, "fb-other");
        client().post().uri("/api/v1/me/matches/{id}/dismiss", matchId)
                .headers(h -> h.setBearerAuth(Tokens.seeker(intruder)))
                .exchange().expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/not-found");
        assertThat(inboxIds(owner)).contains(matchId).doesNotContain("DISMISSED");
    }
}
