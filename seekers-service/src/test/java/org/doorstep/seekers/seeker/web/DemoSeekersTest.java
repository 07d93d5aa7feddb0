package org.doorstep.seekers.seeker.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.doorstep.seekers.seeker.Profile;
import org.doorstep.testkit.EventContract;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The local platform's demo registers these seekers; each must pass this service's validation. */
class DemoSeekersTest {

    @Test
    void everyDemoSeekerIsAValidProfile() throws Exception {
        Path sample = EventContract.folder().getParent().resolve("deploy/local/demo/seekers.json");
        assertThat(sample).as("the demo seekers of the local platform").isRegularFile();
        try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
            JsonBodies bodies = new JsonBodies(validation.getValidator());

            JsonNode seekers = JsonMapper.shared().readTree(Files.readString(sample));
            assertThat(seekers.size()).isPositive();
            for (JsonNode seeker : seekers) {
                Profile profile = bodies.profile(seeker.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                assertThat(profile).isNotNull();
            }
        }
    }
}
