package org.doorstep.systemtest;

import java.time.Duration;
import java.util.List;
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

    private static ServerSentEvents.Event found(List<ServerSentEvents.Event> events, String postingId) {
        return events.stream().filter(e -> e.name().equals("match.found") && e.data().contains(postingId)).findFirst().orElse(null);
    }
}
