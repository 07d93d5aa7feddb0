package org.doorstep.seekers.seeker.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.doorstep.seekers.SeekersServiceTest;
import org.doorstep.testkit.TopicReader;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The licences a seeker holds: stored, shown to the seeker, and published to matching (which vetoes on them). */
class LicencesTest extends SeekersServiceTest {

    @Test
    void licencesAreKeptAndPublishedAndAChangeOfThemPublishesAgain() {
        try (TopicReader seekers = TopicReader.of(SEEKERS_TOPIC)) {
            Registered seeker = register(FULL_PROFILE.replace("\"languages\": [\"zh\", \"en\"],",
                    "\"languages\": [\"zh\", \"en\"], \"licences\": [\" forklift licence \"],"));
            assertThat(me(seeker).get("licences")).extracting(JsonNode::stringValue).containsExactly("forklift licence");
            // awaitEvent checks the event against its contract
            JsonNode first = payload(awaitEvent(seekers, UPSERTED, seeker.seekerId(), 1));
            assertThat(first.get("licences")).extracting(JsonNode::stringValue).containsExactly("forklift licence");

            put(seeker, FULL_PROFILE.replace("\"languages\": [\"zh\", \"en\"],",
                    "\"languages\": [\"zh\", \"en\"], \"licences\": [\"forklift licence\", \"first aid\"],"))
                    .expectStatus().isOk();
            JsonNode second = payload(awaitEvent(seekers, UPSERTED, seeker.seekerId(), 2));
            assertThat(second.get("licences")).extracting(JsonNode::stringValue)
                    .containsExactly("forklift licence", "first aid");
        }
    }

    @Test
    void aProfileWithoutLicencesPublishesAnEmptyList() {
        try (TopicReader seekers = TopicReader.of(SEEKERS_TOPIC)) {
            Registered seeker = register(FULL_PROFILE);
            assertThat(payload(awaitEvent(seekers, UPSERTED, seeker.seekerId(), 1)).get("licences").isEmpty()).isTrue();
        }
    }
}
