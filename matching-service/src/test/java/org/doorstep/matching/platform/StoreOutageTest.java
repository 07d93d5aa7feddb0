package org.doorstep.matching.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.doorstep.testkit.DoorstepInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service on a MongoDB-wire server of its own, which the test stops and starts again: while the store is
 * down a request answers 503 problem+json with Retry-After within the store timeout (not after the driver's
 * default 30 s) and readiness is DOWN; once the store is back both recover by themselves. Topics and consumer
 * group of its own, so the shared test context's consumers are not disturbed.
 */
@DoorstepInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "doorstep.operator-token=" + StoreOutageTest.TOKEN,
        "doorstep.group=matching-outage",
        "doorstep.topics.postings=outage.postings",
        "doorstep.topics.seekers=outage.seekers",
        "doorstep.topics.feedback=outage.feedback",
        "doorstep.topics.matches=outage.matches",
        "spring.mongodb.database=matching-outage",
        "spring.data.mongodb.database=matching-outage"})
@DirtiesContext
class StoreOutageTest {

    static final String TOKEN = "outage-operator-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int STORE_PORT = freePort();
    private static volatile MongoServer store;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        store = startStore();
        registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + STORE_PORT);
    }

    @AfterAll
    static void stopStore() {
        if (store != null) {
            store.shutdownNow();
        }
    }

    @Test
    void answersStoreUnavailableFastWhileTheStoreIsDownAndRecoversWhenItIsBack() {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60)).build();
        assertThat(stats(client).getStatus().value()).isEqualTo(200);
        assertThat(readiness(client).getStatus().value()).isEqualTo(200);

        store.shutdownNow();
        long started = System.nanoTime();
        EntityExchangeResult<String> down = stats(client);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(down.getStatus().value()).as(down.toString()).isEqualTo(503);
        assertThat(took).as("answered within the store timeout").isLessThan(Duration.ofSeconds(3));
        assertThat(down.getResponseHeaders().getContentType()).isNotNull()
                .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(down.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        JsonNode problem = JSON.readTree(down.getResponseBody());
        assertThat(problem.path("type").asString()).isEqualTo("https://doorstep.example/problems/store-unavailable");
        assertThat(problem.path("title").asString()).isEqualTo("Store unavailable");
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(problem.path("detail").asString()).containsIgnoringCase("retry");
        assertThat(down.getResponseBody()).doesNotContain("Exception").doesNotContain("127.0.0.1");

        EntityExchangeResult<String> notReady = readiness(client);
        assertThat(notReady.getStatus().value()).isEqualTo(503);
        assertThat(JSON.readTree(notReady.getResponseBody()).path("status").asString()).isEqualTo("DOWN");
        assertThat(readinessTook(client)).as("the readiness check is bounded").isLessThan(Duration.ofSeconds(3));

        Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            store = startStore();
            return true;
        });
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                stats(client).getStatus().value() == 200 && readiness(client).getStatus().value() == 200);
    }

    private static EntityExchangeResult<String> stats(WebTestClient client) {
        return client.get().uri("/api/v1/stats").header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
                .exchange().expectBody(String.class).returnResult();
    }

    private static EntityExchangeResult<String> readiness(WebTestClient client) {
        return client.get().uri("/actuator/health/readiness").exchange().expectBody(String.class).returnResult();
    }

    private static Duration readinessTook(WebTestClient client) {
        long started = System.nanoTime();
        readiness(client);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static MongoServer startStore() {
        MongoServer server = new MongoServer(new MemoryBackend());
        try {
            server.bind("127.0.0.1", STORE_PORT);
        } catch (RuntimeException e) {
            server.shutdownNow();
            throw e;
        }
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
