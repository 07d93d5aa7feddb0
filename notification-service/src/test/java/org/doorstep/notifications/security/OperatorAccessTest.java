package org.doorstep.notifications.security;

import java.time.Duration;

import org.doorstep.notifications.NotificationServiceTest;
import org.doorstep.notifications.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Local mode: the metrics need the generated operator or auditor token (a seeker's token is none of them); health,
 * info and the actuator index stay public, and the operator tokens open no seeker's inbox.
 */
@NotificationServiceTest
class OperatorAccessTest {

    @LocalServerPort
    int port;

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(32 * 1024 * 1024)).build();
    }

    @Test
    void theOperatorAndTheAuditorReadTheMetrics() {
        for (String token : new String[] {Tokens.OPERATOR, Tokens.AUDITOR}) {
            client().get().uri("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange().expectStatus().isOk();
        }
    }

    @Test
    void metricsWithoutOrWithASeekersTokenAreA401ProblemWithTheBearerChallenge() {
        client().get().uri("/actuator/prometheus").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/unauthorized");
        client().get().uri("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.seeker("s-1"))
                .exchange().expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
    }

    @Test
    void healthInfoAndTheIndexStayPublicAndAnOperatorTokenOpensNoInbox() {
        client().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        client().get().uri("/actuator/info").exchange().expectStatus().isOk();
        client().get().uri("/actuator").exchange().expectStatus().isOk();
        client().get().uri("/api/v1/me/matches").header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.OPERATOR)
                .exchange().expectStatus().isUnauthorized();
    }
}
