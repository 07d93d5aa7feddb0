package org.doorstep.matching.limits;

import java.net.InetSocketAddress;
import java.time.Duration;

import org.doorstep.matching.MatchingServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failed-authentication limit over HTTP, as in the other services: bad operator tokens from one client address
 * beyond the limit get 429 problem+json with {@code Retry-After}; the operator's own token still gets in from that
 * address, and another client is not affected. Each client connects from its own loopback address.
 */
@DirtiesContext
@TestPropertySource(properties = "doorstep.limits.failed-authentications.limit-for-period=5")
class AbuseLimitTest extends MatchingServiceTest {

    @LocalServerPort
    private int port;

    private WebTestClient clientAt(String loopbackAddress) {
        HttpClient connector = HttpClient.create().bindAddress(() -> new InetSocketAddress(loopbackAddress, 0));
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(connector))
                .baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
    }

    private static WebTestClient.ResponseSpec stats(WebTestClient client, String token) {
        return client.get().uri("/api/v1/stats").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }

    @Test
    void answersTooManyRequestsToBadOperatorTokensBeyondTheLimitButStillLetsTheOperatorIn() {
        WebTestClient guessing = clientAt("127.0.0.2");
        for (int i = 0; i < 5; i++) {
            stats(guessing, "not-the-operator-token" + i).expectStatus().isUnauthorized();
        }

        stats(guessing, "not-the-operator-token").expectStatus().isEqualTo(429)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, retryAfter ->
                        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 60L))
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://doorstep.example/problems/rate-limited")
                .jsonPath("$.status").isEqualTo(429);
        stats(guessing, OPERATOR_TOKEN).expectStatus().isOk();
        stats(clientAt("127.0.0.3"), "not-the-operator-token").expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .expectBody().jsonPath("$.detail").isEqualTo("The operator or auditor token presented is invalid or expired.");
    }
}
