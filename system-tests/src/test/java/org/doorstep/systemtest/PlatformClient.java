package org.doorstep.systemtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.doorstep.local.DoorstepService;
import org.doorstep.local.ServerSentEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the system tests do as clients: an operator, a partner job board, a mobile app. */
final class PlatformClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ServicesUnderTest services;

    PlatformClient(ServicesUnderTest services) {
        this.services = services;
    }

    String registerPartner() {
        HttpResponse<String> response = send("POST", DoorstepService.POSTINGS, "/api/v1/partners", ServicesUnderTest.OPERATOR_TOKEN,
                "{\"name\":\"System-test Job Board\",\"contactEmail\":\"system-test@jobs.example\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response.body()).path("apiKey").asText();
    }

    /**
     * Subscribes the partner's webhook to {@code url}, once notification-service knows the partner (it learns of
     * partners from postings-service's events); returns the signing secret.
     */
    String subscribeWebhook(String partnerKey, String url) {
        await().atMost(Duration.ofSeconds(60)).until(() -> send("GET", DoorstepService.NOTIFICATION,
                "/api/v1/partner/webhook", partnerKey, null).statusCode() != 401);
        HttpResponse<String> webhook = send("PUT", DoorstepService.NOTIFICATION, "/api/v1/partner/webhook", partnerKey,
                "{\"url\": \"" + url + "\"}");
        assertThat(webhook.statusCode()).as(webhook.body()).isEqualTo(200);
        return json(webhook.body()).path("signingSecret").asText();
    }

    /** A college graduate in Chengdu who knows Java and SQL and wants software work within 25 km. */
    JsonNode registerSeeker() {
        HttpResponse<String> response = send("POST", DoorstepService.SEEKERS, "/api/v1/seekers", null, """
                {"displayName": "Li Wei", "location": {"lat": 30.61, "lon": 104.07, "regionCode": "510100"},
                 "maxDistanceKm": 25, "remoteOk": true, "desiredOccupations": ["2512"],
                 "skills": [{"label": "Java", "level": "INTERMEDIATE"}, {"label": "SQL", "level": "BASIC"}],
                 "education": "BACHELOR", "experienceYears": 1, "employmentTypes": ["FULL_TIME"], "languages": ["zh"]}""");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response.body());
    }

    /** A Java job 1.5 km from the seeker above; returns its postingId. */
    String publishPosting(String partnerKey, String externalId) {
        HttpResponse<String> response = send("PUT", DoorstepService.POSTINGS, "/api/v1/postings/" + externalId, partnerKey, posting());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response.body()).path("postingId").asText();
    }

    /** A vacancy of its own (the description names it), so that no two are one job published twice. */
    static String posting() {
        return """
                {"title": "Java backend developer / Java后端开发工程师", "description": "Services for the employment platform, vacancy %s.",
                 "occupation": "2512",
                 "skills": [{"label": "Java", "required": true}, {"label": "SQL", "required": true}, {"label": "Kafka", "required": false}],
                 "location": {"lat": 30.6, "lon": 104.06, "regionCode": "510100", "address": "Tianfu Software Park, Chengdu"},
                 "workplace": "ONSITE", "employmentType": "FULL_TIME",
                 "salary": {"min": 9000, "max": 14000, "currency": "CNY", "period": "MONTH"},
                 "vacancies": 2, "education": "BACHELOR", "minExperienceYears": 0,
                 "targetGroups": ["COLLEGE_GRADUATE"], "accommodations": [], "campaignCodes": [],
                 "validThrough": "%s", "languages": ["zh"]}""".formatted(java.util.UUID.randomUUID(), Instant.now().plus(Duration.ofDays(30)));
    }

    /** Opens the seeker's live stream (resuming after {@code lastEventId} when given); events land in {@code sink}. */
    CompletableFuture<?> openStream(String token, String lastEventId, List<ServerSentEvents.Event> sink) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(services.url(DoorstepService.NOTIFICATION) + "/api/v1/me/matches/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        CompletableFuture<HttpResponse<Stream<String>>> response = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> opened = await().atMost(Duration.ofSeconds(30))
                .until(() -> response.isDone() ? response.join() : null, r -> r != null);
        assertThat(opened.statusCode()).isEqualTo(200);
        return CompletableFuture.runAsync(() -> new ServerSentEvents(sink::add).consume(opened.body()));
    }

    HttpResponse<String> send(String method, DoorstepService service, String path, String bearer, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(services.url(service) + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json").header("Content-Type", "application/json");
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path, e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(text, e);
        }
    }
}
