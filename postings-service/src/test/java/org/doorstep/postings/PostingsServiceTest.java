package org.doorstep.postings;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.doorstep.testkit.DoorstepInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the service's Spring tests: one shared context (same configuration everywhere), the real
 * embedded Kafka broker and MongoDB-wire server, HTTP over a real port.
 */
@DoorstepInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "doorstep.operator-token=" + PostingsServiceTest.OPERATOR_TOKEN,
        "doorstep.auditor-token=" + PostingsServiceTest.AUDITOR_TOKEN,
        "doorstep.rate-limit.limit-for-period=1000000",
        // every test here is one client (127.0.0.1), so the per-client limit is out of the way (AbuseLimitTest has it)
        "doorstep.limits.failed-authentications.limit-for-period=1000000",
        "doorstep.outbox.sweep-interval=1s",
        // OutboxRecoveryTest plays an instance that crashed after its write: found by the full sweep
        "doorstep.outbox.full-sweep-interval=2s",
        "doorstep.outbox.sweep-grace=2s",
        "doorstep.expiry.interval=1s",
        "doorstep.postings.max-body-bytes=65536"})
public abstract class PostingsServiceTest {

    public static final String OPERATOR_TOKEN = "test-operator-token-0123456789";
    public static final String AUDITOR_TOKEN = "test-auditor-token-0123456789";
    public static final String POSTINGS_TOPIC = "doorstep.postings.v1";
    public static final String PARTNERS_TOPIC = "doorstep.partners.v1";
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final Duration TIMEOUT = Duration.ofSeconds(20);

    @LocalServerPort
    protected int port;

    @Autowired
    protected JsonMapper jsonMapper;

    protected WebTestClient http;

    @BeforeEach
    void httpClient() {
        http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60)).build();
    }

    /** A partner registered by the operator: its id, key id and the plain key. */
    public record TestPartner(String partnerId, String keyId, String apiKey) {
    }

    protected TestPartner registerPartner() {
        JsonNode body = JSON.readTree(http.post().uri("/api/v1/partners")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Board " + UUID.randomUUID(), "contactEmail", "ops@board.example"))
                .exchange()
                .expectStatus().isCreated()
                .expectBody().returnResult().getResponseBody());
        return new TestPartner(body.get("partnerId").stringValue(), body.get("keyId").stringValue(),
                body.get("apiKey").stringValue());
    }

    /** A valid posting body (as a partner would send it), to be changed per test. */
    protected static Map<String, Object> validPosting(String title) {
        Map<String, Object> posting = new LinkedHashMap<>();
        posting.put("title", title);
        posting.put("description", "Build services for the public employment platform.");
        posting.put("occupation", "2512");
        posting.put("skills", new ArrayList<>(List.of(
                Map.of("label", "Java", "required", true),
                Map.of("label", "SQL", "required", true),
                Map.of("label", "Kafka", "required", false))));
        posting.put("location", new LinkedHashMap<>(Map.of("lat", 30.5728, "lon", 104.0668, "regionCode", "510100",
                "address", "Tianfu Software Park, Chengdu")));
        posting.put("workplace", "HYBRID");
        posting.put("employmentType", "FULL_TIME");
        posting.put("salary", new LinkedHashMap<>(Map.of("min", 12000, "max", 18000, "currency", "CNY",
                "period", "MONTH")));
        posting.put("vacancies", 3);
        posting.put("education", "BACHELOR");
        posting.put("minExperienceYears", 1);
        posting.put("targetGroups", List.of("COLLEGE_GRADUATE"));
        posting.put("accommodations", List.of("FLEXIBLE_HOURS"));
        posting.put("campaignCodes", List.of());
        posting.put("validThrough", Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
        posting.put("languages", List.of("zh", "en"));
        return posting;
    }

    protected WebTestClient.ResponseSpec put(TestPartner partner, String externalId, Object body) {
        return http.put().uri("/api/v1/postings/{id}", externalId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body instanceof String s ? s : JSON.writeValueAsString(body))
                .exchange();
    }

    protected WebTestClient.ResponseSpec get(TestPartner partner, String externalId) {
        return http.get().uri("/api/v1/postings/{id}", externalId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + partner.apiKey())
                .exchange();
    }

    protected static JsonNode json(WebTestClient.ResponseSpec response) {
        return JSON.readTree(response.expectBody().returnResult().getResponseBody());
    }

    protected static String externalId() {
        return "JOB-" + UUID.randomUUID();
    }
}
