package org.doorstep.seekers.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.doorstep.seekers.OwnStoreServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The shipped limits (20 registrations and 30 failed authentications a minute per client address), over HTTP;
 * each test's clients connect from their own loopback addresses, so they are distinct clients to the service.
 */
class AbuseLimitTest extends OwnStoreServiceTest {

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
    void refusesThe21stRegistrationOfAClientInAMinuteWhileOtherClientsStillRegister() {
        WebTestClient busy = clientAt("127.0.0.2");
        for (int i = 0; i < 20; i++) {
            register(busy).expectStatus().isCreated();
        }

        assertTooManyRequests(register(busy));
        register(clientAt("127.0.0.3")).expectStatus().isCreated();
    }

    @Test
    void answersTooManyRequestsToFailuresBeyondTheLimitButStillLetsAValidTokenIn() {
        WebTestClient guessing = clientAt("127.0.0.4");
        String token = registeredToken(guessing);
        for (int i = 0; i < 30; i++) {
            me(guessing, "not.a.token" + i).expectStatus().isUnauthorized();
        }

        assertTooManyRequests(me(guessing, "not.a.token"));
        me(guessing, token).expectStatus().isOk();
        me(clientAt("127.0.0.5"), "not.a.token").expectStatus().isUnauthorized();
    }
}
