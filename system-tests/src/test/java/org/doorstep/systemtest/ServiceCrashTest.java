package org.doorstep.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.doorstep.local.DoorstepService;
import org.doorstep.local.ServerSentEvents;
import org.doorstep.testkit.DoorstepInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fault: a service upstream of delivery is killed (SIGKILL, no graceful shutdown) right after partners were
 * told their postings were accepted, while a seeker's live stream stays open. After the service restarts,
 * every accepted posting reaches the seeker exactly once: nothing lost (postings-service's outbox, matching's
 * ledger and uncommitted offsets) and nothing repeated (the ledger's claims, notification's inbox by matchId).
 */
@DoorstepInfrastructure
class ServiceCrashTest {

    private static ServicesUnderTest services;
    private static PlatformClient client;

    @BeforeAll
    static void startServices() {
        services = ServicesUnderTest.get();
        client = new PlatformClient(services);
    }

    @ParameterizedTest
    @EnumSource(value = DoorstepService.class, names = {"POSTINGS", "MATCHING"})
    void everyAcceptedPostingReachesTheSeekerExactlyOnceAcrossACrash(DoorstepService crashed) {
        String partnerKey = client.registerPartner();
        String token = client.registerSeeker().path("token").asText();
        List<ServerSentEvents.Event> events = new CopyOnWriteArrayList<>();
        var stream = client.openStream(token, null, events);
        String warmUp = client.publishPosting(partnerKey, crashed + "-WARM-" + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(120)).until(() -> count(events).containsKey(warmUp));

        List<String> accepted = List.of(
                client.publishPosting(partnerKey, crashed + "-A-" + UUID.randomUUID()),
                client.publishPosting(partnerKey, crashed + "-B-" + UUID.randomUUID()),
                client.publishPosting(partnerKey, crashed + "-C-" + UUID.randomUUID()));
        services.crash(crashed);
        services.restart(crashed);

        await().atMost(Duration.ofSeconds(180)).until(() -> count(events).keySet().containsAll(accepted));
        stream.cancel(true);
        Map<String, Long> deliveries = count(events);
        accepted.forEach(postingId -> assertThat(deliveries).as("deliveries by posting").containsEntry(postingId, 1L));
        assertThat(deliveries).containsEntry(warmUp, 1L);
    }

    /**
     * kill -9 of seekers-service right after it answered 201 to registrations (their events may still wait in its
     * outbox, or be on their way to the broker): after the restart each seeker still exists, and a posting published
     * then reaches every one of them exactly once (an event lost would leave a seeker unmatched; matching reads an
     * event sent twice as the same profile, so nothing is repeated).
     */
    @Test
    void everySeekerAcceptedBeforeASeekersServiceCrashIsMatchedExactlyOnce() {
        String partnerKey = client.registerPartner();
        List<String> tokens = IntStream.range(0, 4).parallel()
                .mapToObj(i -> client.registerSeeker().path("token").asText()).toList();
        services.crash(DoorstepService.SEEKERS);
        services.restart(DoorstepService.SEEKERS);

        List<List<ServerSentEvents.Event>> seen = new ArrayList<>();
        List<CompletableFuture<?>> streams = new ArrayList<>();
        for (String token : tokens) {
            assertThat(client.send("GET", DoorstepService.SEEKERS, "/api/v1/seekers/me", token, null).statusCode())
                    .as("the seeker after the restart").isEqualTo(200);
            List<ServerSentEvents.Event> events = new CopyOnWriteArrayList<>();
            seen.add(events);
            streams.add(client.openStream(token, null, events));
        }
        String posting = client.publishPosting(partnerKey, "SEEKERS-CRASH-" + UUID.randomUUID());

        await().atMost(Duration.ofSeconds(180)).until(() -> seen.stream().allMatch(events -> count(events).containsKey(posting)));
        streams.forEach(stream -> stream.cancel(true));
        seen.forEach(events -> assertThat(count(events)).as("deliveries by posting").containsEntry(posting, 1L));
    }

    private static Map<String, Long> count(List<ServerSentEvents.Event> events) {
        return events.stream().filter(e -> e.name().equals("match.found"))
                .map(e -> PlatformClient.json(e.data()).path("postingId").asText())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
