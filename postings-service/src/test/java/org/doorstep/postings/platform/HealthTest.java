package org.doorstep.postings.platform;

import org.doorstep.postings.PostingsServiceTest;
import org.junit.jupiter.api.Test;

/**
 * Health tells the truth on a healthy platform: Spring Boot's own MongoDB check sends {@code hello}, which the
 * MongoDB-wire server does not answer, so it would report DOWN; the store check pings the service's database.
 */
class HealthTest extends PostingsServiceTest {

    @Test
    void healthIsUpOnAHealthyPlatform() {
        http.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void readinessIsUpWhenTheStoreAnswers() {
        http.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void livenessIsUp() {
        http.get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }
}
