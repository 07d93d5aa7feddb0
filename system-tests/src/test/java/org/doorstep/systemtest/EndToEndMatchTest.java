package org.doorstep.systemtest;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import org.doorstep.local.DoorstepService;
import org.doorstep.local.ServerSentEvents;
import org.doorstep.testkit.DoorstepInfrastructure;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The first end-to-end path, over HTTP as clients see it: a partner publishes a posting, a seeker
 * registered by a mobile app receives the match on the live stream, with the posting and reasons.
 */
@DoorstepInfrastructure
class EndToEndMatchTest {

    private static PlatformClient client;
    private static TopicReader postingsTopic;

    @BeforeAll
    static void startServices() {
        client = new PlatformClient(ServicesUnderTest.get());
        postingsTopic = TopicReader.of("doorstep.postings.v1");
    }

    @AfterAll
    static void closeReader() {
        postingsTopic.close();
    }

    @Test
    void deliversAMatchOnTheSeekersLiveStreamWhenAPartnerPublishesANearbyPosting() {
        String partnerKey = client.registerPartner();
        JsonNode seeker = client.registerSeeker();
        String seekerId = seeker.path("seekerId").asText();

        List<ServerSentEvents.Event> events = new CopyOnWriteArrayList<>();
        CompletableFuture<?> stream = client.openStream(seeker.path("token").asText(), null, events);

        String externalId = "E2E-" + UUID.randomUUID();
        String postingId = client.publishPosting(partnerKey, externalId);
        assertThat(postingId).isNotBlank();

        ServerSentEvents.Event match = await().atMost(Duration.ofSeconds(90)).until(
                () -> events.stream().filter(e -> e.name().equals("match.found"))
                        .filter(e -> e.data().contains(postingId)).findFirst().orElse(null),
                e -> e != null);
        stream.cancel(true);
        JsonNode data = PlatformClient.json(match.data());
        assertThat(data.path("seekerId").asText()).isEqualTo(seekerId);
        assertThat(data.path("postingId").asText()).isEqualTo(postingId);
        assertThat(data.path("posting").path("externalId").asText()).isEqualTo(externalId);
        assertThat(data.path("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(data.path("reasons")).isNotEmpty();
        assertThat(match.id()).isNotBlank();
    }

    @Test
    void refusesAPartnerCallWithoutAKeyAndPublishesNothing() {
        String externalId = "E2E-NOKEY-" + UUID.randomUUID();
        HttpResponse<String> response = client.send("PUT", DoorstepService.POSTINGS, "/api/v1/postings/" + externalId, null, PlatformClient.posting());
        assertThat(response.statusCode()).isEqualTo(401);
        assertProblem(response);
        assertNothingPublishedFor(externalId);
    }

    @Test
    void refusesAMalformedPostingNamingTheFieldAndPublishesNothing() {
        String partnerKey = client.registerPartner();
        String externalId = "E2E-BAD-" + UUID.randomUUID();
        String bad = PlatformClient.posting().replace("\"lat\": 30.6", "\"lat\": 130.6");
        HttpResponse<String> response = client.send("PUT", DoorstepService.POSTINGS, "/api/v1/postings/" + externalId, partnerKey, bad);
        assertThat(response.statusCode()).isEqualTo(400);
        assertProblem(response);
        assertThat(response.body()).contains("location.lat");
        assertNothingPublishedFor(externalId);
    }

    private static void assertProblem(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    private void assertNothingPublishedFor(String externalId) {
        // a posting accepted after the refused one proves the relay has caught up before we look
        String marker = "E2E-MARKER-" + UUID.randomUUID();
        client.publishPosting(client.registerPartner(), marker);
        postingsTopic.await(r -> TopicReader.value(r) != null && TopicReader.value(r).contains(marker), Duration.ofSeconds(60));
        assertThat(postingsTopic.poll()).noneMatch(r -> TopicReader.value(r) != null && TopicReader.value(r).contains(externalId));
    }
}
