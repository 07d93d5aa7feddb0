package org.doorstep.notifications.inbox;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.doorstep.notifications.Events;
import org.doorstep.notifications.NotificationServiceTest;
import org.doorstep.notifications.SseClient;
import org.doorstep.notifications.Tokens;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@NotificationServiceTest
class InboxTest {

    private static final String FOUND = "org.doorstep.match.found.v1";
    private static final String WITHDRAWN = "org.doorstep.match.withdrawn.v1";

    @LocalServerPort
    int port;

    @Autowired
    ReactiveMongoTemplate mongo;

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(10)).build();
    }

    private JsonNode inbox(String seeker, String cursor, int limit) {
        byte[] body = client().get().uri(uri -> uri.path("/api/v1/me/matches").queryParam("limit", limit)
                        .queryParamIfPresent("cursor", java.util.Optional.ofNullable(cursor)).build())
                .headers(h -> h.setBearerAuth(Tokens.seeker(seeker)))
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return Events.JSON.readTree(body);
    }

    private List<String> inboxMatchIds(String seeker) {
        JsonNode page = inbox(seeker, null, 100);
        return page.get("items").valueStream().map(item -> item.get("matchId").asString()).toList();
    }

    @Test
    void everyMatchFoundBecomesAnInboxItem() {
        String seeker = Events.id();
        Events.send(Events.MATCHES, seeker, FOUND, "s", Events.matchFound(seeker, "inbox-1", "partner-x", 0.7));
        await().atMost(Duration.ofSeconds(20)).until(() -> inboxMatchIds(seeker).size() == 1);
        JsonNode item = inbox(seeker, null, 10).get("items").get(0);
        assertThat(item.get("matchId").asString()).isEqualTo("m-inbox-1-" + seeker);
        assertThat(item.get("postingId").asString()).isEqualTo("inbox-1");
        assertThat(item.get("score").asDouble()).isEqualTo(0.7);
        assertThat(item.get("posting").get("externalId").asString()).isEqualTo("JOB-2026-0042");
        assertThat(item.get("reasons").get(0).get("factor").asString()).isEqualTo("skills");
        assertThat(item.get("expiresAt").asString()).isNotBlank();
    }

    @Test
    void aDeliveredMatchIsTimedFromItsRecordAndByTheStepsOfItsBatch() {
        double before = counted("doorstep_notifications_match_age_seconds_count");
        String seeker = Events.id();
        Events.send(Events.MATCHES, seeker, FOUND, "s", Events.matchFound(seeker, "timed-1", "partner-x", 0.7));
        await().atMost(Duration.ofSeconds(20)).until(() -> inboxMatchIds(seeker).size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> counted("doorstep_notifications_match_age_seconds_count") > before);
        String metrics = prometheus();
        assertThat(metrics).contains("doorstep_notifications_match_age_seconds_bucket{le=");
        for (String step : List.of("read", "feed", "inbox", "broadcast")) {
            assertThat(metrics).contains("doorstep_notifications_batch_step_seconds_count{step=\"" + step + "\"}");
        }
    }

    private String prometheus() {
        return client().mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build()
                .get().uri("/actuator/prometheus").header("Authorization", "Bearer " + Tokens.AUDITOR).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private double counted(String name) {
        return prometheus().lines().filter(line -> line.startsWith(name + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(name.length() + 1))).orElse(0.0);
    }

    @Test
    void aRedeliveredMatchFoundCreatesNoSecondItemAndNoSecondEvent() {
        String seeker = Events.id();
        var match = Events.matchFound(seeker, "dup", "partner-x", 0.7);
        String ceId = Events.id();
        try (SseClient device = SseClient.connect(port, Tokens.seeker(seeker))) {
            Events.send(Events.MATCHES, seeker, FOUND, "s", match, ceId);
            Events.send(Events.MATCHES, seeker, FOUND, "s", match, ceId);
            Events.send(Events.MATCHES, seeker, FOUND, "s", match);
            // a marker after the duplicates: once it is in, the duplicates have been processed
            Events.send(Events.MATCHES, seeker, FOUND, "s", Events.matchFound(seeker, "marker", "partner-x", 0.7));
            await().atMost(Duration.ofSeconds(20)).until(() -> device.matchIdsOf("match.found").contains("m-marker-" + seeker));
            assertThat(device.matchIdsOf("match.found")).containsExactly("m-dup-" + seeker, "m-marker-" + seeker);
        }
        assertThat(inboxMatchIds(seeker)).containsExactlyInAnyOrder("m-dup-" + seeker, "m-marker-" + seeker);
    }

    @Test
    void aWithdrawnMatchLeavesTheInbox() {
        String seeker = Events.id();
        Events.send(Events.MATCHES, seeker, FOUND, "s", Events.matchFound(seeker, "gone", "partner-x", 0.7));
        Events.send(Events.MATCHES, seeker, FOUND, "s", Events.matchFound(seeker, "stays", "partner-x", 0.7));
        await().atMost(Duration.ofSeconds(20)).until(() -> inboxMatchIds(seeker).size() == 2);
        Events.send(Events.MATCHES, seeker, WITHDRAWN, "s", Events.matchWithdrawn(seeker, "gone", "partner-x"));
        await().atMost(Duration.ofSeconds(20)).until(() -> inboxMatchIds(seeker).equals(List.of("m-stays-" + seeker)));
    }

    @Test
    void pagesTheInboxWithACursorWithoutGapsOrRepeats() {
        String seeker = Events.id();
        for (int i = 0; i < 7; i++) {
            Events.send(Events.MATCHES, seeker, FOUND, "s", Events.matchFound(seeker, "page-" + i, "partner-x", 0.7));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> inboxMatchIds(seeker).size() == 7);
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = inbox(seeker, cursor, 3);
            page.get("items").valueStream().forEach(item -> assertThat(seen.add(item.get("matchId").asString())).isTrue());
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(7);
    }

    @Test
    void aSeekerSeesOnlyTheirOwnInbox() {
        String alice = Events.id();
        String bob = Events.id();
        Events.send(Events.MATCHES, bob, FOUND, "s", Events.matchFound(bob, "bobs", "partner-x", 0.7));
        Events.send(Events.MATCHES, alice, FOUND, "s", Events.matchFound(alice, "alices", "partner-x", 0.7));
        await().atMost(Duration.ofSeconds(20)).until(() -> inboxMatchIds(alice).size() == 1 && inboxMatchIds(bob).size() == 1);
        assertThat(inboxMatchIds(alice)).containsExactly("m-alices-" + alice);
    }

    @Test
    void anUnreadableRecordIsParkedInTheDeadLetterTopicUnchanged() {
        String seeker = Events.id();
        byte[] garbage = ("{not json " + seeker).getBytes();
        try (TopicReader dlq = TopicReader.of("doorstep.matches.v1.notification-service.dlq")) {
            Events.send(Events.MATCHES, seeker, FOUND, "s", garbage);
            var parked = dlq.await(record -> seeker.equals(record.key()), Duration.ofSeconds(30));
            assertThat(TopicReader.value(parked)).isEqualTo(new String(garbage));
            assertThat(TopicReader.header(parked, "ce_type")).isEqualTo(FOUND);
        }
        // the consumer goes on after the bad record
        Events.send(Events.MATCHES, seeker, FOUND, "s", Events.matchFound(seeker, "after-bad", "partner-x", 0.7));
        await().atMost(Duration.ofSeconds(20)).until(() -> inboxMatchIds(seeker).size() == 1);
    }

    @Test
    void storesTheInboxInTheNotificationsDatabase() {
        assertThat(mongo.getMongoDatabase().block().getName()).isEqualTo("notifications");
    }

    @Test
    void tombstonesOnTheMatchesTopicAreSkipped() {
        String seeker = Events.id();
        Events.send(Events.MATCHES, seeker, null, null, null);
        Events.send(Events.MATCHES, seeker, FOUND, "s", Events.matchFound(seeker, "after-tombstone", "partner-x", 0.7));
        await().atMost(Duration.ofSeconds(20)).until(() -> inboxMatchIds(seeker).size() == 1);
    }

    @Test
    void theInboxIsProblemJson401WithoutAValidSeekerToken() {
        client().get().uri("/api/v1/me/matches").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/unauthorized");
    }
}
