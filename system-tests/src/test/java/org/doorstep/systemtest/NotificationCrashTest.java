package org.doorstep.systemtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.doorstep.local.DoorstepService;
import org.doorstep.local.ServerSentEvents;
import org.doorstep.testkit.DoorstepInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault: notification-service is killed (no graceful shutdown) while matches keep coming. After it
 * restarts, a client that reconnects with Last-Event-ID receives every match it missed, exactly once.
 */
@DoorstepInfrastructure
class NotificationCrashTest {

    private static ServicesUnderTest services;
    private static PlatformClient client;

    @BeforeAll
    static void startServices() {
        services = ServicesUnderTest.get();
        client = new PlatformClient(services);
    }

    @Test
    void aSeekerReconnectingAfterANotificationServiceCrashGetsEveryMissedMatchExactlyOnce() {
        String partnerKey = client.registerPartner();
        JsonNode seeker = client.registerSeeker();
        String token = seeker.path("token").asText();

        List<ServerSentEvents.Event> before = new CopyOnWriteArrayList<>();
        var firstStream = client.openStream(token, null, before);
        String first = client.publishPosting(partnerKey, "CRASH-A-" + UUID.randomUUID());
        ServerSentEvents.Event seen = await().atMost(Duration.ofSeconds(90))
                .until(() -> found(before, first), e -> e != null);
        firstStream.cancel(true);

        services.crash(DoorstepService.NOTIFICATION);
        String second = client.publishPosting(partnerKey, "CRASH-B-" + UUID.randomUUID());
        String third = client.publishPosting(partnerKey, "CRASH-C-" + UUID.randomUUID());
        services.restart(DoorstepService.NOTIFICATION);

        List<ServerSentEvents.Event> after = new CopyOnWriteArrayList<>();
        var resumed = client.openStream(token, seen.id(), after);
        await().atMost(Duration.ofSeconds(120)).until(() -> found(after, second) != null && found(after, third) != null);
        resumed.cancel(true);

        Map<String, Long> deliveries = after.stream().filter(e -> e.name().equals("match.found"))
                .map(e -> PlatformClient.json(e.data()).path("postingId").asText())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(deliveries).containsEntry(second, 1L).containsEntry(third, 1L).doesNotContainKey(first);
    }

    /**
     * kill -9 while a burst of matches is being delivered (polls of many matches in flight), as soon as the
     * first of the burst reached a phone: every seeker, resuming from the last event they saw, ends with each
     * posting of the burst exactly once on the stream and once in the inbox.
     */
    @Test
    void aCrashInTheMiddleOfABatchLosesAndRepeatsNothing() {
        String partnerKey = client.registerPartner();
        List<String> tokens = IntStream.range(0, SEEKERS).mapToObj(i -> client.registerSeeker().path("token").asText()).toList();
        List<List<ServerSentEvents.Event>> seen = new ArrayList<>();
        List<CompletableFuture<?>> streams = new ArrayList<>();
        for (String token : tokens) {
            List<ServerSentEvents.Event> events = new CopyOnWriteArrayList<>();
            seen.add(events);
            streams.add(client.openStream(token, null, events));
        }
        String warmUp = client.publishPosting(partnerKey, "BATCH-WARM-" + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(120)).until(() -> seen.stream().allMatch(events -> found(events, warmUp) != null));

        List<String> burst = IntStream.range(0, POSTINGS).parallel()
                .mapToObj(i -> client.publishPosting(partnerKey, "BATCH-" + i + "-" + UUID.randomUUID())).toList();
        await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(120))
                .until(() -> deliveredOf(seen, burst) > 0);
        services.crash(DoorstepService.NOTIFICATION);
        long atCrash = deliveredOf(seen, burst);
        System.out.printf("NotificationCrashTest: killed with %d of %d matches of the burst on the streams%n", atCrash, SEEKERS * POSTINGS);
        streams.forEach(stream -> stream.cancel(true));
        services.restart(DoorstepService.NOTIFICATION);

        List<List<ServerSentEvents.Event>> resumed = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            List<ServerSentEvents.Event> before = seen.get(i);
            List<ServerSentEvents.Event> after = new CopyOnWriteArrayList<>();
            resumed.add(after);
            streams.add(client.openStream(tokens.get(i), before.getLast().id(), after));
        }
        await().atMost(Duration.ofSeconds(180)).until(() -> deliveredOf(seen, burst) + deliveredOf(resumed, burst)
                >= (long) SEEKERS * POSTINGS);
        streams.forEach(stream -> stream.cancel(true));

        assertThat(atCrash).as("matches of the burst on phones when notification-service was killed")
                .isLessThan((long) SEEKERS * POSTINGS);
        for (int i = 0; i < tokens.size(); i++) {
            List<ServerSentEvents.Event> all = new ArrayList<>(seen.get(i));
            all.addAll(resumed.get(i));
            Map<String, Long> deliveries = countFound(all);
            burst.forEach(postingId -> assertThat(deliveries).as("stream deliveries by posting").containsEntry(postingId, 1L));
            JsonNode inbox = json(client.send("GET", DoorstepService.NOTIFICATION, "/api/v1/me/matches?limit=100",
                    tokens.get(i), null).body());
            Map<String, Long> inInbox = new java.util.HashMap<>();
            inbox.path("items").forEach(item -> inInbox.merge(item.path("postingId").asText(), 1L, Long::sum));
            burst.forEach(postingId -> assertThat(inInbox).as("inbox items by posting").containsEntry(postingId, 1L));
        }
    }

    private static final int SEEKERS = 15;
    private static final int POSTINGS = 50;

    private static long deliveredOf(List<List<ServerSentEvents.Event>> streams, List<String> postings) {
        Set<String> wanted = Set.copyOf(postings);
        return streams.stream().mapToLong(events -> events.stream().filter(e -> e.name().equals("match.found"))
                .filter(e -> wanted.contains(json(e.data()).path("postingId").asText())).count()).sum();
    }

    private static Map<String, Long> countFound(List<ServerSentEvents.Event> events) {
        return events.stream().filter(e -> e.name().equals("match.found"))
                .map(e -> json(e.data()).path("postingId").asText())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static JsonNode json(String text) {
        return PlatformClient.json(text);
    }

    private static ServerSentEvents.Event found(List<ServerSentEvents.Event> events, String postingId) {
        return events.stream().filter(e -> e.name().equals("match.found") && e.data().contains(postingId)).findFirst().orElse(null);
    }
}
