package org.doorstep.local;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebConsoleTest {

    @Test
    void forwardsToInstanceOneOfEachServiceOnItsOwnPort() {
        Map<String, String> env = WebConsole.environment(18080, "http://localhost:18081", "http://localhost:18082",
                "http://localhost:18083", "http://localhost:18084");

        assertThat(env).containsEntry("SERVER_PORT", "18080")
                .containsEntry("DOORSTEP_POSTINGS_URL", "http://localhost:18081")
                .containsEntry("DOORSTEP_SEEKERS_URL", "http://localhost:18082")
                .containsEntry("DOORSTEP_MATCHING_URL", "http://localhost:18083")
                .containsEntry("DOORSTEP_NOTIFICATIONS_URL", "http://localhost:18084")
                // no broker, no store, no secrets: the console holds no data and no token of its own
                .doesNotContainKeys("KAFKA_BOOTSTRAP_SERVERS", "MONGODB_URI", "DOORSTEP_OPERATOR_TOKEN", "DOORSTEP_SEEKER_JWT_SECRET");
    }

    @Test
    void runsWithASmallHeapAndTheC1JitOnly() {
        assertThat(WebConsole.jvmOptions()).contains("-Xmx192m", "-XX:TieredStopAtLevel=1");
    }
}
