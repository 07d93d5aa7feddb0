package org.doorstep.seekers.seeker.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.doorstep.seekers.SeekersServiceTest;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

class RegistrationTest extends SeekersServiceTest {

    @Autowired
    ReactiveMongoTemplate mongo;

    @Test
    void registersASeekerAndIssuesAnHs256TokenNamingIt() {
        Registered seeker = register(FULL_PROFILE);

        Map<String, Object> claims = claims(seeker.token());
        assertThat(claims).containsEntry("iss", "doorstep-seekers").containsEntry("sub", seeker.seekerId())
                .containsKey("jti").containsKey("iat");
        assertThat(claims.get("aud")).isIn("doorstep", List.of("doorstep"));
        long exp = ((Number) claims.get("exp")).longValue();
        assertThat(Instant.ofEpochSecond(exp)).isBetween(Instant.now().plus(29, ChronoUnit.DAYS),
                Instant.now().plus(31, ChronoUnit.DAYS));
        assertThat(new String(java.util.Base64.getUrlDecoder().decode(seeker.token().split("\\.")[0])))
                .contains("\"HS256\"");
    }

    @Test
    void storesTheProfileInItsOwnSeekersDatabase() {
        Registered seeker = register(FULL_PROFILE);

        assertThat(mongo.getMongoDatabase().block().getName()).isEqualTo("seekers");
        Document stored = mongo.findById(seeker.seekerId(), Document.class, "seekers").block();
        assertThat(stored).isNotNull();
        assertThat(stored.get("profile", Document.class).getString("displayName")).isEqualTo("Li Wei");
    }

    @Test
    void returnsTheWholeProfileToItsOwner() {
        Registered seeker = register(FULL_PROFILE);

        JsonNode me = me(seeker);
        assertThat(me.get("seekerId").stringValue()).isEqualTo(seeker.seekerId());
        assertThat(me.get("version").asLong()).isEqualTo(1);
        assertThat(me.get("displayName").stringValue()).isEqualTo("Li Wei");
        assertThat(me.at("/contact/email").stringValue()).isEqualTo("li.wei@example.cn");
        assertThat(me.at("/location/lat").asDouble()).isEqualTo(30.6598);
        assertThat(me.at("/keyGroups/0").stringValue()).isEqualTo("COLLEGE_GRADUATE");
        assertThat(me.at("/notifications/quietHours/zone").stringValue()).isEqualTo("Asia/Shanghai");
        assertThat(me.at("/consentRecords/0/purpose").stringValue()).isEqualTo("KEY_GROUPS");
        assertThat(me.at("/consentRecords/0/by").stringValue()).isEqualTo(seeker.seekerId());
        assertThat(me.at("/consentRecords/0/via").stringValue()).isEqualTo("POST /api/v1/seekers");
        assertThat(me.get("createdAt").stringValue()).endsWith("Z");
    }

    @Test
    void publishesTheMatchingViewAndThePreferencesAsTheirContractsSay() {
        try (TopicReader seekers = TopicReader.of(SEEKERS_TOPIC); TopicReader preferences = TopicReader.of(PREFERENCES_TOPIC)) {
            Registered seeker = register(FULL_PROFILE);

            ConsumerRecord<String, byte[]> upserted = awaitEvent(seekers, UPSERTED, seeker.seekerId(), 1);
            assertThat(TopicReader.header(upserted, "ce_specversion")).isEqualTo("1.0");
            assertThat(TopicReader.header(upserted, "ce_source")).isEqualTo("//doorstep/seekers-service");
            assertThat(TopicReader.header(upserted, "ce_subject")).isEqualTo(seeker.seekerId());
            assertThat(TopicReader.header(upserted, "content-type")).isEqualTo("application/json");
            assertThat(TopicReader.header(upserted, "ce_id")).matches("[0-9a-f-]{36}");
            assertThat(Instant.parse(TopicReader.header(upserted, "ce_time"))).isBefore(Instant.now().plusSeconds(1));
            String upsertedJson = TopicReader.value(upserted);
            assertThat(upsertedJson).doesNotContain("Li Wei", "li.wei@example.cn", "displayName", "contact", "138");
            JsonNode data = payload(upserted);
            assertThat(data.at("/keyGroups/0").stringValue()).isEqualTo("COLLEGE_GRADUATE");
            assertThat(data.at("/accommodationNeeds/0").stringValue()).isEqualTo("FLEXIBLE_HOURS");
            assertThat(data.at("/skills/0/label").stringValue()).isEqualTo("Java");

            ConsumerRecord<String, byte[]> prefs = awaitEvent(preferences, PREFERENCES, seeker.seekerId(), 1);
            String prefsJson = TopicReader.value(prefs);
            assertThat(prefsJson).doesNotContain("Li Wei", "li.wei@example.cn", "keyGroups", "COLLEGE_GRADUATE",
                    "accommodation", "FLEXIBLE_HOURS");
            assertThat(payload(prefs).get("shareWithPartners").booleanValue()).isTrue();
            assertThat(payload(prefs).at("/digest/mode").stringValue()).isEqualTo("DAILY");
            assertThat(TopicReader.header(prefs, "ce_type")).isEqualTo(PREFERENCES);
        }
    }

    @Test
    void registersWithAnEmptyProfileAndSensibleDefaults() {
        try (TopicReader preferences = TopicReader.of(PREFERENCES_TOPIC)) {
            Registered seeker = register("{}");

            JsonNode me = me(seeker);
            assertThat(me.get("remoteOk").booleanValue()).isFalse();
            assertThat(me.at("/notifications/channels").toString()).isEqualTo("[\"STREAM\",\"INBOX\"]");
            assertThat(me.at("/notifications/minScore").asDouble()).isZero();
            assertThat(me.at("/consent/shareWithPartners").booleanValue()).isFalse();
            JsonNode prefs = payload(awaitEvent(preferences, PREFERENCES, seeker.seekerId(), 1));
            assertThat(prefs.at("/digest/mode").stringValue()).isEqualTo("NONE");
        }
    }

    @Test
    void refusesARegistrationThatIsNotJson() {
        http.post().uri("/api/v1/seekers").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"displayName\": ")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://doorstep.example/problems/validation")
                .jsonPath("$.errors[0].reason").value(reason -> assertThat((String) reason).startsWith("malformed JSON"));
    }

    @Test
    void answersProblemJsonForAnUnknownPath() {
        http.get().uri("/api/v1/nothing-here").header(HttpHeaders.AUTHORIZATION, "Bearer " + register("{}").token())
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
