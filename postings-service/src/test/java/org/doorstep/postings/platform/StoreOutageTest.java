package org.doorstep.postings.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.awaitility.Awaitility;
import org.doorstep.postings.PostingsServiceTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store goes away and comes back: requests that need it answer 503 problem+json with Retry-After within the
 * store timeout (not after the driver's default 30 s), readiness reports DOWN while liveness stays UP, and both
 * recover once the store is back. A context of its own, on a MongoDB-wire server of its own (the shared broker).
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class StoreOutageTest extends PostingsServiceTest {

    /** Keeps its data when a server over it shuts down (shutdown closes the backend), as a store that restarts does. */
    private static final MemoryBackend BACKEND = new MemoryBackend() {
        @Override
        public void close() {
        }
    };
    private static final int STORE_PORT = freePort();
    private static MongoServer store = start();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + STORE_PORT);
    }

    @AfterAll
    static void stopStore() {
        store.shutdownNow();
    }

    @Test
    void answers503ProblemFastWhileTheStoreIsDownAndRecoversWhenItIsBack() {
        TestPartner partner = registerPartner();
        String externalId = externalId();
        put(partner, externalId, validPosting("Night nurse")).expectStatus().isCreated();
        get(partner, externalId).expectStatus().isOk();

        store.shutdownNow();

        long started = System.nanoTime();
        EntityExchangeResult<byte[]> down = get(partner, externalId)
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectBody().returnResult();
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(elapsedMillis).as("answered within the store timeout, not the driver's 30 s").isLessThan(3_000);
        JsonNode problem = JSON.readTree(down.getResponseBody());
        assertThat(problem.get("type").stringValue()).isEqualTo("https://doorstep.example/problems/store-unavailable");
        assertThat(problem.get("title").stringValue()).isEqualTo("Store unavailable");
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(problem.get("detail").stringValue()).containsIgnoringCase("retry");

        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.status").isEqualTo("DOWN");
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();

        store = start();

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                get(partner, externalId).expectStatus().isOk());
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                        .expectBody().jsonPath("$.status").isEqualTo("UP"));
    }

    /** A server on the fixed port over the same backend: what was stored before the outage is there after it. */
    private static MongoServer start() {
        MongoServer server = new MongoServer(BACKEND);
        server.bind("127.0.0.1", STORE_PORT);
        return server;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
