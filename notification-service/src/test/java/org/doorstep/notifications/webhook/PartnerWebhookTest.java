package org.doorstep.notifications.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.doorstep.notifications.Events;
import org.doorstep.notifications.NotificationServiceTest;
import org.doorstep.notifications.Receiver;
import org.doorstep.notifications.preferences.PreferencesStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@NotificationServiceTest
class PartnerWebhookTest {

    @LocalServerPort
    int port;

    @Autowired
    PreferencesStore preferences;

    @Autowired
    org.springframework.data.mongodb.core.ReactiveMongoTemplate mongo;

    WebhookFixture fixture;

    @BeforeEach
    void fixture() {
        fixture = new WebhookFixture(port, preferences);
    }

    /** What a partner does with only the signing secret. */
    private static boolean verifies(String secret, Receiver.Request request) throws Exception {
        String timestamp = request.header("Doorstep-Timestamp");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "v1=" + java.util.HexFormat.of().formatHex(
                mac.doFinal((timestamp + "." + request.body()).getBytes(StandardCharsets.UTF_8)));
        return expected.equals(request.header("Doorstep-Signature"))
                && Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) < 300;
    }

    @Test
    void deliversSignedMatchesOfConsentingSeekersOnThePartnersOwnPostingsWithoutKeyGroupReasons() throws Exception {
        try (Receiver receiver = new Receiver(); Receiver other = new Receiver()) {
            var partner = fixture.partnerWith(receiver);
            var otherPartner = fixture.partnerWith(other);
            String consenting = fixture.consentingSeeker(true);
            String refusing = fixture.consentingSeeker(false);

            ObjectNode match = Events.matchFound(consenting, "wh-1", partner.partnerId(), 0.9);
            ((tools.jackson.databind.node.ArrayNode) match.get("reasons")).addObject().put("factor", "keyGroup").put("value", 0.1)
                    .put("detail", "open to people with disabilities");
            ((tools.jackson.databind.node.ArrayNode) match.get("reasons")).addObject().put("factor", "priority").put("value", 0.05)
                    .put("detail", "priority for people with employment difficulties");
            Events.send(Events.MATCHES, consenting, "org.doorstep.match.found.v1", "m", match);
            WebhookFixture.match(refusing, "wh-2", partner.partnerId());
            WebhookFixture.match(consenting, "wh-3", otherPartner.partnerId());
            String marker = WebhookFixture.match(consenting, "wh-4", partner.partnerId());

            await().atMost(Duration.ofSeconds(20)).until(() -> WebhookFixture.acceptedEventIds(receiver).contains(marker));
            await().atMost(Duration.ofSeconds(20)).until(() -> !WebhookFixture.acceptedEventIds(other).isEmpty());
            assertThat(WebhookFixture.acceptedEventIds(receiver))
                    .containsExactly("found:m-wh-1-" + consenting + ":1", marker);
            assertThat(WebhookFixture.acceptedEventIds(other)).containsExactly("found:m-wh-3-" + consenting + ":1");

            for (Receiver.Request request : receiver.requests()) {
                assertThat(verifies(partner.secret(), request)).as("signature verifies with the secret alone").isTrue();
                assertThat(verifies(otherPartner.secret(), request)).isFalse();
                assertThat(request.header("Content-Type")).startsWith("application/json");
                assertThat(request.header("Doorstep-Delivery")).isNotBlank();
            }
            JsonNode first = Events.JSON.readTree(receiver.accepted().get(0).body()).get("events").get(0);
            assertThat(first.get("type").asString()).isEqualTo("match.found");
            assertThat(first.get("data").get("externalId").asString()).isEqualTo("JOB-2026-0042");
            assertThat(first.get("data").get("reasons").valueStream().map(r -> r.get("factor").asString()).toList())
                    .containsExactly("skills", "distance");
            assertThat(receiver.accepted().get(0).body()).doesNotContain("disabilities", "employment difficulties");
        }
    }

    /** A partner can stop its webhook: nothing more is sent to it (there was no way to, 405). */
    @Test
    void aRemovedWebhookIsSentNothingMore() {
        try (Receiver gone = new Receiver(); Receiver other = new Receiver()) {
            var leaving = fixture.partnerWith(gone);
            var staying = fixture.partnerWith(other);
            fixture.client().delete().uri("/api/v1/partner/webhook").headers(h -> h.setBearerAuth(leaving.key()))
                    .exchange().expectStatus().isNoContent();
            fixture.client().get().uri("/api/v1/partner/webhook").headers(h -> h.setBearerAuth(leaving.key()))
                    .exchange().expectStatus().isNotFound();
            fixture.client().delete().uri("/api/v1/partner/webhook").headers(h -> h.setBearerAuth(leaving.key()))
                    .exchange().expectStatus().isNotFound();

            String seeker = fixture.consentingSeeker(true);
            WebhookFixture.match(seeker, "after-removal", leaving.partnerId());
            String barrier = WebhookFixture.match(seeker, "still-subscribed", staying.partnerId());
            // matches are delivered in order: once the later one reached the other partner, the first was decided
            await().atMost(Duration.ofSeconds(20)).until(() -> WebhookFixture.acceptedEventIds(other).contains(barrier));
            assertThat(gone.requests()).isEmpty();
        }
    }

    @Test
    void aWithdrawalReachesThePartnerAsItsOwnEventType() {
        try (Receiver receiver = new Receiver()) {
            var partner = fixture.partnerWith(receiver);
            String seeker = fixture.consentingSeeker(true);
            String found = WebhookFixture.match(seeker, "wd", partner.partnerId());
            await().atMost(Duration.ofSeconds(20)).until(() -> WebhookFixture.acceptedEventIds(receiver).contains(found));
            Events.send(Events.MATCHES, seeker, "org.doorstep.match.withdrawn.v1", "m",
                    Events.matchWithdrawn(seeker, "wd", partner.partnerId()));
            String withdrawn = "withdrawn:m-wd-" + seeker + ":2026-11-26T08:00:00Z";
            await().atMost(Duration.ofSeconds(20)).until(() -> WebhookFixture.acceptedEventIds(receiver).contains(withdrawn));
            JsonNode event = receiver.accepted().stream().map(r -> Events.JSON.readTree(r.body()).get("events"))
                    .flatMap(JsonNode::valueStream).filter(e -> withdrawn.equals(e.get("id").asString())).findFirst().orElseThrow();
            assertThat(event.get("type").asString()).isEqualTo("match.withdrawn");
            assertThat(event.get("data").get("reason").asString()).isEqualTo("POSTING_CLOSED");
            assertThat(WebhookFixture.acceptedEventIds(receiver)).containsExactly(found, withdrawn);

            // the posting reopens: the match found again is news to the partner too (its ids were taken as sent before)
            var again = Events.matchFound(seeker, "wd", partner.partnerId(), 0.8);
            again.put("revision", 2);
            Events.send(Events.MATCHES, seeker, "org.doorstep.match.found.v1", "m", again);
            String foundAgain = "found:m-wd-" + seeker + ":2";
            await().atMost(Duration.ofSeconds(20)).until(() -> WebhookFixture.acceptedEventIds(receiver).contains(foundAgain));
            assertThat(WebhookFixture.acceptedEventIds(receiver)).containsExactly(found, withdrawn, foundAgain);
        }
    }

    @Test
    void aPartnerToldAboutASeekerIsToldOfTheirErasureAndNoOtherPartnerIs() {
        try (Receiver receiver = new Receiver(); Receiver other = new Receiver()) {
            var partner = fixture.partnerWith(receiver);
            var otherPartner = fixture.partnerWith(other);
            String seeker = fixture.consentingSeeker(true);
            String bystander = fixture.consentingSeeker(true);
            String found = WebhookFixture.match(seeker, "erase", partner.partnerId());
            await().atMost(Duration.ofSeconds(20)).until(() -> WebhookFixture.acceptedEventIds(receiver).contains(found));

            org.doorstep.notifications.Seekers.erased(seeker);
            String notice = "erased:" + seeker;
            await().atMost(Duration.ofSeconds(20)).until(() -> WebhookFixture.acceptedEventIds(receiver).contains(notice));
            String marker = WebhookFixture.match(bystander, "after-erasure", otherPartner.partnerId());
            await().atMost(Duration.ofSeconds(20)).until(() -> WebhookFixture.acceptedEventIds(other).contains(marker));

            JsonNode event = receiver.accepted().stream().map(r -> Events.JSON.readTree(r.body()).get("events"))
                    .flatMap(JsonNode::valueStream).filter(e -> notice.equals(e.get("id").asString())).findFirst().orElseThrow();
            assertThat(event.get("type").asString()).isEqualTo("seeker.erased");
            assertThat(event.get("data").get("seekerId").asString()).isEqualTo(seeker);
            assertThat(event.get("data").has("erasedAt")).isTrue();
            assertThat(WebhookFixture.acceptedEventIds(receiver)).containsExactly(found, notice);
            assertThat(WebhookFixture.acceptedEventIds(other)).containsExactly(marker);
            // here, only the notice is left of the seeker (until delivered events are forgotten), and no audience
            var about = org.springframework.data.mongodb.core.query.Query.query(
                    org.springframework.data.mongodb.core.query.Criteria.where("seekerId").is(seeker));
            assertThat(mongo.find(about, org.bson.Document.class, "webhook_events").map(d -> d.getString("type"))
                    .collectList().block()).containsExactly("seeker.erased");
            assertThat(mongo.findById(seeker, org.bson.Document.class, "webhook_audience").block()).isNull();
            // the delivery log keeps its attempts, but no longer the ids of the seeker's match events (a match id
            // carries the seeker's id): only the notice's
            List<String> logged = mongo.findAll(org.bson.Document.class, "webhook_attempts")
                    .flatMapIterable(d -> d.getList("eventIds", String.class)).collectList().block();
            assertThat(logged).filteredOn(id -> id.contains(seeker)).containsExactly(notice);
            assertThat(mongo.findAll(org.bson.Document.class, "webhook_attempts").collectList().block())
                    .filteredOn(d -> partner.partnerId().equals(d.getString("partnerId"))).hasSize(2);
        }
    }

    @Test
    void sendsBatchesOfAtMostTenEventsEachDeliveredOnce() {
        try (Receiver receiver = new Receiver()) {
            receiver.delay(Duration.ofMillis(300)); // events pile up while a batch is in flight
            var partner = fixture.partnerWith(receiver);
            String seeker = fixture.consentingSeeker(true);
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                sent.add(WebhookFixture.match(seeker, "batch-" + i, partner.partnerId()));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> WebhookFixture.acceptedEventIds(receiver).size() >= 25);
            assertThat(WebhookFixture.acceptedEventIds(receiver)).containsExactlyInAnyOrderElementsOf(sent);
            List<Integer> sizes = receiver.requests().stream()
                    .map(r -> Events.JSON.readTree(r.body()).get("events").size()).toList();
            assertThat(sizes).allMatch(size -> size >= 1 && size <= 10);
            assertThat(sizes).anyMatch(size -> size > 1);
        }
    }

    @Test
    void retriesWithBackOffThenSucceedsAndLogsEveryAttempt() {
        try (Receiver receiver = new Receiver()) {
            var partner = fixture.partnerWith(receiver);
            String seeker = fixture.consentingSeeker(true);
            int[] calls = {0};
            receiver.answer(() -> ++calls[0] <= 2 ? 503 : 200);
            String event = WebhookFixture.match(seeker, "retry", partner.partnerId());
            await().atMost(Duration.ofSeconds(20)).until(() -> WebhookFixture.acceptedEventIds(receiver).contains(event));
            assertThat(receiver.requests()).hasSize(3);
            assertThat(WebhookFixture.acceptedEventIds(receiver)).containsExactly(event);
            JsonNode log = fixture.get("/api/v1/partner/webhook/deliveries", partner.key()).get("items");
            List<String> outcomes = new ArrayList<>();
            log.valueStream().forEach(attempt -> outcomes.add(0, attempt.get("attempt").asInt() + ":"
                    + attempt.get("outcome").asString() + ":" + attempt.get("status").asInt()));
            assertThat(outcomes).containsExactly("1:FAILED:503", "2:FAILED:503", "3:DELIVERED:200");
            assertThat(fixture.get("/api/v1/partner/webhook/dead-letters", partner.key()).get("items").size()).isZero();
        }
    }

    @Test
    void theCircuitOpensOnAFailingEndpointAndClosesWhenItRecovers() {
        try (Receiver receiver = new Receiver()) {
            var partner = fixture.partnerWith(receiver);
            String seeker = fixture.consentingSeeker(true);
            receiver.answer(500);
            List<String> sent = new ArrayList<>();
            // one event at a time, each tried before the next: batching on a fast machine must not
            // keep the number of calls below the circuit's minimum
            await().atMost(Duration.ofSeconds(40)).until(() -> {
                int before = receiver.requests().size();
                sent.add(WebhookFixture.match(seeker, "circuit-" + sent.size(), partner.partnerId()));
                await().atMost(Duration.ofSeconds(15)).until(() -> receiver.requests().size() > before
                        || "OPEN".equals(circuit(partner.key())));
                return "OPEN".equals(circuit(partner.key()));
            });
            int callsWhenOpened = receiver.requests().size();
            // while open, nothing reaches the endpoint
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> receiver.requests().size() == callsWhenOpened);

            receiver.answer(200);
            sent.add(WebhookFixture.match(seeker, "circuit-after", partner.partnerId()));
            await().atMost(Duration.ofSeconds(20)).until(() -> "CLOSED".equals(
                    fixture.get("/api/v1/partner/webhook", partner.key()).get("circuit").asString())
                    && WebhookFixture.acceptedEventIds(receiver).contains("found:m-circuit-after-" + seeker + ":1"));
        }
    }

    private String circuit(String partnerKey) {
        return fixture.get("/api/v1/partner/webhook", partnerKey).get("circuit").asString();
    }

    @Test
    void aReceiverDownForAWhileGetsEveryEventExactlyOnceAfterRecoveryAndReplay() {
        try (Receiver receiver = new Receiver()) {
            var partner = fixture.partnerWith(receiver);
            String seeker = fixture.consentingSeeker(true);
            receiver.answer(503);
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                sent.add(WebhookFixture.match(seeker, "down-" + i, partner.partnerId()));
            }
            // some batches exhaust their retries (dead letters), the rest wait behind the open circuit
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    fixture.get("/api/v1/partner/webhook/dead-letters", partner.key()).get("items").size() > 0);
            assertThat(receiver.accepted()).isEmpty();

            receiver.answer(200);
            JsonNode dead = fixture.get("/api/v1/partner/webhook/dead-letters", partner.key()).get("items");
            assertThat(dead.get(0).get("lastError").asString()).contains("503");
            // the event's data as the partner would have received it: a JSON object, not a string holding one
            assertThat(dead.get(0).get("data").isObject()).isTrue();
            assertThat(dead.get(0).get("data").get("matchId").asString()).isEqualTo(dead.get(0).get("matchId").asString());
            JsonNode replayed = Events.JSON.readTree(fixture.client().post().uri("/api/v1/partner/webhook/dead-letters/replay")
                    .headers(h -> h.setBearerAuth(partner.key())).exchange().expectStatus().isOk()
                    .expectBody().returnResult().getResponseBody());
            assertThat(replayed.get("replayed").asLong()).isPositive();

            await().atMost(Duration.ofSeconds(30)).until(() -> WebhookFixture.acceptedEventIds(receiver).size() >= sent.size());
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> WebhookFixture.acceptedEventIds(receiver).size() == sent.size());
            Map<String, Long> deliveries = WebhookFixture.acceptedEventIds(receiver).stream()
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(deliveries.keySet()).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(deliveries.values()).allMatch(count -> count == 1);
            assertThat(fixture.get("/api/v1/partner/webhook/dead-letters", partner.key()).get("items").size()).isZero();
        }
    }

    @Test
    void aSlowPartnerDoesNotDelayAnother() {
        try (Receiver slow = new Receiver(); Receiver fast = new Receiver()) {
            slow.delay(Duration.ofMillis(1500));
            var slowPartner = fixture.partnerWith(slow);
            var fastPartner = fixture.partnerWith(fast);
            String seeker = fixture.consentingSeeker(true);
            Map<String, Instant> sentAt = new HashMap<>();
            for (int i = 0; i < 5; i++) {
                sentAt.put(WebhookFixture.match(seeker, "slow-" + i, slowPartner.partnerId()), Instant.now());
                sentAt.put(WebhookFixture.match(seeker, "fast-" + i, fastPartner.partnerId()), Instant.now());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> WebhookFixture.acceptedEventIds(fast).size() == 5);
            await().atMost(Duration.ofSeconds(30)).until(() -> WebhookFixture.acceptedEventIds(slow).size() == 5);
            // queued (consumer done) -> received: the dispatcher's share, free of the consumer's backlog
            List<Long> fastDispatch = dispatchLatencies(fast);
            List<Long> slowDispatch = dispatchLatencies(slow);
            System.out.printf("webhook latency, match event on Kafka -> partner received (ms): fast partner %s, "
                            + "slow partner (receiver takes 1500 ms) %s; queued -> received: fast %s, slow %s%n",
                    latencies(fast, sentAt), latencies(slow, sentAt), fastDispatch, slowDispatch);
            assertThat(fastDispatch).allMatch(ms -> ms < 1500); // never waits for the slow partner's 1500 ms
            assertThat(slowDispatch.stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThanOrEqualTo(1500);
        }
    }

    private static List<Long> dispatchLatencies(Receiver receiver) {
        List<Long> result = new ArrayList<>();
        for (Receiver.Request request : receiver.accepted()) {
            Events.JSON.readTree(request.body()).get("events").valueStream().forEach(event -> result.add(
                    Duration.between(Instant.parse(event.get("createdAt").asString()), request.at()).toMillis()));
        }
        return result;
    }

    private static List<Long> latencies(Receiver receiver, Map<String, Instant> sentAt) {
        List<Long> result = new ArrayList<>();
        for (Receiver.Request request : receiver.accepted()) {
            Events.JSON.readTree(request.body()).get("events").valueStream().forEach(event ->
                    result.add(Duration.between(sentAt.get(event.get("id").asString()), request.at()).toMillis()));
        }
        return result;
    }

    @Test
    void withdrawingConsentDropsWhatWasNotYetSentToPartners() {
        try (Receiver receiver = new Receiver()) {
            receiver.answer(400); // permanent: dead after the first try
            var partner = fixture.partnerWith(receiver);
            String seeker = fixture.consentingSeeker(true);
            WebhookFixture.match(seeker, "consent", partner.partnerId());
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    fixture.get("/api/v1/partner/webhook/dead-letters", partner.key()).get("items").size() == 1);
            org.doorstep.notifications.Seekers.preferences(seeker, 2, p -> p.put("shareWithPartners", false));
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    fixture.get("/api/v1/partner/webhook/dead-letters", partner.key()).get("items").size() == 0);
            receiver.answer(200);
            fixture.client().post().uri("/api/v1/partner/webhook/dead-letters/replay")
                    .headers(h -> h.setBearerAuth(partner.key())).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.replayed").isEqualTo(0);
            WebhookFixture.match(seeker, "after-withdrawal", partner.partnerId());
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> receiver.accepted().isEmpty());
        }
    }

    @Test
    void anEventDroppedWhenConsentWasWithdrawnLeavesTheDeliveryLogSoThatAnErasureLeavesNoIdOfTheSeeker() {
        try (Receiver receiver = new Receiver()) {
            receiver.answer(400); // permanent: dead after the first try
            var partner = fixture.partnerWith(receiver);
            String seeker = fixture.consentingSeeker(true);
            String event = WebhookFixture.match(seeker, "consent-then-erase", partner.partnerId());
            await().atMost(Duration.ofSeconds(20)).until(() -> loggedIds().contains(event));
            org.doorstep.notifications.Seekers.preferences(seeker, 2, p -> p.put("shareWithPartners", false));
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    fixture.get("/api/v1/partner/webhook/dead-letters", partner.key()).get("items").size() == 0);
            assertThat(loggedIds()).doesNotContain(event);

            org.doorstep.notifications.Seekers.erased(seeker);
            await().atMost(Duration.ofSeconds(20)).until(() -> loggedIds().contains("erased:" + seeker));
            assertThat(loggedIds()).filteredOn(id -> id.contains(seeker)).containsOnly("erased:" + seeker);
        }
    }

    private List<String> loggedIds() {
        return mongo.findAll(org.bson.Document.class, "webhook_attempts")
                .flatMapIterable(d -> d.getList("eventIds", String.class)).collectList().block();
    }

    @Test
    void aPartnerSeesAndReplaysOnlyItsOwnDeadLettersAndLog() {
        try (Receiver failing = new Receiver(); Receiver healthy = new Receiver()) {
            failing.answer(400); // permanent: dead after the first try
            var owner = fixture.partnerWith(failing);
            var intruder = fixture.partnerWith(healthy);
            String seeker = fixture.consentingSeeker(true);
            String event = WebhookFixture.match(seeker, "own", owner.partnerId());
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    fixture.get("/api/v1/partner/webhook/dead-letters", owner.key()).get("items").size() == 1);
            assertThat(failing.requests()).hasSize(1);
            assertThat(fixture.get("/api/v1/partner/webhook/dead-letters", owner.key()).get("items").get(0)
                    .get("eventId").asString()).isEqualTo(event);

            assertThat(fixture.get("/api/v1/partner/webhook/dead-letters", intruder.key()).get("items").size()).isZero();
            assertThat(fixture.get("/api/v1/partner/webhook/deliveries", intruder.key()).toString()).doesNotContain(event);
            fixture.client().post().uri("/api/v1/partner/webhook/dead-letters/replay")
                    .headers(h -> h.setBearerAuth(intruder.key())).bodyValue(Map.of("eventIds", List.of(event)))
                    .exchange().expectStatus().isOk().expectBody().jsonPath("$.replayed").isEqualTo(0);
            assertThat(fixture.get("/api/v1/partner/webhook/dead-letters", owner.key()).get("items").size()).isEqualTo(1);
        }
    }
}
