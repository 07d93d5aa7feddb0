package org.doorstep.notifications.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.stream.Stream;

import com.nimbusds.jose.JWSAlgorithm;
import org.doorstep.notifications.Events;
import org.doorstep.notifications.NotificationServiceTest;
import org.doorstep.notifications.Seekers;
import org.doorstep.notifications.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Seeker tokens are checked exactly as seekers-service checks them (its README "Seeker tokens"): HS256 only,
 * {@code exp} and {@code iat} required, {@code iat} not in the future and at most the token lifetime (30 days)
 * before {@code exp}, a subject, {@code typ} JWT if present, 60 s of clock skew; and the seeker must not be erased.
 */
@NotificationServiceTest
class SeekerTokenPolicyTest {

    private static final String STREAM = "/api/v1/me/matches/stream";
    private static final String INBOX = "/api/v1/me/matches";

    @LocalServerPort
    int port;

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(20)).build();
    }

    static Stream<Arguments> refusedTokens() {
        Instant now = Instant.now();
        String seeker = Events.id();
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String unsigned = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(("{\"iss\":\"doorstep-seekers\",\"aud\":[\"doorstep\"],\"sub\":\"" + seeker
                + "\",\"iat\":" + now.getEpochSecond() + ",\"exp\":" + (now.getEpochSecond() + 600) + "}")
                .getBytes(StandardCharsets.UTF_8)) + ".";
        Stream<Arguments> tokens = Stream.of(
                Arguments.of("without exp", Tokens.signed(JWSAlgorithm.HS256, null, Tokens.claims(seeker, now, null))),
                Arguments.of("expired beyond the clock skew", Tokens.signed(JWSAlgorithm.HS256, null,
                        Tokens.claims(seeker, now.minusSeconds(3600), now.minusSeconds(600)))),
                Arguments.of("without iat", Tokens.signed(JWSAlgorithm.HS256, null,
                        Tokens.claims(seeker, null, now.plusSeconds(600)))),
                Arguments.of("issued in the future", Tokens.signed(JWSAlgorithm.HS256, null,
                        Tokens.claims(seeker, now.plusSeconds(600), now.plusSeconds(3600)))),
                Arguments.of("living longer than the token lifetime", Tokens.signed(JWSAlgorithm.HS256, null,
                        Tokens.claims(seeker, now, now.plus(Duration.ofDays(30)).plusSeconds(600)))),
                Arguments.of("without subject", Tokens.signed(JWSAlgorithm.HS256, null,
                        Tokens.claims(null, now, now.plusSeconds(600)))),
                Arguments.of("signed with HS384", Tokens.signed(JWSAlgorithm.HS384, "JWT",
                        Tokens.claims(seeker, now, now.plusSeconds(600)))),
                Arguments.of("of another type (at+jwt)", Tokens.signed(JWSAlgorithm.HS256, "at+jwt",
                        Tokens.claims(seeker, now, now.plusSeconds(600)))),
                Arguments.of("unsigned (alg none)", unsigned));
        return tokens.flatMap(token -> Stream.of(
                Arguments.of(token.get()[0], token.get()[1], STREAM),
                Arguments.of(token.get()[0], token.get()[1], INBOX)));
    }

    @ParameterizedTest(name = "a token {0} is refused on {2}")
    @MethodSource("refusedTokens")
    void refusesTokensThatSeekersServiceRefuses(String kind, String token, String path) {
        assertUnauthorized(path, token);
    }

    @Test
    void acceptsATokenAsSeekersServiceIssuesItOnStreamAndInbox() {
        String seeker = Events.id();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String token = Tokens.signed(JWSAlgorithm.HS256, "JWT", Tokens.claims(seeker, now, now.plus(Duration.ofDays(30))));
        assertInboxOk(token);
        assertStreamOpens(token);
    }

    @Test
    void acceptsATokenThatExpiredWithinTheClockSkew() {
        Instant now = Instant.now();
        assertInboxOk(Tokens.signed(JWSAlgorithm.HS256, null,
                Tokens.claims(Events.id(), now.minusSeconds(3600), now.minusSeconds(20))));
    }

    @Test
    void refusesTheTokenOfAnErasedSeekerOnStreamAndInbox() {
        String seeker = Events.id();
        String token = Tokens.seeker(seeker);
        Seekers.preferences(seeker, 1, p -> { });
        assertInboxOk(token);
        assertStreamOpens(token);

        Seekers.erased(seeker);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertUnauthorized(INBOX, token));
        assertUnauthorized(STREAM, token);
        // a token minted after the erasure (same subject) is refused as well: the check is by seeker, not by token
        assertUnauthorized(STREAM, Tokens.seeker(seeker));
    }

    private void assertUnauthorized(String path, String token) {
        client().get().uri(path)
                .accept(STREAM.equals(path) ? MediaType.TEXT_EVENT_STREAM : MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.type").isEqualTo("https://doorstep.example/problems/unauthorized");
    }

    private void assertInboxOk(String token) {
        client().get().uri(INBOX).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.items").isArray();
    }

    private void assertStreamOpens(String token) {
        FluxExchangeResult<String> stream = client().get().uri(STREAM).accept(MediaType.TEXT_EVENT_STREAM)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .returnResult(String.class);
        assertThat(stream.getStatus().value()).isEqualTo(200);
        StepVerifier.create(stream.getResponseBody()).thenCancel().verify(Duration.ofSeconds(10));
    }
}
