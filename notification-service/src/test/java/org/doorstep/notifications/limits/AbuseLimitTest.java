package org.doorstep.notifications.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;

import org.doorstep.notifications.Events;
import org.doorstep.notifications.NotificationServiceTest;
import org.doorstep.notifications.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

/**
 * The shipped failed-authentication limit (30 a minute per client address, as seekers-service's), over HTTP, for bad
 * seeker tokens on the inbox and the stream; each test's clients connect from their own loopback addresses, so they
 * are distinct clients to the service. Its own context shares the store and the broker with the module's shared one
 * (outbox relays, consumers and schedules of both at once), so it is closed after the class (DirtiesContext): left
 * open, it published feedback twice and took match records from the other tests.
 */
@DirtiesContext
@NotificationServiceTest
@TestPropertySource(properties = "doorstep.limits.failed-authentications.limit-for-period=30")
class AbuseLimitTest {

    @LocalServerPort
    int port;

    private WebTestClient clientAt(String loopbackAddress) {
        HttpClient connector = HttpClient.create().bindAddress(() -> new InetSocketAddress(loopbackAddress, 0));
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(connector))
                .baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
    }

    private static WebTestClient.ResponseSpec inbox(WebTestClient client, String token) {
        return client.get().uri("/api/v1/me/matches").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }

    private static WebTestClient.ResponseSpec stream(WebTestClient client, String token) {
        return client.get().uri("/api/v1/me/matches/stream").accept(MediaType.TEXT_EVENT_STREAM)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }

    private static void assertTooManyRequests(WebTestClient.ResponseSpec response) {
        response.expectStatus().isEqualTo(429)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, retryAfter ->
                        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 60L))
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://doorstep.example/problems/rate-limited")
                .jsonPath("$.status").isEqualTo(429);
    }

    @Test
    void answersTooManyRequestsToBadSeekerTokensBeyondTheLimitButStillLetsAValidTokenIn() {
        WebTestClient guessing = clientAt("127.0.0.2");
        for (int i = 0; i < 15; i++) {
            inbox(guessing, "not.a.token" + i).expectStatus().isUnauthorized();
            stream(guessing, "not.a.token" + i).expectStatus().isUnauthorized();
        }

        assertTooManyRequests(inbox(guessing, "not.a.token"));
        assertTooManyRequests(stream(guessing, "not.a.token"));
        inbox(guessing, Tokens.seeker(Events.id())).expectStatus().isOk();
        inbox(clientAt("127.0.0.3"), "not.a.token").expectStatus().isUnauthorized();
    }
}
