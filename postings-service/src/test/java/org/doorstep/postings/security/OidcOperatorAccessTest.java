package org.doorstep.postings.security;

import java.util.List;
import java.util.Map;

import org.doorstep.postings.PostingsServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * OIDC mode: the provider's token with {@code operator} in its roles claim may change, with {@code auditor} only
 * read; a valid token without either role is a 403, and the generated operator token is not accepted.
 */
// a context of its own sharing the store and the broker with the module's shared one: closed after the class, so that
// its outbox sweeper does not go on publishing the other tests' pending events a second time (FeedAccessTest saw one)
@DirtiesContext
class OidcOperatorAccessTest extends PostingsServiceTest {

    private static final TestIdentityProvider PROVIDER = TestIdentityProvider.start();
    private static final Map<String, Object> PARTNER = Map.of("name", "Board", "contactEmail", "ops@board.example");

    @DynamicPropertySource
    static void oidcMode(DynamicPropertyRegistry properties) {
        properties.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", PROVIDER::jwkSetUri);
        properties.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestIdentityProvider.ISSUER);
        properties.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> TestIdentityProvider.AUDIENCE);
        properties.add("doorstep.operator-roles-claim", () -> "realm_access.roles");
    }

    private static String withRoles(String... roles) {
        return PROVIDER.token("person-1", Map.of("realm_access", Map.of("roles", List.of(roles))));
    }

    @Test
    void theOperatorRoleMayRegisterAPartner() {
        http.post().uri("/api/v1/partners").header(HttpHeaders.AUTHORIZATION, "Bearer " + withRoles("operator", "other"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(PARTNER)
                .exchange().expectStatus().isCreated();
    }

    @Test
    void theAuditorRoleMayReadButNotRegister() {
        String auditor = withRoles("auditor");
        http.get().uri("/api/v1/campaigns").header(HttpHeaders.AUTHORIZATION, "Bearer " + auditor)
                .exchange().expectStatus().isOk();
        http.post().uri("/api/v1/partners").header(HttpHeaders.AUTHORIZATION, "Bearer " + auditor)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(PARTNER)
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aTokenWithoutAnOperatorRoleIsForbidden() {
        http.get().uri("/api/v1/campaigns").header(HttpHeaders.AUTHORIZATION, "Bearer " + withRoles("seeker"))
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/forbidden");
        http.get().uri("/api/v1/campaigns")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + PROVIDER.token("person-2", Map.of()))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void theGeneratedOperatorTokenIsNotAcceptedInOidcMode() {
        http.get().uri("/api/v1/campaigns").header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .exchange().expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
    }
}
