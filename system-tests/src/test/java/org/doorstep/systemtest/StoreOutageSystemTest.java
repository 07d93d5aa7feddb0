package org.doorstep.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.doorstep.local.DoorstepService;
import org.doorstep.testkit.DoorstepInfrastructure;
import org.doorstep.testkit.SharedInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fault: the MongoDB-wire server goes away for {@link FaultWindow#outage()} (30 s unless
 * {@code -Ddoorstep.faults.outage} says otherwise) while a seeker's app watches its live stream and partners
 * publish. During it every service answers its clients at once with 503 problem+json, type store-unavailable and
 * Retry-After, and its readiness says DOWN (liveness UP: no restart would help). When the store is back, every
 * service recovers by itself, and every posting accepted before the outage, or accepted when the partner retried
 * after it, reaches the seeker's live stream exactly once: nothing lost, nothing repeated.
 */
@DoorstepInfrastructure
class StoreOutageSystemTest {

    private static final String STORE_UNAVAILABLE = "https://doorstep.example/problems/store-unavailable";
    private static ServicesUnderTest services;
    private static PlatformClient client;

    @BeforeAll
    static void startServices() {
        services = ServicesUnderTest.get();
        client = new PlatformClient(services);
    }

    @Test
    void everyServiceAnswersAFast503DuringAStoreOutageAndEveryAcceptedPostingReachesTheSeekerOnceAfterIt() {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        String partnerKey = client.registerPartner();
        var seeker = client.registerSeeker();
        String token = seeker.path("token").asText();
        try (WatchedSeeker app = WatchedSeeker.watch(services, token)) {
            String warmUp = client.publishPosting(partnerKey, "STORE-WARM-" + UUID.randomUUID());
            await().atMost(Duration.ofSeconds(120)).until(() -> app.deliveries().containsKey(warmUp));

            // a burst right before the store goes: their events are in outboxes, on the broker and in the consumers
            List<String> accepted = new CopyOnWriteArrayList<>(IntStream.range(0, 8).parallel()
                    .mapToObj(i -> client.publishPosting(partnerKey, "STORE-BEFORE-" + i + "-" + UUID.randomUUID())).toList());
            infrastructure.storeDown();
            long downSince = System.nanoTime();
            List<Answer> answers = new CopyOnWriteArrayList<>();
            List<String> refused = new CopyOnWriteArrayList<>();
            try {
                await().atMost(FaultWindow.outage().plusSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(2))
                        .until(() -> {
                            answers.addAll(duringTheOutage(partnerKey, token, refused));
                            return Duration.ofNanos(System.nanoTime() - downSince).compareTo(FaultWindow.outage()) >= 0;
                        });
            } finally {
                infrastructure.storeBack();
            }
            Map<DoorstepService, Answer> readiness = new EnumMap<>(DoorstepService.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (DoorstepService service : DoorstepService.values()) {
                    readiness.put(service, readiness(service));
                }
                return readiness.values().stream().allMatch(answer -> answer.status() == 200);
            });

            // the partner retries what was refused, as Retry-After told it to, and publishes more
            List<String> after = new ArrayList<>();
            refused.forEach(externalId -> after.add(publishAgain(partnerKey, externalId)));
            after.add(client.publishPosting(partnerKey, "STORE-AFTER-" + UUID.randomUUID()));
            accepted.addAll(after);
            await().atMost(Duration.ofSeconds(180)).until(() -> app.deliveries().keySet().containsAll(accepted));

            System.out.printf("StoreOutageSystemTest: %d answers during a %d s store outage, %d postings refused then retried, "
                    + "%d accepted in all, stream opened %d times%n", answers.size(), FaultWindow.outage().toSeconds(),
                    refused.size(), accepted.size(), app.connections());
            Map<String, Long> deliveries = app.deliveries();
            assertThat(answers).as("what clients got during the outage")
                    .hasSizeGreaterThanOrEqualTo(DoorstepService.values().length * 2 * 3)
                    .allSatisfy(StoreOutageSystemTest::isAFastStoreUnavailableOrReadinessDown);
            assertThat(answers).as("liveness during the outage").filteredOn(a -> a.request().contains("liveness"))
                    .isNotEmpty().allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
            assertThat(refused).as("postings refused during the outage").isNotEmpty();
            accepted.forEach(postingId -> assertThat(deliveries).as("deliveries by posting").containsEntry(postingId, 1L));
            assertThat(deliveries).containsEntry(warmUp, 1L);
        }
    }

    /** One round of what clients do while the store is away: each service's API, readiness and liveness. */
    private static List<Answer> duringTheOutage(String partnerKey, String token, List<String> refused) {
        String externalId = "STORE-DURING-" + UUID.randomUUID();
        Answer put = Answer.of("postings PUT /api/v1/postings/" + externalId,
                () -> client.send("PUT", DoorstepService.POSTINGS, "/api/v1/postings/" + externalId, partnerKey, PlatformClient.posting()));
        if (put.status() != 200 && put.status() != 201) {
            refused.add(externalId);
        }
        List<Answer> round = new ArrayList<>(List.of(put,
                Answer.of("seekers GET /api/v1/seekers/me",
                        () -> client.send("GET", DoorstepService.SEEKERS, "/api/v1/seekers/me", token, null)),
                Answer.of("matching GET /api/v1/stats",
                        () -> client.send("GET", DoorstepService.MATCHING, "/api/v1/stats", ServicesUnderTest.OPERATOR_TOKEN, null)),
                Answer.of("notification GET /api/v1/me/matches",
                        () -> client.send("GET", DoorstepService.NOTIFICATION, "/api/v1/me/matches", token, null))));
        for (DoorstepService service : DoorstepService.values()) {
            round.add(readiness(service));
            round.add(Answer.of(service.module() + " GET /actuator/health/liveness",
                    () -> client.send("GET", service, "/actuator/health/liveness", null, null)));
        }
        return round;
    }

    private static Answer readiness(DoorstepService service) {
        return Answer.of(service.module() + " GET /actuator/health/readiness",
                () -> client.send("GET", service, "/actuator/health/readiness", null, null));
    }

    private static void isAFastStoreUnavailableOrReadinessDown(Answer answer) {
        assertThat(answer.took()).as(answer.toString()).isLessThan(Duration.ofSeconds(3));
        if (answer.request().contains("liveness")) {
            return;
        }
        assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
        if (answer.request().contains("readiness")) {
            assertThat(PlatformClient.json(answer.body()).path("status").asText()).as(answer.toString()).isEqualTo("DOWN");
        } else {
            assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
            assertThat(answer.problemType()).as(answer.toString()).isEqualTo(STORE_UNAVAILABLE);
            assertThat(answer.retryAfterSeconds()).as(answer.toString()).isPositive();
        }
    }

    private static String publishAgain(String partnerKey, String externalId) {
        var response = client.send("PUT", DoorstepService.POSTINGS, "/api/v1/postings/" + externalId, partnerKey, PlatformClient.posting());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        return PlatformClient.json(response.body()).path("postingId").asText();
    }
}
