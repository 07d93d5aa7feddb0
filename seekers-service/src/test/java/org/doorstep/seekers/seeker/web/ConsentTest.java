package org.doorstep.seekers.seeker.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.doorstep.seekers.SeekersServiceTest;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ConsentTest extends SeekersServiceTest {

    private static final String WITHOUT_CONSENT = """
            {"location": {"lat": 39.9042, "lon": 116.4074}, "keyGroups": ["MIGRANT_WORKER", "DISABLED"],
             "accommodationNeeds": ["WHEELCHAIR_ACCESS"], "consent": {"keyGroups": false}}""";

    @Test
    void dropsKeyGroupsAndAccommodationNeedsGivenWithoutConsent() {
        try (TopicReader seekers = TopicReader.of(SEEKERS_TOPIC)) {
            Registered seeker = register(WITHOUT_CONSENT);

            JsonNode me = me(seeker);
            assertThat(me.get("keyGroups").isEmpty()).isTrue();
            assertThat(me.get("accommodationNeeds").isEmpty()).isTrue();
            assertThat(me.get("consentRecords").isEmpty()).isTrue();
            JsonNode event = payload(awaitEvent(seekers, UPSERTED, seeker.seekerId(), 1));
            assertThat(event.get("keyGroups").isEmpty()).isTrue();
            assertThat(event.get("accommodationNeeds").isEmpty()).isTrue();
        }
    }

    @Test
    void keepsAndPublishesKeyGroupsSentWithConsentAndRecordsWhoWhenAndWhatFor() {
        try (TopicReader seekers = TopicReader.of(SEEKERS_TOPIC)) {
            Registered seeker = register(WITHOUT_CONSENT);

            patch(seeker, """
                    {"consent": {"keyGroups": true}, "keyGroups": ["MIGRANT_WORKER", "DISABLED"],
                     "accommodationNeeds": ["WHEELCHAIR_ACCESS"]}""").expectStatus().isOk();

            JsonNode me = me(seeker);
            assertThat(me.get("keyGroups").toString()).isEqualTo("[\"MIGRANT_WORKER\",\"DISABLED\"]");
            JsonNode record = me.at("/consentRecords/0");
            assertThat(record.get("purpose").stringValue()).isEqualTo("KEY_GROUPS");
            assertThat(record.get("given").booleanValue()).isTrue();
            assertThat(record.get("by").stringValue()).isEqualTo(seeker.seekerId());
            assertThat(record.get("via").stringValue()).isEqualTo("PATCH /api/v1/seekers/me");
            assertThat(record.get("at").stringValue()).isNotBlank();
            assertThat(record.get("description").stringValue()).contains("key-group");
            JsonNode event = payload(awaitEvent(seekers, UPSERTED, seeker.seekerId(), 2));
            assertThat(event.get("keyGroups").toString()).isEqualTo("[\"MIGRANT_WORKER\",\"DISABLED\"]");
            assertThat(event.get("accommodationNeeds").toString()).isEqualTo("[\"WHEELCHAIR_ACCESS\"]");
        }
    }

    @Test
    void withdrawingConsentRemovesKeyGroupsAndRepublishesWithoutThem() {
        try (TopicReader seekers = TopicReader.of(SEEKERS_TOPIC)) {
            Registered seeker = register(FULL_PROFILE);
            assertThat(payload(awaitEvent(seekers, UPSERTED, seeker.seekerId(), 1)).get("keyGroups").isEmpty()).isFalse();

            patch(seeker, "{\"consent\": {\"keyGroups\": false}}").expectStatus().isOk();

            JsonNode event = payload(awaitEvent(seekers, UPSERTED, seeker.seekerId(), 2));
            assertThat(event.get("keyGroups").isEmpty()).isTrue();
            assertThat(event.get("accommodationNeeds").isEmpty()).isTrue();
            JsonNode me = me(seeker);
            assertThat(me.get("keyGroups").isEmpty()).isTrue();
            assertThat(me.get("accommodationNeeds").isEmpty()).isTrue();
            JsonNode withdrawal = me.at("/consentRecords/2");
            assertThat(withdrawal.get("purpose").stringValue()).isEqualTo("KEY_GROUPS");
            assertThat(withdrawal.get("given").booleanValue()).isFalse();

            // consent given again does not bring back what was removed
            patch(seeker, "{\"consent\": {\"keyGroups\": true}}").expectStatus().isOk();
            assertThat(me(seeker).get("keyGroups").isEmpty()).isTrue();
        }
    }

    @Test
    void withdrawingConsentToShareRepublishesOnlyThePreferences() {
        try (TopicReader seekers = TopicReader.of(SEEKERS_TOPIC);
             TopicReader preferences = TopicReader.of(PREFERENCES_TOPIC)) {
            Registered seeker = register(FULL_PROFILE);
            assertThat(payload(awaitEvent(preferences, PREFERENCES, seeker.seekerId(), 1))
                    .get("shareWithPartners").booleanValue()).isTrue();

            patch(seeker, "{\"consent\": {\"shareWithPartners\": false}}").expectStatus().isOk();
            patch(seeker, "{\"experienceYears\": 2}").expectStatus().isOk();

            assertThat(payload(awaitEvent(preferences, PREFERENCES, seeker.seekerId(), 2))
                    .get("shareWithPartners").booleanValue()).isFalse();
            awaitEvent(seekers, UPSERTED, seeker.seekerId(), 3);
            assertThat(seekers.forKey(seeker.seekerId())).extracting(r -> payload(r).get("version").asLong())
                    .containsExactly(1L, 3L);
        }
    }
}
