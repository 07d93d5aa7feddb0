package org.doorstep.matching.security;

import java.time.Duration;

import org.doorstep.matching.MatchingServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local mode: the generated operator and auditor tokens may read the statistics, the explanations and the metrics;
 * only the operator may do anything else; no or an invalid token is a 401 problem with the bearer challenge.
 */
class OperatorAccessTest extends MatchingServiceTest {

    @LocalServerPort
    private int port;
    private WebTestClient http;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void operatorAndAuditorReadTheStatisticsAndTheExplanations() {
        for (String token : new String[] {OPERATOR_TOKEN, AUDITOR_TOKEN}) {
            http.get().uri("/api/v1/stats").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.instance").exists();
            http.get().uri("/api/v1/matches/explain?postingId=p-unknown&seekerId=s-unknown")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange().expectStatus().value(status -> assertThat(status)
                            .isNotIn(401, 403));
        }
    }

    @Test
    void anAuditorMayNotChangeAnythingWhereAnOperatorMeetsTheMethodCheck() {
        http.delete().uri("/api/v1/stats").header(HttpHeaders.AUTHORIZATION, "Bearer " + AUDITOR_TOKEN)
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/forbidden");
        http.delete().uri("/api/v1/stats").header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .exchange().expectStatus().isEqualTo(405);
    }

    @Test
    void noOrAnInvalidTokenIsA401ProblemWithTheBearerChallenge() {
        http.get().uri("/api/v1/stats").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/unauthorized")
                .jsonPath("$.status").isEqualTo(401);
        http.get().uri("/api/v1/stats").header(HttpHeaders.AUTHORIZATION, "Bearer wrong-token").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
    }

    @Test
    void metricsNeedTheOperatorOrTheAuditorWhileHealthAndSkillExtractionStayPublic() {
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        http.get().uri("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, "Bearer " + AUDITOR_TOKEN)
                .exchange().expectStatus().isOk();
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        http.post().uri("/api/v1/skills:extract").header(HttpHeaders.AUTHORIZATION, "Bearer whatever")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"text\":\"Java\"}")
                .exchange().expectStatus().value(status -> assertThat(status)
                        .isNotIn(401, 403));
    }
}
