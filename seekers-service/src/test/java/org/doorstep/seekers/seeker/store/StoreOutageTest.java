package org.doorstep.seekers.seeker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.doorstep.seekers.OwnStoreServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With the store down, requests fail fast (503 problem+json with Retry-After, well within the 2 s store timeout
 * plus overhead) instead of hanging for the driver's 30 s; the instance reports unready but stays live; and it
 * recovers by itself when the store is back.
 */
class StoreOutageTest extends OwnStoreServiceTest {

    private static final long BOUND_NANOS = Duration.ofSeconds(3).toNanos();

    private void assertStoreUnavailableFast(WebTestClient.RequestHeadersSpec<?> request) {
        long start = System.nanoTime();
        WebTestClient.ResponseSpec response = request.exchange();
        long elapsed = System.nanoTime() - start;
        response.expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://doorstep.example/problems/store-unavailable")
                .jsonPath("$.title").isEqualTo("Store unavailable")
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("Retry"));
        assertThat(Duration.ofNanos(elapsed)).as("time to the 503").isLessThan(Duration.ofNanos(BOUND_NANOS));
    }

    @Test
    void answersStoreUnavailableFastWhileTheStoreIsDownAndRecoversWhenItIsBack() {
        String token = registeredToken(http);
        me(http, token).expectStatus().isOk();
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();

        stopStore();
        try {
            // the token check reads the erasure records: the first store access of an authenticated request
            assertStoreUnavailableFast(http.get().uri("/api/v1/seekers/me")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
            assertStoreUnavailableFast(http.get().uri("/api/v1/seekers/me")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
            // a registration meets the outage in the controller's own store access
            assertStoreUnavailableFast(http.post().uri("/api/v1/seekers").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{}"));
            http.get().uri("/actuator/health/readiness").exchange()
                    .expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.status").isEqualTo("DOWN");
            http.get().uri("/actuator/health/liveness").exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("UP");
        } finally {
            startStore();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> me(http, token).expectStatus().isOk());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> http.get().uri("/actuator/health/readiness")
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP"));
    }
}
