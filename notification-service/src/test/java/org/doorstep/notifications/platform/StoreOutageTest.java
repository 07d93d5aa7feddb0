package org.doorstep.notifications.platform;

import java.time.Duration;
import java.util.List;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.doorstep.notifications.Events;
import org.doorstep.notifications.Tokens;
import org.doorstep.testkit.DoorstepInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The one extra Spring context: the service over its own MongoDB-wire server (memory backend) and the shared
 * broker, with its consumers not started and in groups of their own (they would take partitions from the shared
 * context's consumer groups; test contexts are not paused either, see {@code spring.properties}). With the store
 * down, seeker requests fail fast (503 problem+json with Retry-After, within the 2 s store timeout plus overhead)
 * instead of hanging for the driver's 30 s; the instance reports unready but stays live; and it recovers by
 * itself when a store answers on the same port again.
 */
@DoorstepInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "doorstep.seeker-tokens.secret=" + Tokens.SECRET,
        "spring.cloud.stream.bindings.deliverMatch-in-0.consumer.auto-startup=false",
        "spring.cloud.stream.bindings.followFeed-in-0.consumer.auto-startup=false",
        "spring.cloud.stream.bindings.copyPreferences-in-0.consumer.auto-startup=false",
        "spring.cloud.stream.bindings.copyPartner-in-0.consumer.auto-startup=false",
        // and groups of their own, should anything start them after all
        "spring.cloud.stream.bindings.deliverMatch-in-0.group=notification-service-store-outage-test",
        "spring.cloud.stream.bindings.copyPreferences-in-0.group=notification-service-store-outage-test",
        "spring.cloud.stream.bindings.copyPartner-in-0.group=notification-service-store-outage-test",
})
class StoreOutageTest {

    private static final Duration BOUND = Duration.ofSeconds(3);
    private static MongoServer store = start(0);
    private static final int STORE_PORT = store.getLocalAddress().getPort();

    static {
        // the context stays cached (and running) until the JVM exits: so does a store for it to talk to
        Runtime.getRuntime().addShutdownHook(new Thread(() -> store.shutdownNow(), "outage-store-stop"));
    }

    private static MongoServer start(int port) {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", port);
        return server;
    }

    @DynamicPropertySource
    static void ownStore(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + STORE_PORT);
    }

    @LocalServerPort
    int port;

    @Autowired
    BindingsLifecycleController bindings;

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(60)).build();
    }

    private WebTestClient.ResponseSpec inbox(String token) {
        return client().get().uri("/api/v1/me/matches").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }

    private void assertStoreUnavailableFast(WebTestClient.RequestHeadersSpec<?> request) {
        long start = System.nanoTime();
        WebTestClient.ResponseSpec response = request.exchange();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        response.expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://doorstep.example/problems/store-unavailable")
                .jsonPath("$.title").isEqualTo("Store unavailable")
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).containsIgnoringCase("retry"));
        assertThat(elapsed).as("time to the 503").isLessThan(BOUND);
    }

    @Test
    void answersStoreUnavailableFastWhileTheStoreIsDownAndRecoversWhenItIsBack() {
        // this context consumes nothing: the shared context keeps every partition of its consumer groups
        for (String binding : List.of("deliverMatch-in-0", "followFeed-in-0", "copyPreferences-in-0", "copyPartner-in-0")) {
            assertThat(bindings.queryState(binding)).as(binding).isNotEmpty()
                    .allSatisfy(state -> assertThat(state.isRunning()).as(binding + " running").isFalse());
        }
        String token = Tokens.seeker(Events.id());
        inbox(token).expectStatus().isOk();
        client().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();

        store.shutdownNow();
        try {
            assertStoreUnavailableFast(client().get().uri("/api/v1/me/matches")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
            assertStoreUnavailableFast(client().get().uri("/api/v1/me/matches")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
            // the live stream fails before it starts: a problem, not an event stream
            assertStoreUnavailableFast(client().get().uri("/api/v1/me/matches/stream").accept(MediaType.TEXT_EVENT_STREAM)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
            client().get().uri("/actuator/health/readiness").exchange()
                    .expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.status").isEqualTo("DOWN");
            client().get().uri("/actuator/health/liveness").exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("UP");
        } finally {
            store = start(STORE_PORT);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> inbox(token).expectStatus().isOk());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> client().get().uri("/actuator/health/readiness")
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP"));
    }
}
