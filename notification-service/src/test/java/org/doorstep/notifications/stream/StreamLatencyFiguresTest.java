package org.doorstep.notifications.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.doorstep.notifications.Events;
import org.doorstep.notifications.NotificationServiceTest;
import org.doorstep.notifications.SseClient;
import org.doorstep.notifications.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Prints the figure "match.found acknowledged by the broker -> event received on SSE" for 200 events
 * spread over 20 seekers with open streams. A figure, not a target: it runs on the shared test machine.
 */
@NotificationServiceTest
class StreamLatencyFiguresTest {

    @LocalServerPort
    int port;

    @Test
    void everyEventOfTwentyStreamsArrivesAndTheLatencyIsPrinted() {
        int seekers = 20;
        int perSeeker = 10;
        List<String> ids = new ArrayList<>();
        List<SseClient> clients = new ArrayList<>();
        Map<String, SseClient> clientOf = new HashMap<>();
        try (SseClient warmUp = SseClient.connect(port, Tokens.seeker("warm-up"))) {
            // the consumer has joined its group and the path is warm before anything is measured
            Events.send(Events.MATCHES, "warm-up", "org.doorstep.match.found.v1", "m",
                    Events.matchFound("warm-up", "w-" + Events.id(), "p", 0.8));
            await().atMost(Duration.ofSeconds(60)).until(() -> !warmUp.events().isEmpty());
        }
        try {
            for (int s = 0; s < seekers; s++) {
                String seeker = Events.id();
                ids.add(seeker);
                SseClient client = SseClient.connect(port, Tokens.seeker(seeker));
                clients.add(client);
                clientOf.put(seeker, client);
            }
            // streams are open once they have their first comment
            await().atMost(Duration.ofSeconds(20)).until(() -> clients.stream().allMatch(c -> !c.comments().isEmpty()));
            Map<String, Instant> sentAt = new HashMap<>();
            for (int i = 0; i < perSeeker; i++) {
                for (String seeker : ids) {
                    String posting = "lat-" + i;
                    Events.send(Events.MATCHES, seeker, "org.doorstep.match.found.v1", "m",
                            Events.matchFound(seeker, posting, "p", 0.8));
                    sentAt.put("match.found:m-" + posting + "-" + seeker, Instant.now());
                }
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> clients.stream().allMatch(c -> c.events().size() == perSeeker));
            List<Long> millis = new ArrayList<>();
            for (String seeker : ids) {
                clientOf.get(seeker).arrivals().forEach((key, at) ->
                        millis.add(Duration.between(sentAt.get(key), at).toMillis()));
            }
            millis.sort(Long::compare);
            List<Long> consumed = new ArrayList<>();
            for (String seeker : ids) {
                byte[] body = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                        .responseTimeout(Duration.ofSeconds(10)).build()
                        .get().uri("/api/v1/me/matches?limit=100").headers(h -> h.setBearerAuth(Tokens.seeker(seeker)))
                        .exchange().expectBody().returnResult().getResponseBody();
                Events.JSON.readTree(body).get("items").valueStream().forEach(item -> consumed.add(Duration.between(
                        sentAt.get("match.found:" + item.get("matchId").asString()), Instant.parse(item.get("receivedAt").asString())).toMillis()));
            }
            consumed.sort(Long::compare);
            System.out.printf("consumer lag (broker ack -> processing start): p50 %d ms, p99 %d ms; "
                            + "200 sends took %d ms%n", consumed.get(consumed.size() / 2), consumed.get(consumed.size() * 99 / 100),
                    Duration.between(sentAt.values().stream().min(Instant::compareTo).orElseThrow(),
                            sentAt.values().stream().max(Instant::compareTo).orElseThrow()).toMillis());
            System.out.printf("SSE latency, %d events over %d streams (broker ack -> SSE received): p50 %d ms, "
                            + "p95 %d ms, p99 %d ms, max %d ms%n", millis.size(), seekers,
                    millis.get(millis.size() / 2), millis.get(millis.size() * 95 / 100),
                    millis.get(millis.size() * 99 / 100), millis.get(millis.size() - 1));
            assertThat(millis).hasSize(seekers * perSeeker);
        } finally {
            clients.forEach(SseClient::close);
        }
    }
}
