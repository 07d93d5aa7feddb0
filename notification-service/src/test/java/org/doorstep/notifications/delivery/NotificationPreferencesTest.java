package org.doorstep.notifications.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.doorstep.notifications.Events;
import org.doorstep.notifications.NotificationServiceTest;
import org.doorstep.notifications.Seekers;
import org.doorstep.notifications.SseClient;
import org.doorstep.notifications.TestClock;
import org.doorstep.notifications.Tokens;
import org.doorstep.notifications.preferences.PreferencesStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Quiet hours, daily cap, digest, minScore, erasure and expiry, with the service's clock moved by the test. */
@NotificationServiceTest
class NotificationPreferencesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String FOUND = "org.doorstep.match.found.v1";

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    PreferencesStore preferences;

    @Autowired
    ReactiveMongoTemplate mongo;

    @AfterEach
    void realTimeAgain() {
        clock.release();
    }

    private static Instant shanghai(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(SHANGHAI).toInstant();
    }

    private void awaitPreferences(String seeker, long version) {
        await().atMost(Duration.ofSeconds(20)).until(() -> preferences.find(seeker).block().version() == version);
    }

    private void found(String seeker, String posting, double score) {
        Events.send(Events.MATCHES, seeker, FOUND, "s", Events.matchFound(seeker, posting, "p", score));
    }

    private List<String> inbox(String seeker) {
        byte[] body = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(10)).build()
                .get().uri("/api/v1/me/matches?limit=100").headers(h -> h.setBearerAuth(Tokens.seeker(seeker)))
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return Events.JSON.readTree(body).get("items").valueStream().map(i -> i.get("matchId").asString()).toList();
    }

    @Test
    void quietHoursHoldLivePushesUntilTheyEndWhileTheInboxGetsThemAtOnce() {
        String seeker = Events.id();
        LocalDate today = LocalDate.now(SHANGHAI);
        clock.pin(shanghai(today, 23, 0));
        Seekers.preferences(seeker, 1, p -> p.putObject("quietHours")
                .put("start", "22:00").put("end", "07:00").put("zone", "Asia/Shanghai"));
        awaitPreferences(seeker, 1);
        try (SseClient device = SseClient.connect(port, Tokens.seeker(seeker))) {
            found(seeker, "night", 0.8);
            await().atMost(Duration.ofSeconds(20)).until(() -> inbox(seeker).contains("m-night-" + seeker));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> device.events().isEmpty());

            clock.pin(shanghai(today.plusDays(1), 7, 1));
            await().atMost(Duration.ofSeconds(20)).until(() -> device.events().size() == 1);
            assertThat(device.matchIdsOf("match.found")).containsExactly("m-night-" + seeker);
        }
    }

    @Test
    void theDailyCapLimitsLivePushesAndTheRestArriveInTheDigestAtTheChosenTime() {
        String seeker = Events.id();
        LocalDate today = LocalDate.now(SHANGHAI);
        clock.pin(shanghai(today, 10, 0));
        Seekers.preferences(seeker, 1, p -> {
            p.put("maxPerDay", 2);
            p.putObject("digest").put("mode", "DAILY").put("at", "18:00").put("zone", "Asia/Shanghai");
        });
        awaitPreferences(seeker, 1);
        try (SseClient device = SseClient.connect(port, Tokens.seeker(seeker))) {
            for (int i = 1; i <= 4; i++) {
                found(seeker, "cap-" + i, 0.8);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> inbox(seeker).size() == 4);
            await().atMost(Duration.ofSeconds(20)).until(() -> device.events().size() == 2);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> device.events().size() == 2);
            assertThat(device.matchIdsOf("match.found")).containsExactly("m-cap-1-" + seeker, "m-cap-2-" + seeker);

            clock.pin(shanghai(today, 18, 1));
            await().atMost(Duration.ofSeconds(20)).until(() -> device.events().size() == 3);
            var digest = device.events().get(2);
            assertThat(digest.event()).isEqualTo("digest");
            JsonNode data = Events.JSON.readTree(digest.data());
            assertThat(data.get("count").asInt()).isEqualTo(2);
            assertThat(data.get("matches").valueStream().map(m -> m.get("matchId").asString()).toList())
                    .containsExactly("m-cap-3-" + seeker, "m-cap-4-" + seeker);
            // one digest per day: the next runs of the job send nothing more
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> device.events().size() == 3);
        }
    }

    @Test
    void matchesBelowTheSeekersMinimumScoreAreNotPushedButStayInTheInbox() {
        String seeker = Events.id();
        Seekers.preferences(seeker, 1, p -> p.put("minScore", 0.5));
        awaitPreferences(seeker, 1);
        try (SseClient device = SseClient.connect(port, Tokens.seeker(seeker))) {
            found(seeker, "weak", 0.3);
            found(seeker, "strong", 0.9);
            await().atMost(Duration.ofSeconds(20)).until(() -> device.events().size() == 1);
            assertThat(device.matchIdsOf("match.found")).containsExactly("m-strong-" + seeker);
            assertThat(inbox(seeker)).containsExactlyInAnyOrder("m-weak-" + seeker, "m-strong-" + seeker);
        }
    }

    @Test
    void anErasedSeekersInboxAndPreferencesArePurged() {
        String seeker = Events.id();
        Seekers.preferences(seeker, 3, p -> p.put("shareWithPartners", true));
        awaitPreferences(seeker, 3);
        found(seeker, "erase-1", 0.8);
        found(seeker, "erase-2", 0.8);
        await().atMost(Duration.ofSeconds(20)).until(() -> inbox(seeker).size() == 2);
        Seekers.erased(seeker);
        // read the store, not the API: once erased, the seeker's token is refused
        await().atMost(Duration.ofSeconds(20)).until(() -> mongo.count(Query.query(Criteria.where("_id")
                        .in("m-erase-1-" + seeker, "m-erase-2-" + seeker)), "inbox").block() == 0
                && preferences.find(seeker).block().isErased());
        var left = preferences.find(seeker).block();
        assertThat(left.shareWithPartners()).isFalse();
        assertThat(left.pushToken()).isNull();
        // a match arriving late for the erased seeker is dropped, later preferences are ignored, and the seeker's
        // token opens neither the stream nor the inbox any more
        found(seeker, "erase-late", 0.8);
        Seekers.preferences(seeker, 4, p -> p.put("shareWithPartners", true));
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(10)).build();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).untilAsserted(() -> client.get()
                .uri("/api/v1/me/matches/stream").headers(h -> h.setBearerAuth(Tokens.seeker(seeker)))
                .exchange().expectStatus().isUnauthorized());
        client.get().uri("/api/v1/me/matches").headers(h -> h.setBearerAuth(Tokens.seeker(seeker)))
                .exchange().expectStatus().isUnauthorized();
        assertThat(mongo.count(Query.query(Criteria.where("_id").is("m-erase-late-" + seeker)), "inbox").block())
                .isZero();
        assertThat(preferences.find(seeker).block().isErased()).isTrue();
    }

    @Test
    void olderPreferencesDoNotOverwriteNewerOnes() {
        String seeker = Events.id();
        Seekers.preferences(seeker, 5, p -> p.put("minScore", 0.7));
        awaitPreferences(seeker, 5);
        Seekers.preferences(seeker, 4, p -> p.put("minScore", 0.1));
        Seekers.preferences(seeker, 6, p -> p.put("minScore", 0.6));
        awaitPreferences(seeker, 6);
        assertThat(preferences.find(seeker).block().minScore()).isEqualTo(0.6);
    }

    @Test
    void itemsExpireAfterTheConfiguredTime() {
        String seeker = Events.id();
        found(seeker, "old", 0.8);
        await().atMost(Duration.ofSeconds(20)).until(() -> inbox(seeker).size() == 1);
        clock.pin(Instant.now().plus(Duration.ofDays(31)));
        assertThat(inbox(seeker)).isEmpty();
        // removed for good by the expiry job, not just hidden
        await().atMost(Duration.ofSeconds(20)).until(() -> mongo.count(
                Query.query(Criteria.where("_id").is("m-old-" + seeker)), "inbox").block() == 0);
        clock.release();
        assertThat(inbox(seeker)).isEmpty();
    }
}
