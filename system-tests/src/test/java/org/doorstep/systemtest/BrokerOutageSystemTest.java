package org.doorstep.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import org.doorstep.local.DoorstepService;
import org.doorstep.testkit.DoorstepInfrastructure;
import org.doorstep.testkit.SharedInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fault: the Kafka broker goes away for {@link FaultWindow#outage()} (30 s unless {@code -Ddoorstep.faults.outage}
 * says otherwise) while partners keep publishing and an app registers a seeker. During it partners and apps are
 * answered at once, as usual (201: the events wait in the services' outboxes), and readiness stays UP (the store
 * is there; an instance that answers writes should get traffic). When the broker is back, every posting accepted
 * before or during the outage reaches the watching seeker's live stream exactly once, and the seeker registered
 * during the outage finds each of them in its inbox exactly once: nothing lost, nothing repeated.
 */
@DoorstepInfrastructure
class BrokerOutageSystemTest {

    private static ServicesUnderTest services;
    private static PlatformClient client;

    @BeforeAll
    static void startServices() {
        services = ServicesUnderTest.get();
        client = new PlatformClient(services);
    }

    @Test
    void partnersAndAppsAreAnsweredAtOnceDuringABrokerOutageAndEveryAcceptedPostingArrivesOnceAfterIt() {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        String partnerKey = client.registerPartner();
        String token = client.registerSeeker().path("token").asText();
        try (WatchedSeeker app = WatchedSeeker.watch(services, token)) {
            String warmUp = client.publishPosting(partnerKey, "BROKER-WARM-" + UUID.randomUUID());
            await().atMost(Duration.ofSeconds(120)).until(() -> app.deliveries().containsKey(warmUp));

            List<String> accepted = new CopyOnWriteArrayList<>();
            List<Answer> answers = new CopyOnWriteArrayList<>();
            List<String> lateSeeker = new ArrayList<>();
            infrastructure.brokerDown();
            long downSince = System.nanoTime();
            try {
                await().atMost(FaultWindow.outage().plusSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(2))
                        .until(() -> {
                            String externalId = "BROKER-DURING-" + UUID.randomUUID();
                            Answer put = Answer.of("postings PUT /api/v1/postings/" + externalId, () -> client.send("PUT",
                                    DoorstepService.POSTINGS, "/api/v1/postings/" + externalId, partnerKey, PlatformClient.posting()));
                            answers.add(put);
                            if (put.status() == 201) {
                                accepted.add(PlatformClient.json(put.body()).path("postingId").asText());
                            }
                            if (lateSeeker.isEmpty()) {
                                Answer registered = Answer.of("seekers POST /api/v1/seekers", () -> client.send("POST",
                                        DoorstepService.SEEKERS, "/api/v1/seekers", null, LATE_SEEKER));
                                answers.add(registered);
                                if (registered.status() == 201) {
                                    lateSeeker.add(PlatformClient.json(registered.body()).path("token").asText());
                                }
                            }
                            for (DoorstepService service : DoorstepService.values()) {
                                answers.add(Answer.of(service.module() + " GET /actuator/health/readiness",
                                        () -> client.send("GET", service, "/actuator/health/readiness", null, null)));
                            }
                            return Duration.ofNanos(System.nanoTime() - downSince).compareTo(FaultWindow.outage()) >= 0;
                        });
            } finally {
                infrastructure.brokerBack();
            }
            accepted.add(client.publishPosting(partnerKey, "BROKER-AFTER-" + UUID.randomUUID()));

            await().atMost(Duration.ofSeconds(180)).until(() -> app.deliveries().keySet().containsAll(accepted));
            assertThat(lateSeeker).as("a seeker registered during the outage").hasSize(1);
            await().atMost(Duration.ofSeconds(120)).until(() -> inbox(lateSeeker.getFirst()).keySet().containsAll(accepted));

            System.out.printf("BrokerOutageSystemTest: %d answers during a %d s broker outage, %d postings accepted in all, "
                    + "stream opened %d times%n", answers.size(), FaultWindow.outage().toSeconds(), accepted.size(), app.connections());
            assertThat(answers).as("what partners, apps and probes got during the outage").allSatisfy(answer -> {
                assertThat(answer.took()).as(answer.toString()).isLessThan(Duration.ofSeconds(3));
                assertThat(answer.status()).as(answer.toString()).isIn(200, 201);
            });
            assertThat(answers).filteredOn(a -> a.request().startsWith("postings PUT")).hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(a -> assertThat(a.status()).as(a.toString()).isEqualTo(201));
            Map<String, Long> deliveries = app.deliveries();
            accepted.forEach(postingId -> assertThat(deliveries).as("stream deliveries by posting").containsEntry(postingId, 1L));
            assertThat(deliveries).containsEntry(warmUp, 1L);
            Map<String, Long> inbox = inbox(lateSeeker.getFirst());
            accepted.forEach(postingId -> assertThat(inbox).as("late seeker's inbox by posting").containsEntry(postingId, 1L));
        }
    }

    /** The seeker's whole inbox, every page, counted by posting. */
    private static Map<String, Long> inbox(String token) {
        Map<String, Long> byPosting = new HashMap<>();
        String cursor = null;
        do {
            JsonNode page = PlatformClient.json(client.send("GET", DoorstepService.NOTIFICATION,
                    "/api/v1/me/matches?limit=100" + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor,
                            java.nio.charset.StandardCharsets.UTF_8)), token, null).body());
            page.path("items").forEach(item -> byPosting.merge(item.path("postingId").asText(), 1L, Long::sum));
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return byPosting;
    }

    /** The same profile as {@link PlatformClient#registerSeeker()}: every posting of these tests matches it. */
    private static final String LATE_SEEKER = """
            {"displayName": "Wang Fang", "location": {"lat": 30.61, "lon": 104.07, "regionCode": "510100"},
             "maxDistanceKm": 25, "remoteOk": true, "desiredOccupations": ["2512"],
             "skills": [{"label": "Java", "level": "INTERMEDIATE"}, {"label": "SQL", "level": "BASIC"}],
             "education": "BACHELOR", "experienceYears": 1, "employmentTypes": ["FULL_TIME"], "languages": ["zh"]}""";
}
