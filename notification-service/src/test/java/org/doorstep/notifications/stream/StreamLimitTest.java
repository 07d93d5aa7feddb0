package org.doorstep.notifications.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.doorstep.notifications.Events;
import org.doorstep.notifications.NotificationServiceTest;
import org.doorstep.notifications.SseClient;
import org.doorstep.notifications.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A seeker holds at most {@code doorstep.stream.max-per-seeker} (5) streams at once on an instance: one more is
 * refused with 429 and Retry-After, the open ones keep running, and a slot frees when a stream ends.
 */
@NotificationServiceTest
class StreamLimitTest {

    @LocalServerPort
    int port;

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(20)).build();
    }

    private static boolean opened(SseClient device) {
        return device.comments().stream().anyMatch(comment -> "stream open".equals(comment.comment()));
    }

    @Test
    void refusesTheSixthConcurrentStreamOfASeekerWith429AndRetryAfterUntilOneCloses() {
        String seeker = Events.id();
        String token = Tokens.seeker(seeker);
        List<SseClient> devices = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                devices.add(SseClient.connect(port, token));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> devices.stream().allMatch(StreamLimitTest::opened));

            client().get().uri("/api/v1/me/matches/stream").accept(MediaType.TEXT_EVENT_STREAM)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange()
                    .expectStatus().isEqualTo(429)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                    .expectBody()
                    .jsonPath("$.status").isEqualTo(429)
                    .jsonPath("$.type").isEqualTo("https://doorstep.example/problems/too-many-streams");

            // another seeker is not affected
            try (SseClient other = SseClient.connect(port, Tokens.seeker(Events.id()))) {
                await().atMost(Duration.ofSeconds(20)).until(() -> opened(other));
            }

            // the five still receive their events
            Events.send(Events.MATCHES, seeker, "org.doorstep.match.found.v1", seeker,
                    Events.matchFound(seeker, "limit-1", "partner-x", 0.8));
            await().atMost(Duration.ofSeconds(20)).until(() -> devices.stream().allMatch(d -> d.events().size() == 1));

            devices.remove(0).close();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                FluxExchangeResult<String> sixth = client().get().uri("/api/v1/me/matches/stream")
                        .accept(MediaType.TEXT_EVENT_STREAM).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .exchange().returnResult(String.class);
                StepVerifier.create(sixth.getResponseBody()).thenCancel().verify(Duration.ofSeconds(10));
                assertThat(sixth.getStatus().value()).isEqualTo(200);
            });
        } finally {
            devices.forEach(SseClient::close);
        }
    }
}
