package org.doorstep.notifications.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.doorstep.notifications.NotificationServiceTest;
import org.doorstep.notifications.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * OIDC mode: the provider's token with {@code operator} or {@code auditor} in its roles claim reads the metrics; a
 * valid token without either (a seeker's) is a 403; the generated tokens are not accepted. An operator's token opens
 * no seeker path (inbox, stream): same issuer and audience, but operator roles.
 */
@NotificationServiceTest
class OidcOperatorAccessTest {

    private static final TestIdentityProvider PROVIDER = TestIdentityProvider.start();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void oidcMode(DynamicPropertyRegistry properties) {
        properties.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", PROVIDER::jwkSetUri);
        properties.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestIdentityProvider.ISSUER);
        properties.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> TestIdentityProvider.AUDIENCE);
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(32 * 1024 * 1024)).build();
    }

    @Test
    void theOperatorAndTheAuditorRoleReadTheMetrics() {
        for (String role : new String[] {"operator", "auditor"}) {
            client().get().uri("/actuator/prometheus")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + PROVIDER.token("person-1", Map.of("roles", List.of(role))))
                    .exchange().expectStatus().isOk();
        }
    }

    @Test
    void aSeekersTokenWithoutAnOperatorRoleIsForbidden() {
        client().get().uri("/actuator/prometheus")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + PROVIDER.token("seeker-1", Map.of()))
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/forbidden");
    }

    @Test
    void anOperatorsOrAuditorsTokenOpensNoInboxOrStream() {
        for (String role : new String[] {"operator", "auditor"}) {
            String token = PROVIDER.token("person-" + role, Map.of("roles", List.of("offline_access", role)));
            client().get().uri("/api/v1/me/matches").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange().expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            client().get().uri("/api/v1/me/matches/stream").accept(MediaType.TEXT_EVENT_STREAM)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange().expectStatus().isUnauthorized();
        }
        // the same provider's token without the operator roles is a seeker's
        client().get().uri("/api/v1/me/matches")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + PROVIDER.token("seeker-2", Map.of("roles", List.of("offline_access"))))
                .exchange().expectStatus().isOk();
    }

    @Test
    void theGeneratedOperatorTokenIsNotAcceptedInOidcMode() {
        client().get().uri("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.OPERATOR)
                .exchange().expectStatus().isUnauthorized();
    }
}
