package org.doorstep.notifications.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.doorstep.notifications.Events;
import org.doorstep.notifications.NotificationServiceTest;
import org.doorstep.notifications.Receiver;
import org.doorstep.notifications.Tokens;
import org.doorstep.notifications.preferences.PreferencesStore;
import org.doorstep.testkit.EventContract;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * An application from apply to outcome over HTTP, the embedded broker and the store: the request goes to
 * seekers-service without personal data; the packet it answers with reaches the partner's webhook signed, and the
 * partner (only that one) fetches it; the partner's outcome reaches the seeker and matching (match.outcome.v1); the
 * seeker's withdrawal reaches the partner and seekers-service, drops the packet and closes the application.
 */
@NotificationServiceTest
class ApplicationDeliveryTest {

    private static final String REQUESTS = "doorstep.application-requests.v1";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    PreferencesStore preferences;

    WebhookFixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new WebhookFixture(port, preferences);
    }

    @Test
    void anApplicationReachesThePartnerSignedItsOutcomeReachesSeekerAndMatchingAndAWithdrawalClosesIt() throws Exception {
        try (Receiver receiver = new Receiver(); Receiver other = new Receiver();
             TopicReader requests = TopicReader.of(REQUESTS); TopicReader feedback = TopicReader.of("doorstep.feedback.v1")) {
            var partner = fixture.partnerWith(receiver);
            var otherPartner = fixture.partnerWith(other);
            String seeker = fixture.consentingSeeker(false);
            String token = Tokens.seeker(seeker);
            WebhookFixture.match(seeker, "apply-1", partner.partnerId());
            String matchId = "m-apply-1-" + seeker;

            fixture.client().post().uri("/api/v1/me/matches/{id}/apply", matchId).headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"share\": [\"skills\", \"salary\"]}")
                    .exchange().expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/validation")
                    .jsonPath("$.errors[0].field").isEqualTo("share[1]");
            JsonNode applied = apply(token, matchId, "{\"shareContact\": true, \"share\": [\"skills\", \"languages\"]}");
            String applicationId = applied.get("application").get("applicationId").asString();
            assertThat(applied.get("application").get("status").asString()).isEqualTo("requested");
            assertThat(apply(token, matchId, "{}").get("application").get("applicationId").asString())
                    .as("a repeat answers the same application").isEqualTo(applicationId);

            ConsumerRecord<String, byte[]> request = requests.await(r -> applicationId.equals(r.key()), WAIT);
            assertThat(TopicReader.header(request, "ce_type")).isEqualTo("org.doorstep.application.requested.v1");
            assertThat(EventContract.violations("org.doorstep.application.requested.v1", TopicReader.value(request))).isEmpty();
            JsonNode asked = Events.JSON.readTree(TopicReader.value(request));
            assertThat(asked.get("shareContact").asBoolean()).isTrue();
            assertThat(asked.get("contactConsentAt").isNull()).isFalse();
            assertThat(asked.get("partnerId").asString()).isEqualTo(partner.partnerId());

            // seekers-service's answer
            String packet = """
                    {"applicationId": "%s", "matchId": "%s", "seekerId": "%s", "postingId": "apply-1", "partnerId": "%s",
                     "submittedAt": "%s", "profile": {"skills": [{"label": "Java", "escoUri": null, "level": "BASIC"}],
                     "experienceYears": null, "education": null, "languages": ["zh"]},
                     "candidate": {"displayName": "Li Wei", "contact": {"email": "li.wei@example.cn", "phone": null},
                     "consentAt": "%s"}}""".formatted(applicationId, matchId, seeker, partner.partnerId(), Instant.now(),
                    Instant.now());
            assertThat(EventContract.violations("org.doorstep.application.submitted.v1", packet)).isEmpty();
            ProducerRecord<String, byte[]> record = new ProducerRecord<>("doorstep.applications.v1", applicationId,
                    packet.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_type", "org.doorstep.application.submitted.v1".getBytes(StandardCharsets.UTF_8));
            Events.send(record);

            String submitted = "submitted:" + applicationId;
            await().atMost(WAIT).until(() -> WebhookFixture.acceptedEventIds(receiver).contains(submitted));
            Receiver.Request delivery = receiver.accepted().stream()
                    .filter(r -> r.body().contains(submitted)).findFirst().orElseThrow();
            assertThat(verifies(partner.secret(), delivery)).as("signed with the partner's secret").isTrue();
            JsonNode event = event(receiver, submitted);
            assertThat(event.get("type").asString()).isEqualTo("application.submitted");
            assertThat(event.get("data").get("candidate").get("displayName").asString()).isEqualTo("Li Wei");

            JsonNode fetched = fixture.get("/api/v1/partner/applications/" + applicationId, partner.key());
            assertThat(fetched.get("packet").get("candidate").get("contact").get("email").asString()).isEqualTo("li.wei@example.cn");
            assertThat(fetched.get("status").asString()).isEqualTo("submitted");
            fixture.client().get().uri("/api/v1/partner/applications/" + applicationId)
                    .headers(h -> h.setBearerAuth(otherPartner.key())).exchange().expectStatus().isNotFound();
            assertThat(WebhookFixture.acceptedEventIds(other)).isEmpty();

            fixture.client().post().uri("/api/v1/partner/applications/{id}/outcome", applicationId)
                    .headers(h -> h.setBearerAuth(partner.key())).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"outcome\": \"promoted\"}").exchange().expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("outcome");
            fixture.client().post().uri("/api/v1/partner/applications/{id}/outcome", applicationId)
                    .headers(h -> h.setBearerAuth(partner.key())).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"outcome\": \"interview\"}").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("interview");
            ConsumerRecord<String, byte[]> outcome = feedback.await(r -> matchId.equals(r.key())
                    && "org.doorstep.match.outcome.v1".equals(TopicReader.header(r, "ce_type")), WAIT);
            assertThat(EventContract.violations("org.doorstep.match.outcome.v1", TopicReader.value(outcome))).isEmpty();
            assertThat(TopicReader.value(outcome)).contains("\"INTERVIEW\"").doesNotContain("Li Wei", "li.wei");
            JsonNode mine = fixture.get("/api/v1/me/applications", token);
            assertThat(mine.get("items").valueStream().map(a -> a.get("status").asString()).toList()).containsExactly("interview");

            // an outcome never goes back, and the seeker cannot dismiss what they applied to
            fixture.client().post().uri("/api/v1/partner/applications/{id}/outcome", applicationId)
                    .headers(h -> h.setBearerAuth(partner.key())).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("outcome", "viewed")).exchange().expectStatus().isEqualTo(409)
                    .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/application-closed");
            fixture.client().post().uri("/api/v1/me/matches/{id}/dismiss", matchId).headers(h -> h.setBearerAuth(token))
                    .exchange().expectStatus().isEqualTo(409)
                    .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/match-applied");

            fixture.client().delete().uri("/api/v1/me/applications/{id}", applicationId).headers(h -> h.setBearerAuth(token))
                    .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("withdrawn");
            // withdrawn, the match may be dismissed; dismissed, it cannot be applied to again
            fixture.client().post().uri("/api/v1/me/matches/{id}/dismiss", matchId).headers(h -> h.setBearerAuth(token))
                    .exchange().expectStatus().isAccepted();
            fixture.client().post().uri("/api/v1/me/matches/{id}/apply", matchId).headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"shareContact\": false}")
                    .exchange().expectStatus().isEqualTo(409)
                    .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/match-dismissed");
            String withdrawn = "withdrawn:" + applicationId;
            await().atMost(WAIT).until(() -> WebhookFixture.acceptedEventIds(receiver).contains(withdrawn));
            assertThat(event(receiver, withdrawn).get("data").get("reason").asString()).isEqualTo("SEEKER");
            requests.await(r -> applicationId.equals(r.key())
                    && "org.doorstep.application.withdrawn.v1".equals(TopicReader.header(r, "ce_type")), WAIT);
            assertThat(fixture.get("/api/v1/partner/applications/" + applicationId, partner.key()).get("packet").isNull())
                    .as("the packet is dropped").isTrue();
            fixture.client().post().uri("/api/v1/partner/applications/{id}/outcome", applicationId)
                    .headers(h -> h.setBearerAuth(partner.key())).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("outcome", "hired")).exchange().expectStatus().isEqualTo(409)
                    .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/application-closed");
            assertThat(List.of(fixture.get("/api/v1/me/applications/" + applicationId, token).get("history").valueStream()
                    .map(s -> s.get("status").asString()).toArray()))
                    .containsExactly("requested", "submitted", "interview", "withdrawn");
        }
    }

    /** An application stayed "submitted" for ever when the partner closed the posting; now it says when it closed. */
    @Test
    void anApplicationSaysWhenItsPostingClosedAndItsMatchFoundAgainStillCountsAsAppliedTo() {
        try (Receiver receiver = new Receiver()) {
            var partner = fixture.partnerWith(receiver);
            String seeker = fixture.consentingSeeker(false);
            String token = Tokens.seeker(seeker);
            WebhookFixture.match(seeker, "closing-1", partner.partnerId());
            String matchId = "m-closing-1-" + seeker;
            String applicationId = apply(token, matchId, "{}").get("application").get("applicationId").asString();
            assertThat(fixture.get("/api/v1/me/applications/" + applicationId, token).get("postingClosedAt").isNull()).isTrue();

            var closed = Events.matchWithdrawn(seeker, "closing-1", partner.partnerId());
            closed.put("reason", "POSTING_CLOSED");
            closed.put("withdrawnAt", "2026-12-05T08:00:00Z");
            Events.send(Events.MATCHES, seeker, "org.doorstep.match.withdrawn.v1", matchId, closed);
            await().atMost(WAIT).until(() -> !fixture.get("/api/v1/me/applications/" + applicationId, token)
                    .get("postingClosedAt").isNull());
            assertThat(fixture.get("/api/v1/me/applications", token).get("items").get(0).get("postingClosedAt").asString())
                    .isEqualTo("2026-12-05T08:00:00Z");
            assertThat(fixture.get("/api/v1/me/applications/" + applicationId, token).get("status").asString())
                    .as("the partner may still answer it").isEqualTo("requested");

            // the partner reopens the posting and matching finds the pair again
            var again = Events.matchFound(seeker, "closing-1", partner.partnerId(), 0.8);
            again.put("revision", 2);
            Events.send(Events.MATCHES, seeker, "org.doorstep.match.found.v1", matchId, again);
            await().atMost(WAIT).until(() -> fixture.get("/api/v1/me/applications/" + applicationId, token)
                    .get("postingClosedAt").isNull());
            assertThat(fixture.get("/api/v1/me/applications", token).get("items").get(0).get("postingClosedAt").isNull())
                    .isTrue();

            // found again, the match is a new inbox item; the application still marks it, and it cannot be dismissed
            JsonNode inbox = fixture.get("/api/v1/me/matches", token);
            assertThat(inbox.get("items").valueStream().filter(i -> matchId.equals(i.get("matchId").asString()))
                    .map(i -> i.get("feedback").asString()).toList()).containsExactly("APPLIED");
            fixture.client().post().uri("/api/v1/me/matches/{id}/dismiss", matchId).headers(h -> h.setBearerAuth(token))
                    .exchange().expectStatus().isEqualTo(409)
                    .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/match-applied");

            // the match withdrawn for another reason (the seeker moved away): the posting is still open
            var moved = Events.matchWithdrawn(seeker, "closing-1", partner.partnerId());
            moved.put("reason", "PROFILE_CHANGED");
            Events.send(Events.MATCHES, seeker, "org.doorstep.match.withdrawn.v1", matchId, moved);
            await().atMost(WAIT).until(() -> fixture.get("/api/v1/me/matches", token).get("items").valueStream()
                    .noneMatch(i -> matchId.equals(i.get("matchId").asString())));
            assertThat(fixture.get("/api/v1/me/applications/" + applicationId, token).get("postingClosedAt").isNull())
                    .as("exploratory testing saw the old closing time come back").isTrue();
        }
    }

    /** A partner without a webhook could not find its applications at all (GET /api/v1/partner/applications was 404). */
    @Test
    void aPartnerPagesThroughItsOwnApplicationsNewestFirstAndSeesNoOtherPartnersApplications() {
        try (Receiver receiver = new Receiver(); Receiver other = new Receiver()) {
            var partner = fixture.partnerWith(receiver);
            var otherPartner = fixture.partnerWith(other);
            List<String> applied = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String seeker = fixture.consentingSeeker(false);
                WebhookFixture.match(seeker, "listed-" + i, partner.partnerId());
                applied.add(apply(Tokens.seeker(seeker), "m-listed-" + i + "-" + seeker, "{}")
                        .get("application").get("applicationId").asString());
            }
            String elsewhere = fixture.consentingSeeker(false);
            WebhookFixture.match(elsewhere, "listed-other", otherPartner.partnerId());
            apply(Tokens.seeker(elsewhere), "m-listed-other-" + elsewhere, "{}");

            JsonNode first = fixture.get("/api/v1/partner/applications?limit=2", partner.key());
            List<String> listed = new java.util.ArrayList<>(first.get("items").valueStream()
                    .map(a -> a.get("applicationId").asString()).toList());
            assertThat(first.get("items").get(0).get("status").asString()).isEqualTo("requested");
            JsonNode second = fixture.get("/api/v1/partner/applications?limit=2&cursor="
                    + first.get("nextCursor").asString(), partner.key());
            second.get("items").valueStream().forEach(a -> listed.add(a.get("applicationId").asString()));
            assertThat(second.get("nextCursor").isNull()).isTrue();
            assertThat(listed).containsExactlyElementsOf(applied.reversed());

            fixture.client().get().uri("/api/v1/partner/applications?cursor={c}", applied.getFirst())
                    .headers(h -> h.setBearerAuth(otherPartner.key())).exchange().expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("cursor");
            fixture.client().get().uri("/api/v1/partner/applications?limit=0")
                    .headers(h -> h.setBearerAuth(partner.key())).exchange().expectStatus().isBadRequest();
            assertThat(fixture.get("/api/v1/partner/applications", otherPartner.key()).get("items").size()).isEqualTo(1);
        }
    }

    private JsonNode apply(String token, String matchId, String body) {
        byte[][] answer = new byte[1][];
        await().atMost(WAIT).until(() -> {
            var result = fixture.client().post().uri("/api/v1/me/matches/{id}/apply", matchId)
                    .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange().returnResult(byte[].class);
            answer[0] = result.getResponseBodyContent();
            return result.getStatus().value() == 202;
        });
        return Events.JSON.readTree(new String(answer[0], StandardCharsets.UTF_8));
    }

    private static JsonNode event(Receiver receiver, String id) {
        return receiver.accepted().stream().map(r -> Events.JSON.readTree(r.body()).get("events"))
                .flatMap(JsonNode::valueStream).filter(e -> id.equals(e.get("id").asString())).findFirst().orElseThrow();
    }

    /** What a partner does with only the signing secret. */
    private static boolean verifies(String secret, Receiver.Request request) throws Exception {
        String timestamp = request.header("Doorstep-Timestamp");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "v1=" + HexFormat.of().formatHex(
                mac.doFinal((timestamp + "." + request.body()).getBytes(StandardCharsets.UTF_8)));
        return expected.equals(request.header("Doorstep-Signature"));
    }
}
