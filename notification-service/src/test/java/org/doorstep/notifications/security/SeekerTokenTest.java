package org.doorstep.notifications.security;

import java.time.Duration;
import java.time.Instant;

import org.doorstep.notifications.NotificationServiceTest;
import org.doorstep.notifications.Tokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@NotificationServiceTest
class SeekerTokenTest {

    @LocalServerPort
    int port;

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(10)).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "garbage", "wrong-secret", "wrong-issuer", "wrong-audience", "expired"})
    void refusesTheStreamWith401ProblemJsonForBadTokens(String kind) {
        String secret = Tokens.SECRET;
        Instant exp = Instant.now().plus(Duration.ofHours(1));
        String token = switch (kind) {
            case "none" -> null;
            case "garbage" -> "not-a-jwt";
            case "wrong-secret" -> Tokens.mint("s1", "doorstep-seekers", "doorstep", "another-secret-that-is-long-enough-0123456789", exp);
            case "wrong-issuer" -> Tokens.mint("s1", "someone-else", "doorstep", secret, exp);
            case "wrong-audience" -> Tokens.mint("s1", "doorstep-seekers", "elsewhere", secret, exp);
            case "expired" -> Tokens.mint("s1", "doorstep-seekers", "doorstep", secret, Instant.now().minus(Duration.ofHours(2)));
            default -> throw new IllegalArgumentException(kind);
        };
        client().get().uri("/api/v1/me/matches/stream")
                .headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                })
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.type").isEqualTo("https://doorstep.example/problems/unauthorized");
    }

    @Test
    void aBadLastEventIdIsAValidationProblemNamingTheHeader() {
        client().get().uri("/api/v1/me/matches/stream")
                .headers(h -> {
                    h.setBearerAuth(Tokens.seeker("s1"));
                    h.set("Last-Event-ID", "yesterday");
                })
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("Last-Event-ID");
    }

    @Test
    void actuatorProbesAndOpenApiNeedNoToken() {
        client().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        client().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        client().get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/api/v1/me/matches/stream']").exists()
                .jsonPath("$.paths['/api/v1/me/matches/{matchId}/dismiss']").exists()
                .jsonPath("$.paths['/api/v1/partner/webhook'].put").exists()
                .jsonPath("$.paths['/api/v1/partner/webhook/dead-letters/replay']").exists()
                .jsonPath("$.components.securitySchemes.seekerToken.scheme").isEqualTo("bearer")
                // each operation names the credentials it takes
                .jsonPath("$.paths['/api/v1/me/matches/stream'].get.security[0].seekerToken").exists()
                .jsonPath("$.paths['/api/v1/partner/webhook'].put.security[0].partnerKey").exists()
                .jsonPath("$.paths['/api/v1/me/matches'].get.parameters[?(@.name == 'seeker')]").isEmpty();
        // the first scrape renders every meter; on a loaded machine it took longer than the default 5 s
        client().mutate().responseTimeout(Duration.ofSeconds(30))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(32 * 1024 * 1024)).build()
                .get().uri("/actuator/prometheus").header("Authorization", "Bearer " + Tokens.AUDITOR).exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> org.assertj.core.api.Assertions.assertThat(body)
                        .contains("spring_cloud_stream", "jvm_memory_used_bytes"));
    }
}
