package org.doorstep.seekers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.spec.SecretKeySpec;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.doorstep.testkit.DoorstepInfrastructure;
import org.doorstep.testkit.EventContract;
import org.doorstep.testkit.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the Spring Boot tests: one context (same configuration everywhere, so Spring caches it) over the
 * real embedded Kafka broker and MongoDB-wire server, and helpers to drive the API as a mobile app would.
 */
@DoorstepInfrastructure
// a full outbox sweep every 2 s (not 5 min): OutboxRelayTest plays an instance that crashed before its relay ran;
// every test here is one client (127.0.0.1), so the per-client limits are out of the way (AbuseLimitTest has them)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"doorstep.outbox.full-sweep-interval=2s",
                "doorstep.limits.registrations.limit-for-period=1000000",
                "doorstep.limits.failed-authentications.limit-for-period=1000000",
                "doorstep.operator-token=" + SeekersServiceTest.OPERATOR_TOKEN,
                "doorstep.auditor-token=" + SeekersServiceTest.AUDITOR_TOKEN})
@AutoConfigureWebTestClient
public abstract class SeekersServiceTest {

    public static final String OPERATOR_TOKEN = "test-operator-token-0123456789";
    public static final String AUDITOR_TOKEN = "test-auditor-token-0123456789";
    protected static final String SEEKERS_TOPIC = "doorstep.seekers.v1";
    protected static final String PREFERENCES_TOPIC = "doorstep.seeker-preferences.v1";
    protected static final String UPSERTED = "org.doorstep.seeker.upserted.v1";
    protected static final String PREFERENCES = "org.doorstep.seeker.preferences.v1";
    protected static final String ERASED = "org.doorstep.seeker.erased.v1";
    protected static final String MERGE_PATCH = "application/merge-patch+json";
    protected static final Duration WAIT = Duration.ofSeconds(60);
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    /** The local development default of doorstep.seeker-tokens.secret (application.yml). */
    protected static final String SECRET = "local-development-only-seeker-token-secret-0123456789";

    /** A complete profile as an app would send it, with consent to use key groups. */
    protected static final String FULL_PROFILE = """
            {
              "displayName": "Li Wei",
              "contact": {"email": "li.wei@example.cn", "phone": "+86 138 0000 0000"},
              "location": {"lat": 30.6598, "lon": 104.0633, "regionCode": "510104"},
              "maxDistanceKm": 15,
              "remoteOk": true,
              "desiredOccupations": ["2512"],
              "skills": [{"label": "Java", "level": "INTERMEDIATE"}, {"label": "SQL", "level": "BASIC"}],
              "education": "BACHELOR",
              "experienceYears": 1,
              "salaryExpectation": {"min": 10000, "currency": "CNY", "period": "MONTH"},
              "employmentTypes": ["FULL_TIME"],
              "languages": ["zh", "en"],
              "keyGroups": ["COLLEGE_GRADUATE"],
              "accommodationNeeds": ["FLEXIBLE_HOURS"],
              "consent": {"keyGroups": true, "shareWithPartners": true},
              "notifications": {
                "channels": ["STREAM", "INBOX"],
                "quietHours": {"start": "22:00", "end": "07:00", "zone": "Asia/Shanghai"},
                "maxPerDay": 20,
                "digest": {"mode": "DAILY", "at": "18:00", "zone": "Asia/Shanghai"},
                "minScore": 0.5
              }
            }""";

    protected WebTestClient http;

    /** Generous timeouts: the build machine is small and shared. */
    @Autowired
    void client(WebTestClient client) {
        http = client.mutate().responseTimeout(Duration.ofSeconds(60)).build();
    }

    protected record Registered(String seekerId, String token) {
    }

    protected Registered register(String profile) {
        JsonNode body = json(http.post().uri("/api/v1/seekers")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(profile)
                .exchange()
                .expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody());
        return new Registered(body.get("seekerId").stringValue(), body.get("token").stringValue());
    }

    protected JsonNode me(Registered seeker) {
        return json(http.get().uri("/api/v1/seekers/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + seeker.token())
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    protected WebTestClient.ResponseSpec put(Registered seeker, String profile) {
        return http.put().uri("/api/v1/seekers/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + seeker.token())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(profile)
                .exchange();
    }

    protected WebTestClient.ResponseSpec patch(Registered seeker, String patch) {
        return http.patch().uri("/api/v1/seekers/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + seeker.token())
                .contentType(MediaType.parseMediaType(MERGE_PATCH))
                .bodyValue(patch)
                .exchange();
    }

    protected static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    protected static JsonNode payload(ConsumerRecord<String, byte[]> record) {
        return json(TopicReader.value(record));
    }

    /** Waits for the event of {@code type} about {@code seekerId} with the given version, and checks its contract. */
    protected static ConsumerRecord<String, byte[]> awaitEvent(TopicReader topic, String type, String seekerId,
                                                               long version) {
        ConsumerRecord<String, byte[]> record = topic.await(r -> seekerId.equals(r.key())
                && type.equals(TopicReader.header(r, "ce_type"))
                && r.value() != null
                && (version < 0 || payload(r).path("version").asLong() == version), WAIT);
        assertThat(EventContract.violations(type, TopicReader.value(record))).isEmpty();
        return record;
    }

    /** A token signed like the service's own, with claims changed by the test. */
    protected static String token(String secret, String issuer, String audience, String subject, Instant expiresAt) {
        NimbusJwtEncoder encoder = NimbusJwtEncoder.withSecretKey(
                new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256")).algorithm(MacAlgorithm.HS256).build();
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(issuer).audience(List.of(audience)).subject(subject)
                .issuedAt(expiresAt.minusSeconds(3600)).expiresAt(expiresAt).id(UUID.randomUUID().toString()).build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
    }

    protected static Map<String, Object> claims(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return JSON.readValue(payload, Map.class);
    }
}
