package org.doorstep.seekers.seeker.store;

import org.doorstep.seekers.SeekersServiceTest;
import org.junit.jupiter.api.Test;

/** Health tells the truth on a healthy platform: the store check answers the wire server's ping. */
class StoreHealthTest extends SeekersServiceTest {

    @Test
    void reportsUpWhenTheStoreAnswers() {
        http.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void reportsReadyWhenTheStoreAnswers() {
        http.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void reportsLive() {
        http.get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }
}
