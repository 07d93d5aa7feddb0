package org.doorstep.notifications.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.bson.Document;
import org.doorstep.notifications.NotificationServiceTest;
import org.doorstep.notifications.Receiver;
import org.doorstep.notifications.TestClock;
import org.doorstep.notifications.preferences.PreferencesStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/**
 * A partner's endpoint answers 503 for an hour of the service's clock while matches keep coming (one every five
 * minutes), then answers 200 again. The documented policy (README "Partner webhooks"): a batch is retried with
 * back-off; one that uses up its tries while the circuit is still closed becomes a dead letter with the reason;
 * once the endpoint's circuit is open, batches wait (postponed, never dead) and are sent when it closes. So: during
 * the outage nothing is accepted, the partner's delivery log shows the failed tries (503) and the postponements,
 * the dead letters say 503, and no event is lost (each is dead or waiting, a later one behind an earlier one, never
 * overtaking it); after it every waiting event arrives once, in the order the matches were made, signed with the partner's secret at the service's clock, and the dead
 * letters arrive once after a replay.
 */
@NotificationServiceTest
class PartnerOutageTest {

    private static final Duration OUTAGE = Duration.ofHours(1);
    private static final Duration BETWEEN_MATCHES = Duration.ofMinutes(5);

    @LocalServerPort
    int port;

    @Autowired
    PreferencesStore preferences;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    TestClock clock;

    WebhookFixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new WebhookFixture(port, preferences);
        clock.pin(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    @AfterEach
    void releaseClock() {
        clock.release();
    }

    @Test
    void anHourOfFiveHundredThreesLosesNothingAndRecoveryDeliversEachEventOnceInOrder() throws Exception {
        try (Receiver receiver = new Receiver()) {
            var partner = fixture.partnerWith(receiver);
            String seeker = fixture.consentingSeeker(true);
            receiver.answer(503);
            Instant start = clock.instant();
            List<String> sent = new ArrayList<>();
            for (Duration down = Duration.ZERO; down.compareTo(OUTAGE) <= 0; down = down.plus(BETWEEN_MATCHES)) {
                String event = WebhookFixture.match(seeker, "outage-" + sent.size(), partner.partnerId());
                sent.add(event);
                // this match has been tried, or put off behind the open circuit, before the clock moves on
                await().atMost(Duration.ofSeconds(20)).until(() -> settled(partner.partnerId(), event));
                clock.advance(BETWEEN_MATCHES);
            }
            assertThat(clock.instant()).isAfter(start.plus(OUTAGE));

            // during the outage: nothing accepted, nothing lost, and the partner can see why
            assertThat(receiver.accepted()).isEmpty();
            // the tries the last step started come to an end: each event is then dead or waiting, and stays so (a dead
            // letter does not hold the line, so the next event may be tried right after one dies: one look is not enough)
            java.util.concurrent.atomic.AtomicReference<Map<String, String>> seen = new java.util.concurrent.atomic.AtomicReference<>(Map.of());
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).during(Duration.ofSeconds(1)).until(() -> {
                Map<String, String> now = states(partner.partnerId());
                return now.equals(seen.getAndSet(now)) && !now.containsValue("IN_FLIGHT");
            });
            Map<String, String> states = seen.get();
            assertThat(states.keySet()).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(states.values()).containsOnly("PENDING", "DEAD").contains("PENDING");
            List<String> dead = states.entrySet().stream().filter(e -> e.getValue().equals("DEAD")).map(Map.Entry::getKey).toList();
            JsonNode deadLetters = fixture.get("/api/v1/partner/webhook/dead-letters?limit=100", partner.key()).get("items");
            assertThat(deadLetters.valueStream().map(d -> d.get("eventId").asString()).toList())
                    .containsExactlyInAnyOrderElementsOf(dead);
            assertThat(deadLetters.valueStream().map(d -> d.get("lastError").asString())).allMatch(e -> e.contains("503"));
            JsonNode log = fixture.get("/api/v1/partner/webhook/deliveries?limit=100", partner.key()).get("items");
            Set<String> outcomes = log.valueStream().map(a -> a.get("outcome").asString() + ":"
                    + (a.get("status").isNull() ? a.get("error").asString() : a.get("status").asInt()))
                    .collect(Collectors.toSet());
            assertThat(outcomes).containsExactlyInAnyOrder("FAILED:503", "POSTPONED:circuit open");
            assertThat(fixture.get("/api/v1/partner/webhook", partner.key()).get("circuit").asString()).isNotEqualTo("CLOSED");

            // the endpoint is back: every waiting event once, in the order of the matches, signed at the service's clock
            receiver.answer(200);
            Instant back = clock.instant();
            List<String> waiting = sent.stream().filter(id -> !dead.contains(id)).toList();
            // the clock goes on (a second per look), so that what was put off behind the open circuit falls due
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                clock.advance(Duration.ofSeconds(1));
                return WebhookFixture.acceptedEventIds(receiver).containsAll(waiting);
            });
            assertThat(WebhookFixture.acceptedEventIds(receiver)).containsExactlyElementsOf(waiting);
            for (Receiver.Request request : receiver.accepted()) {
                assertThat(signedBy(partner.secret(), request)).as("signature verifies with the partner's secret").isTrue();
                assertThat(Instant.ofEpochSecond(Long.parseLong(request.header("Doorstep-Timestamp"))))
                        .as("signed at the service's clock, after the outage").isBetween(back, clock.instant());
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> "CLOSED".equals(
                    fixture.get("/api/v1/partner/webhook", partner.key()).get("circuit").asString()));

            // the dead letters, replayed by the partner, arrive once too
            fixture.client().post().uri("/api/v1/partner/webhook/dead-letters/replay").headers(h -> h.setBearerAuth(partner.key()))
                    .exchange().expectStatus().isOk();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                clock.advance(Duration.ofSeconds(1));
                return WebhookFixture.acceptedEventIds(receiver).size() >= sent.size();
            });
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> WebhookFixture.acceptedEventIds(receiver).size() == sent.size());
            Map<String, Long> deliveries = WebhookFixture.acceptedEventIds(receiver).stream()
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(deliveries).containsOnlyKeys(sent).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
            assertThat(states(partner.partnerId()).values()).containsOnly("DELIVERED");
            assertThat(fixture.get("/api/v1/partner/webhook/dead-letters", partner.key()).get("items").size()).isZero();
        }
    }

    /**
     * The event was tried and failed (dead or postponed), or waits behind an earlier event of the partner that is
     * postponed (events go out in the order they were made): it is not waiting for its first try any more.
     */
    private boolean settled(String partnerId, String eventId) {
        List<Document> events = mongo.find(Query.query(Criteria.where("partnerId").is(partnerId)), Document.class,
                "webhook_events").collectList().block();
        Document event = events.stream().filter(e -> eventId.equals(e.getString("eventId"))).findFirst().orElse(null);
        if (event == null) {
            return false;
        }
        return "DEAD".equals(event.getString("state")) || "PENDING".equals(event.getString("state"))
                && events.stream().anyMatch(e -> !e.getDate("createdAt").after(event.getDate("createdAt"))
                        && "PENDING".equals(e.getString("state")) && e.getDate("dueAt").toInstant().isAfter(clock.instant()));
    }

    private Map<String, String> states(String partnerId) {
        return mongo.find(Query.query(Criteria.where("partnerId").is(partnerId)), Document.class, "webhook_events")
                .collectMap(d -> d.getString("eventId"), d -> d.getString("state")).block();
    }

    private static boolean signedBy(String secret, Receiver.Request request) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "v1=" + HexFormat.of().formatHex(
                mac.doFinal((request.header("Doorstep-Timestamp") + "." + request.body()).getBytes(StandardCharsets.UTF_8)));
        return expected.equals(request.header("Doorstep-Signature"));
    }
}
