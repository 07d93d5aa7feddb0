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
}
