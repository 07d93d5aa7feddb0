package org.doorstep.seekers.seeker.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.spec.SecretKeySpec;

import org.doorstep.seekers.SeekersServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

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

    /** Signed with the service's secret and the given algorithm, with exactly these claims. */
    private static String signed(MacAlgorithm algorithm, JwtClaimsSet.Builder claims) {
        NimbusJwtEncoder encoder = NimbusJwtEncoder.withSecretKey(
                new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256")).algorithm(algorithm).build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(algorithm).type("JWT").build(), claims.build()))
                .getTokenValue();
    }

    private static JwtClaimsSet.Builder claims(String subject, Instant issuedAt, Instant expiresAt) {
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().issuer("doorstep-seekers").audience(List.of("doorstep"))
                .id(UUID.randomUUID().toString());
        if (subject != null) {
            claims.subject(subject);
        }
        if (issuedAt != null) {
            claims.issuedAt(issuedAt);
        }
        if (expiresAt != null) {
            claims.expiresAt(expiresAt);
        }
        return claims;
    }

    private void assertAccepted(String token, Registered seeker) {
        http.get().uri("/api/v1/seekers/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.seekerId").isEqualTo(seeker.seekerId());
    }

    @Test
    void refusesATokenWithoutExpiry() {
        Registered seeker = register("{}");
        assertRefused("Bearer " + signed(MacAlgorithm.HS256, claims(seeker.seekerId(), Instant.now(), null)));
    }

    @Test
    void refusesATokenWithoutIssuedAt() {
        Registered seeker = register("{}");
        assertRefused("Bearer " + signed(MacAlgorithm.HS256,
                claims(seeker.seekerId(), null, Instant.now().plusSeconds(600))));
    }

    @Test
    void refusesATokenWithoutSubject() {
        assertRefused("Bearer " + signed(MacAlgorithm.HS256, claims(null, Instant.now(), Instant.now().plusSeconds(600))));
    }

    @Test
    void refusesATokenThatLivesLongerThanTheTokenLifetime() {
        Registered seeker = register("{}");
        Instant now = Instant.now();
        assertRefused("Bearer " + signed(MacAlgorithm.HS256,
                claims(seeker.seekerId(), now, now.plus(Duration.ofDays(30)).plusSeconds(600))));
    }

    @Test
    void acceptsATokenThatLivesExactlyTheTokenLifetime() {
        Registered seeker = register("{}");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        assertAccepted(signed(MacAlgorithm.HS256, claims(seeker.seekerId(), now, now.plus(Duration.ofDays(30)))), seeker);
    }

    @Test
    void refusesATokenIssuedInTheFuture() {
        Registered seeker = register("{}");
        Instant later = Instant.now().plusSeconds(600);
        assertRefused("Bearer " + signed(MacAlgorithm.HS256, claims(seeker.seekerId(), later, later.plusSeconds(3600))));
    }

    @Test
    void acceptsATokenThatExpiredWithinTheClockSkew() {
        Registered seeker = register("{}");
        Instant now = Instant.now();
        assertAccepted(signed(MacAlgorithm.HS256, claims(seeker.seekerId(), now.minusSeconds(3600), now.minusSeconds(20))),
                seeker);
    }

    @Test
    void refusesATokenSignedWithAnotherAlgorithm() {
        Registered seeker = register("{}");
        assertRefused("Bearer " + signed(MacAlgorithm.HS384,
                claims(seeker.seekerId(), Instant.now(), Instant.now().plusSeconds(600))));
    }

    @Test
    void refusesAnUnsignedToken() {
        Registered seeker = register("{}");
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = base64.encodeToString(("{\"iss\":\"doorstep-seekers\",\"aud\":[\"doorstep\"],\"sub\":\""
                + seeker.seekerId() + "\",\"iat\":" + now + ",\"exp\":" + (now + 600) + "}").getBytes(StandardCharsets.UTF_8));
        assertRefused("Bearer " + header + "." + payload + ".");
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
