package org.doorstep.seekers.seeker.web;

import java.time.Instant;

import org.doorstep.seekers.SeekersServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

class TokenCheckTest extends SeekersServiceTest {

    private void assertRefused(String authorization) {
        var request = http.get().uri("/api/v1/seekers/me");
        if (authorization != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        request.exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists(HttpHeaders.WWW_AUTHENTICATE)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://doorstep.example/problems/unauthorized")
                .jsonPath("$.status").isEqualTo(401);
    }

    @Test
    void refusesARequestWithoutToken() {
        assertRefused(null);
    }

    @Test
    void refusesATamperedToken() {
        Registered seeker = register("{}");
        Registered other = register("{}");
        String[] parts = seeker.token().split("\\.");
        String[] otherParts = other.token().split("\\.");
        assertRefused("Bearer " + parts[0] + "." + otherParts[1] + "." + parts[2]);
    }

    @Test
    void refusesAnExpiredToken() {
        Registered seeker = register("{}");
        assertRefused("Bearer " + token(SECRET, "doorstep-seekers", "doorstep", seeker.seekerId(),
                Instant.now().minusSeconds(600)));
    }

    @Test
    void refusesATokenSignedWithAnotherKey() {
        Registered seeker = register("{}");
        assertRefused("Bearer " + token("another-secret-of-at-least-32-bytes-long!", "doorstep-seekers", "doorstep",
                seeker.seekerId(), Instant.now().plusSeconds(600)));
    }

    @Test
    void refusesATokenOfAnotherIssuer() {
        Registered seeker = register("{}");
        assertRefused("Bearer " + token(SECRET, "somebody-else", "doorstep", seeker.seekerId(),
                Instant.now().plusSeconds(600)));
    }

    @Test
    void refusesATokenForAnotherAudience() {
        Registered seeker = register("{}");
        assertRefused("Bearer " + token(SECRET, "doorstep-seekers", "another-app", seeker.seekerId(),
                Instant.now().plusSeconds(600)));
    }

    @Test
    void refusesGarbageInsteadOfAToken() {
        assertRefused("Bearer not.a.jwt");
    }

    @Test
    void acceptsAWellFormedTokenItDidNotIssueButCouldHave() {
        Registered seeker = register("{}");
        http.get().uri("/api/v1/seekers/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token(SECRET, "doorstep-seekers", "doorstep",
                        seeker.seekerId(), Instant.now().plusSeconds(600)))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.seekerId").isEqualTo(seeker.seekerId());
    }
}
