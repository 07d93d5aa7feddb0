package org.doorstep.systemtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ServicesUnderTest services;
    private static TopicReader postingsTopic;

    @BeforeAll
    static void startServices() {
        services = ServicesUnderTest.get();
        postingsTopic = TopicReader.of("doorstep.postings.v1");
    }

    @AfterAll
    static void closeReader() {
        postingsTopic.close();
    }

    @Test
    void deliversAMatchOnTheSeekersLiveStreamWhenAPartnerPublishesANearbyPosting() throws Exception {
        String partnerKey = registerPartner();
        JsonNode seeker = registerSeeker();
        String seekerId = seeker.path("seekerId").asText();

        List<ServerSentEvents.Event> events = new CopyOnWriteArrayList<>();
        CompletableFuture<?> stream = openStream(seeker.path("token").asText(), events);

        String externalId = "E2E-" + UUID.randomUUID();
        HttpResponse<String> created = send("PUT", DoorstepService.POSTINGS, "/api/v1/postings/" + externalId, partnerKey, posting());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String postingId = JSON.readTree(created.body()).path("postingId").asText();
        assertThat(postingId).isNotBlank();

        ServerSentEvents.Event match = await().atMost(Duration.ofSeconds(90)).until(
                () -> events.stream().filter(e -> e.name().equals("match.found"))
                        .filter(e -> e.data().contains(postingId)).findFirst().orElse(null),
                e -> e != null);
        stream.cancel(true);
        JsonNode data = JSON.readTree(match.data());
        assertThat(data.path("seekerId").asText()).isEqualTo(seekerId);
        assertThat(data.path("postingId").asText()).isEqualTo(postingId);
        assertThat(data.path("posting").path("externalId").asText()).isEqualTo(externalId);
        assertThat(data.path("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(data.path("reasons")).isNotEmpty();
        assertThat(match.id()).isNotBlank();
    }

    @Test
    void refusesAPartnerCallWithoutAKeyAndPublishesNothing() throws Exception {
        String externalId = "E2E-NOKEY-" + UUID.randomUUID();
        HttpResponse<String> response = send("PUT", DoorstepService.POSTINGS, "/api/v1/postings/" + externalId, null, posting());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertNothingPublishedFor(externalId);
    }

    @Test
    void refusesAMalformedPostingNamingTheFieldAndPublishesNothing() throws Exception {
        String partnerKey = registerPartner();
        String externalId = "E2E-BAD-" + UUID.randomUUID();
        String bad = posting().replace("\"lat\": 30.6", "\"lat\": 130.6");
        HttpResponse<String> response = send("PUT", DoorstepService.POSTINGS, "/api/v1/postings/" + externalId, partnerKey, bad);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("location.lat");
        assertNothingPublishedFor(externalId);
    }

    private void assertNothingPublishedFor(String externalId) {
        // a posting published later by another test proves the relay has caught up before we look
        String marker = "E2E-MARKER-" + UUID.randomUUID();
        HttpResponse<String> published = send("PUT", DoorstepService.POSTINGS, "/api/v1/postings/" + marker, registerPartner(), posting());
        assertThat(published.statusCode()).isEqualTo(201);
        postingsTopic.await(r -> TopicReader.value(r) != null && TopicReader.value(r).contains(marker), Duration.ofSeconds(60));
        assertThat(postingsTopic.poll()).noneMatch(r -> TopicReader.value(r) != null && TopicReader.value(r).contains(externalId));
    }

    private String registerPartner() {
        HttpResponse<String> response = send("POST", DoorstepService.POSTINGS, "/api/v1/partners", ServicesUnderTest.OPERATOR_TOKEN,
                "{\"name\":\"E2E Job Board\",\"contactEmail\":\"e2e@jobs.example\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return read(response).path("apiKey").asText();
    }

    private JsonNode registerSeeker() {
        HttpResponse<String> response = send("POST", DoorstepService.SEEKERS, "/api/v1/seekers", null, """
                {"displayName": "Li Wei", "location": {"lat": 30.61, "lon": 104.07, "regionCode": "510100"},
                 "maxDistanceKm": 25, "remoteOk": true, "desiredOccupations": ["2512"],
                 "skills": [{"label": "Java", "level": "INTERMEDIATE"}, {"label": "SQL", "level": "BASIC"}],
                 "education": "BACHELOR", "experienceYears": 1, "employmentTypes": ["FULL_TIME"], "languages": ["zh"]}""");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return read(response);
    }

    private static String posting() {
        return """
                {"title": "Java backend developer / Java后端开发工程师", "description": "Services for the employment platform.",
                 "occupation": "2512",
                 "skills": [{"label": "Java", "required": true}, {"label": "SQL", "required": true}, {"label": "Kafka", "required": false}],
                 "location": {"lat": 30.6, "lon": 104.06, "regionCode": "510100", "address": "Tianfu Software Park, Chengdu"},
                 "workplace": "ONSITE", "employmentType": "FULL_TIME",
                 "salary": {"min": 9000, "max": 14000, "currency": "CNY", "period": "MONTH"},
                 "vacancies": 2, "education": "BACHELOR", "minExperienceYears": 0,
                 "targetGroups": ["COLLEGE_GRADUATE"], "accommodations": [], "campaignCodes": [],
                 "validThrough": "%s", "languages": ["zh"]}""".formatted(java.time.Instant.now().plus(Duration.ofDays(30)));
    }

    private CompletableFuture<?> openStream(String token, List<ServerSentEvents.Event> events) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(services.url(DoorstepService.NOTIFICATION) + "/api/v1/me/matches/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
        CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        HttpResponse<java.util.stream.Stream<String>> opened = await().atMost(Duration.ofSeconds(30)).until(
                () -> response.isDone() ? response.join() : null, r -> r != null);
        assertThat(opened.statusCode()).isEqualTo(200);
        return CompletableFuture.runAsync(() -> new ServerSentEvents(events::add).consume(opened.body()));
    }

    private static HttpResponse<String> send(String method, DoorstepService service, String path, String bearer, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(services.url(service) + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        builder.header("Content-Type", "application/json");
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path, e);
        }
    }

    private static JsonNode read(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(response.body(), e);
        }
    }
}
