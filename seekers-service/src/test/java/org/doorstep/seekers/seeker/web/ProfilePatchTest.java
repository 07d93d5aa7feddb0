package org.doorstep.seekers.seeker.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.doorstep.seekers.SeekersServiceTest;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

class ProfilePatchTest extends SeekersServiceTest {

    @Test
    void mergesNestedObjectsAndKeepsWhatThePatchDoesNotMention() {
        Registered seeker = register(FULL_PROFILE);

        patch(seeker, "{\"notifications\": {\"maxPerDay\": 5}, \"remoteOk\": false}").expectStatus().isOk();

        JsonNode me = me(seeker);
        assertThat(me.at("/notifications/maxPerDay").asInt()).isEqualTo(5);
        assertThat(me.at("/notifications/quietHours/start").stringValue()).isEqualTo("22:00");
        assertThat(me.at("/notifications/digest/mode").stringValue()).isEqualTo("DAILY");
        assertThat(me.get("remoteOk").booleanValue()).isFalse();
        assertThat(me.get("displayName").stringValue()).isEqualTo("Li Wei");
        assertThat(me.get("version").asLong()).isEqualTo(2);
    }

    @Test
    void removesMembersSetToNullAndReplacesArraysWhole() {
        Registered seeker = register(FULL_PROFILE);

        patch(seeker, """
                {"displayName": null, "notifications": {"quietHours": null},
                 "skills": [{"label": "Go"}], "contact": {"phone": null}}""").expectStatus().isOk();

        JsonNode me = me(seeker);
        assertThat(me.get("displayName").isNull()).isTrue();
        assertThat(me.at("/notifications/quietHours").isNull()).isTrue();
        assertThat(me.at("/notifications/maxPerDay").asInt()).isEqualTo(20);
        assertThat(me.get("skills").size()).isEqualTo(1);
        assertThat(me.at("/skills/0/label").stringValue()).isEqualTo("Go");
        assertThat(me.at("/contact/phone").isNull()).isTrue();
        assertThat(me.at("/contact/email").stringValue()).isEqualTo("li.wei@example.cn");
    }

    @Test
    void validatesTheMergedResultAndChangesNothingWhenItIsInvalid() {
        Registered seeker = register(FULL_PROFILE);

        patch(seeker, "{\"location\": {\"lat\": 100}, \"shoeSize\": 42, \"notifications\": {\"pager\": true}}")
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field").value(fields -> assertThat((List<String>) fields)
                        .containsExactlyInAnyOrder("location.lat", "shoeSize", "notifications.pager"));

        JsonNode me = me(seeker);
        assertThat(me.get("version").asLong()).isEqualTo(1);
        assertThat(me.at("/location/lat").asDouble()).isEqualTo(30.6598);
    }

    @Test
    void anEmptyPatchChangesNothing() {
        Registered seeker = register(FULL_PROFILE);

        patch(seeker, "{}").expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(1);
    }

    @Test
    void refusesAPatchThatIsNotAnObject() {
        Registered seeker = register(FULL_PROFILE);

        patch(seeker, "[1, 2]").expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void refusesAPatchThatIsNotAMergePatchDocument() {
        Registered seeker = register(FULL_PROFILE);

        http.patch().uri("/api/v1/seekers/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + seeker.token())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"remoteOk\": false}")
                .exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(me(seeker).get("remoteOk").booleanValue()).isTrue();
    }

    @Test
    void publishesWhatAPatchChanged() {
        try (TopicReader seekers = TopicReader.of(SEEKERS_TOPIC)) {
            Registered seeker = register(FULL_PROFILE);

            patch(seeker, "{\"experienceYears\": 3}").expectStatus().isOk();

            assertThat(payload(awaitEvent(seekers, UPSERTED, seeker.seekerId(), 2)).get("experienceYears").asDouble())
                    .isEqualTo(3.0);
        }
    }
}
