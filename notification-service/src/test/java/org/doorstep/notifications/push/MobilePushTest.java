package org.doorstep.notifications.push;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.doorstep.notifications.Events;
import org.doorstep.notifications.NotificationServiceTest;
import org.doorstep.notifications.Receiver;
import org.doorstep.notifications.Seekers;
import org.doorstep.notifications.TestFcm;
import org.doorstep.notifications.preferences.PreferencesStore;
import org.doorstep.notifications.push.fcm.FcmPushSender;
import org.doorstep.notifications.push.fcm.FcmProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The FCM HTTP v1 adapter against a local HTTP receiver, alone and behind the match flow. */
@NotificationServiceTest
class MobilePushTest {

    @Autowired
    PreferencesStore preferences;

    private static List<JsonNode> pushesTo(String token) {
        return TestFcm.RECEIVER.requests().stream().map(r -> Events.JSON.readTree(r.body()).get("message"))
                .filter(m -> token.equals(m.get("token").asString())).toList();
    }

    @Test
    void sendsAnFcmV1MessageWithBearerTokenCollapseKeyAndTtl() {
        try (Receiver fcm = new Receiver()) {
            FcmPushSender sender = new FcmPushSender(WebClient.builder(),
                    new FcmProperties(true, "http://127.0.0.1:" + fcm.port(), "proj-1", "access-1", Duration.ofHours(1)));
            sender.send(new PushMessage("device-1", "New job match", "Java developer", Map.of("matchId", "m1"),
                    "match-m1", Duration.ofMinutes(30))).block(Duration.ofSeconds(10));
            Receiver.Request request = fcm.requests().get(0);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/v1/projects/proj-1/messages:send");
            assertThat(request.header("Authorization")).isEqualTo("Bearer access-1");
            JsonNode message = Events.JSON.readTree(request.body()).get("message");
            assertThat(message.get("token").asString()).isEqualTo("device-1");
            assertThat(message.get("notification").get("body").asString()).isEqualTo("Java developer");
            assertThat(message.get("data").get("matchId").asString()).isEqualTo("m1");
            assertThat(message.get("android").get("collapse_key").asString()).isEqualTo("match-m1");
            assertThat(message.get("android").get("ttl").asString()).isEqualTo("1800s");
            assertThat(message.get("apns").get("headers").get("apns-collapse-id").asString()).isEqualTo("match-m1");
        }
    }

    @Test
    void namesTheTextsByTheAppsLocalisationKeysSoTheDeviceShowsThemInItsLanguage() {
        try (Receiver fcm = new Receiver()) {
            FcmPushSender sender = new FcmPushSender(WebClient.builder(),
                    new FcmProperties(true, "http://127.0.0.1:" + fcm.port(), "proj-1", "access-1", Duration.ofHours(1)));
            sender.send(new PushMessage("device-1", "Your daily job matches", "3 new matches", Map.of(), "digest",
                    Duration.ofMinutes(30), new PushMessage.Texts("doorstep_push_digest_title", "doorstep_push_digest_body",
                    List.of("3")))).block(Duration.ofSeconds(10));
            JsonNode message = Events.JSON.readTree(fcm.requests().get(0).body()).get("message");
            JsonNode android = message.get("android").get("notification");
            JsonNode alert = message.get("apns").get("payload").get("aps").get("alert");

            assertThat(message.get("notification").get("title").asString()).isEqualTo("Your daily job matches");
            assertThat(android.get("title_loc_key").asString()).isEqualTo("doorstep_push_digest_title");
            assertThat(android.get("body_loc_key").asString()).isEqualTo("doorstep_push_digest_body");
            assertThat(android.get("body_loc_args").toString()).isEqualTo("[\"3\"]");
            assertThat(alert.get("title-loc-key").asString()).isEqualTo("doorstep_push_digest_title");
            assertThat(alert.get("loc-key").asString()).isEqualTo("doorstep_push_digest_body");
            assertThat(alert.get("loc-args").toString()).isEqualTo("[\"3\"]");
            assertThat(alert.get("body").asString()).isEqualTo("3 new matches");
            assertThat(message.get("apns").get("headers").get("apns-collapse-id").asString()).isEqualTo("digest");
        }
    }

    @Test
    void anFcmErrorIsReportedNotSwallowed() {
        try (Receiver fcm = new Receiver()) {
            fcm.answer(401);
            FcmPushSender sender = new FcmPushSender(WebClient.builder(),
                    new FcmProperties(true, "http://127.0.0.1:" + fcm.port(), "proj-1", "expired", Duration.ofHours(1)));
            assertThatThrownBy(() -> sender.send(new PushMessage("device-1", "t", "b", Map.of(), "k", Duration.ofMinutes(1)))
                    .block(Duration.ofSeconds(10))).hasMessageContaining("401");
        }
    }

    @Test
    void aMatchIsPushedOnceToASeekerWhoChosePushEvenWhenRedelivered() {
        String seeker = Events.id();
        String token = "device-" + seeker;
        Seekers.preferences(seeker, 1, p -> {
            p.putArray("channels").add("STREAM").add("PUSH");
            p.put("pushToken", token);
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> preferences.find(seeker).block().version() == 1);
        var match = Events.matchFound(seeker, "push-1", "p", 0.8);
        Events.send(Events.MATCHES, seeker, "org.doorstep.match.found.v1", "m", match);
        Events.send(Events.MATCHES, seeker, "org.doorstep.match.found.v1", "m", match);
        Events.send(Events.MATCHES, seeker, "org.doorstep.match.found.v1", "m", Events.matchFound(seeker, "push-2", "p", 0.8));
        await().atMost(Duration.ofSeconds(20)).until(() -> pushesTo(token).size() >= 2);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> pushesTo(token).size() == 2);
        assertThat(pushesTo(token).stream().map(m -> m.get("android").get("collapse_key").asString()).toList())
                .containsExactlyInAnyOrder("match-m-push-1-" + seeker, "match-m-push-2-" + seeker);
        assertThat(pushesTo(token)).allSatisfy(push -> assertThat(
                push.get("android").get("notification").get("title_loc_key").asString()).isEqualTo("doorstep_push_match_title"));
        assertThat(TestFcm.RECEIVER.requests().get(0).header("Authorization")).isEqualTo("Bearer test-access-token");
    }

    @Test
    void seekersWithoutThePushChannelGetNoPush() {
        String seeker = Events.id();
        Seekers.preferences(seeker, 1, p -> p.put("pushToken", "device-" + seeker)); // channels STREAM, INBOX
        await().atMost(Duration.ofSeconds(20)).until(() -> preferences.find(seeker).block().version() == 1);
        Events.send(Events.MATCHES, seeker, "org.doorstep.match.found.v1", "m", Events.matchFound(seeker, "nopush", "p", 0.8));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> pushesTo("device-" + seeker).isEmpty());
    }
}
