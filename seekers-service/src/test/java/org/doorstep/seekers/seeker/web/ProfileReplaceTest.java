package org.doorstep.seekers.seeker.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.doorstep.seekers.SeekersServiceTest;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

class ProfileReplaceTest extends SeekersServiceTest {

    @Test
    void replacesTheProfileAndPublishesTheNewVersion() {
        try (TopicReader seekers = TopicReader.of(SEEKERS_TOPIC)) {
            Registered seeker = register(FULL_PROFILE);
            String moved = FULL_PROFILE.replace("\"lat\": 30.6598, \"lon\": 104.0633", "\"lat\": 31.2304, \"lon\": 121.4737");

            put(seeker, moved).expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(2);

            JsonNode event = payload(awaitEvent(seekers, UPSERTED, seeker.seekerId(), 2));
            assertThat(event.at("/location/lat").asDouble()).isEqualTo(31.2304);
            assertThat(me(seeker).at("/location/lon").asDouble()).isEqualTo(121.4737);
        }
    }

    @Test
    void listsEveryViolationInOneProblemAndChangesNothing() {
        Registered seeker = register(FULL_PROFILE);
        String bad = """
                {"displayName": 42, "location": {"lat": 91, "lon": 104}, "maxDistanceKm": -1,
                 "skills": [{"level": "GURU"}], "education": "KINDERGARTEN", "employmentTypes": ["FULL_TIME", "FULL_TIME"],
                 "salaryExpectation": {"min": 100, "currency": "yuan"}, "favouriteColour": "blue",
                 "notifications": {"quietHours": {"start": "25:00", "end": "07:00", "zone": "Mars/Olympus"},
                                   "digest": {"mode": "DAILY"}, "minScore": 2, "maxPerDay": 1.5, "channels": ["SMS"]},
                 "consent": {"keyGroups": "yes"}}""";

        put(seeker, bad).expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://doorstep.example/problems/validation")
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.errors[*].field").value(fields -> assertThat((java.util.List<String>) fields).contains(
                        "displayName", "location.lat", "maxDistanceKm", "skills[0].level", "skills[0]", "education",
                        "employmentTypes[1]", "salaryExpectation.currency", "salaryExpectation.period",
                        "favouriteColour", "notifications.quietHours.start", "notifications.quietHours.zone",
                        "notifications.digest.at", "notifications.digest.zone", "notifications.minScore",
                        "notifications.maxPerDay", "notifications.channels[0]", "consent.keyGroups"));

        JsonNode me = me(seeker);
        assertThat(me.get("version").asLong()).isEqualTo(1);
        assertThat(me.get("displayName").stringValue()).isEqualTo("Li Wei");
    }

    @Test
    void anUnchangedPutChangesAndPublishesNothing() {
        try (TopicReader seekers = TopicReader.of(SEEKERS_TOPIC);
             TopicReader preferences = TopicReader.of(PREFERENCES_TOPIC)) {
            Registered seeker = register(FULL_PROFILE);

            put(seeker, FULL_PROFILE).expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(1);
            // sending back what GET returned (read-only fields included) is unchanged too
            put(seeker, me(seeker).toString()).expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(1);
            // the next real change is version 2, and the relay publishes in order: nothing came in between
            String changed = FULL_PROFILE.replace("\"maxPerDay\": 20", "\"maxPerDay\": 3")
                    .replace("\"experienceYears\": 1", "\"experienceYears\": 2");
            put(seeker, changed).expectStatus().isOk();

            awaitEvent(seekers, UPSERTED, seeker.seekerId(), 2);
            awaitEvent(preferences, PREFERENCES, seeker.seekerId(), 2);
            assertThat(seekers.forKey(seeker.seekerId())).extracting(r -> payload(r).get("version").asLong())
                    .containsExactly(1L, 2L);
            assertThat(preferences.forKey(seeker.seekerId())).extracting(r -> payload(r).get("version").asLong())
                    .containsExactly(1L, 2L);
        }
    }

    @Test
    void aChangeOfNameOrContactOnlyIsStoredButPublishesNothing() {
        try (TopicReader seekers = TopicReader.of(SEEKERS_TOPIC)) {
            Registered seeker = register(FULL_PROFILE);

            put(seeker, FULL_PROFILE.replace("Li Wei", "Wei Li")).expectStatus().isOk()
                    .expectBody().jsonPath("$.version").isEqualTo(2);
            put(seeker, FULL_PROFILE.replace("Li Wei", "Wei Li").replace("\"experienceYears\": 1", "\"experienceYears\": 4"))
                    .expectStatus().isOk();

            awaitEvent(seekers, UPSERTED, seeker.seekerId(), 3);
            assertThat(seekers.forKey(seeker.seekerId())).extracting(r -> payload(r).get("version").asLong())
                    .containsExactly(1L, 3L);
            assertThat(me(seeker).get("displayName").stringValue()).isEqualTo("Wei Li");
        }
    }
}
