package org.doorstep.postings.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;

import org.doorstep.postings.PostingsServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

/**
 * The shipped failed-authentication limit (30 a minute per client address), over HTTP, for wrong partner API keys
 * and bad operator tokens; each test's clients connect from their own loopback addresses, so they are distinct
 * clients to the service. Its own context shares the store and the broker with the module's shared one (outbox
 * relay, sweeper and expiry of both at once), so it is closed after the class, as notification-service's is.
 */
@DirtiesContext
@TestPropertySource(properties = "doorstep.limits.failed-authentications.limit-for-period=30")
class AbuseLimitTest extends PostingsServiceTest {

    private WebTestClient clientAt(String loopbackAddress) {
        HttpClient connector = HttpClient.create().bindAddress(() -> new InetSocketAddress(loopbackAddress, 0));
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(connector))
                .baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(60)).build();
    }

    private static WebTestClient.ResponseSpec postings(WebTestClient client, String key) {
        return client.get().uri("/api/v1/postings").header(HttpHeaders.AUTHORIZATION, "Bearer " + key).exchange();
    }

    private static WebTestClient.ResponseSpec partner(WebTestClient client, String partnerId, String token) {
        return client.get().uri("/api/v1/partners/{id}", partnerId).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
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
    void answersTooManyRequestsToWrongPartnerKeysBeyondTheLimitButStillLetsAValidKeyIn() {
        TestPartner partner = registerPartner();
        WebTestClient guessing = clientAt("127.0.0.2");
        for (int i = 0; i < 30; i++) {
            postings(guessing, "dsk_wrong" + i).expectStatus().isUnauthorized();
        }

        assertTooManyRequests(postings(guessing, "dsk_wrong"));
        assertTooManyRequests(guessing.put().uri("/api/v1/postings/{id}", externalId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer not-even-a-key")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange());
        postings(guessing, partner.apiKey()).expectStatus().isOk();
        postings(clientAt("127.0.0.3"), "dsk_wrong").expectStatus().isUnauthorized();
    }

    @Test
    void answersTooManyRequestsToBadOperatorTokensBeyondTheLimitButStillLetsTheOperatorIn() {
        String partnerId = registerPartner().partnerId();
        WebTestClient guessing = clientAt("127.0.0.4");
        for (int i = 0; i < 30; i++) {
            partner(guessing, partnerId, "not-the-operator-token" + i).expectStatus().isUnauthorized();
        }

        assertTooManyRequests(partner(guessing, partnerId, "not-the-operator-token"));
        partner(guessing, partnerId, OPERATOR_TOKEN).expectStatus().isOk();
        partner(clientAt("127.0.0.5"), partnerId, "not-the-operator-token").expectStatus().isUnauthorized();
    }
}
