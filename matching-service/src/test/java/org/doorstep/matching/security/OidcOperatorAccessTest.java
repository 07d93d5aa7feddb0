package org.doorstep.matching.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.doorstep.matching.MatchingServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * OIDC mode: the provider's token with {@code operator} or {@code auditor} in its roles claim may read the
 * statistics; a valid token without either role is a 403, and the generated operator token is not accepted.
 */
class OidcOperatorAccessTest extends MatchingServiceTest {

    private static final TestIdentityProvider PROVIDER = TestIdentityProvider.start();

    @LocalServerPort
    private int port;
    private WebTestClient http;

    @DynamicPropertySource
    static void oidcMode(DynamicPropertyRegistry properties) {
        properties.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", PROVIDER::jwkSetUri);
        properties.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestIdentityProvider.ISSUER);
        properties.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> TestIdentityProvider.AUDIENCE);
    }

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void theOperatorAndTheAuditorRoleMayReadTheStatistics() {
        for (String role : new String[] {"operator", "auditor"}) {
            http.get().uri("/api/v1/stats")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + PROVIDER.token("person-1", Map.of("roles", List.of(role))))
                    .exchange().expectStatus().isOk();
        }
    }

    @Test
    void theAuditorRoleMayNotChangeAnything() {
        http.delete().uri("/api/v1/stats")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + PROVIDER.token("person-1", Map.of("roles", List.of("auditor"))))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void aTokenWithoutAnOperatorRoleIsForbidden() {
        http.get().uri("/api/v1/stats")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + PROVIDER.token("person-2", Map.of("roles", List.of("seeker"))))
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/forbidden");
    }

    @Test
    void theGeneratedOperatorTokenIsNotAcceptedInOidcMode() {
        http.get().uri("/api/v1/stats").header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .exchange().expectStatus().isUnauthorized();
    }
}
