package org.doorstep.seekers.security;

import java.util.List;
import java.util.Map;

import org.doorstep.seekers.SeekersServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * OIDC mode: the provider's token with {@code operator} or {@code auditor} in its roles claim reads the metrics; a
 * valid token without either (a seeker's) is a 403; the generated tokens are not accepted. An operator's token opens
 * no seeker path (registration, {@code /me}): same issuer and audience, but operator roles.
 */
// a context of its own sharing the store and the broker with the module's shared one: closed after the class, so that
// its outbox sweeper does not go on publishing the other tests' pending events a second time (FeedAccessTest saw one)
@DirtiesContext
class OidcOperatorAccessTest extends SeekersServiceTest {

    private static final TestIdentityProvider PROVIDER = TestIdentityProvider.start();

    @DynamicPropertySource
    static void oidcMode(DynamicPropertyRegistry properties) {
        properties.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", PROVIDER::jwkSetUri);
        properties.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestIdentityProvider.ISSUER);
        properties.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> TestIdentityProvider.AUDIENCE);
    }

    @Test
    void theOperatorAndTheAuditorRoleReadTheMetrics() {
        for (String role : new String[] {"operator", "auditor"}) {
            http.get().uri("/actuator/prometheus")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + PROVIDER.token("person-1", Map.of("roles", List.of(role))))
                    .exchange().expectStatus().isOk();
        }
    }

    @Test
    void aSeekersTokenWithoutAnOperatorRoleIsForbidden() {
        http.get().uri("/actuator/prometheus")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + PROVIDER.token("seeker-1", Map.of()))
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/forbidden");
    }

    @Test
    void anOperatorsOrAuditorsTokenOpensNoSeekerPath() {
        for (String role : new String[] {"operator", "auditor"}) {
            String subject = "person-" + role + "-" + java.util.UUID.randomUUID();
            String token = PROVIDER.token(subject, Map.of("roles", List.of("offline_access", role)));
            http.post().uri("/api/v1/seekers").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                    .exchange().expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            http.get().uri("/api/v1/seekers/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange().expectStatus().isUnauthorized();
        }
        // the same person's token without the operator roles is a seeker's
        String seeker = PROVIDER.token("seeker-" + java.util.UUID.randomUUID(), Map.of("roles", List.of("offline_access")));
        http.post().uri("/api/v1/seekers").header(HttpHeaders.AUTHORIZATION, "Bearer " + seeker)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isCreated();
        http.get().uri("/api/v1/seekers/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + seeker)
                .exchange().expectStatus().isOk();
    }

    @Test
    void theGeneratedAuditorTokenIsNotAcceptedInOidcMode() {
        http.get().uri("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, "Bearer " + AUDITOR_TOKEN)
                .exchange().expectStatus().isUnauthorized();
    }
}
