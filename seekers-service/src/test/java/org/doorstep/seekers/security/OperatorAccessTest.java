package org.doorstep.seekers.security;

import org.doorstep.seekers.SeekersServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Local mode: the metrics need the generated operator or auditor token (a seeker's token is none of them); health,
 * info and the actuator index stay public, and the operator tokens open no seeker's data.
 */
class OperatorAccessTest extends SeekersServiceTest {

    @Test
    void theOperatorAndTheAuditorReadTheMetrics() {
        for (String token : new String[] {OPERATOR_TOKEN, AUDITOR_TOKEN}) {
            http.get().uri("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange().expectStatus().isOk()
                    .expectBody(String.class).value(body -> assertThat(body)
                            .contains("jvm_"));
        }
    }

    @Test
    void metricsWithoutOrWithAnotherTokenAreA401ProblemWithTheBearerChallenge() {
        http.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://doorstep.example/problems/unauthorized");
        http.get().uri("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, "Bearer " + register("{}").token())
                .exchange().expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
    }

    @Test
    void healthInfoAndTheIndexStayPublic() {
        http.get().uri("/actuator/health").exchange().expectStatus().isOk();
        http.get().uri("/actuator/info").exchange().expectStatus().isOk();
        http.get().uri("/actuator").exchange().expectStatus().isOk();
    }

    @Test
    void anOperatorTokenIsNoSeekerToken() {
        http.get().uri("/api/v1/seekers/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .exchange().expectStatus().isUnauthorized();
    }
}
