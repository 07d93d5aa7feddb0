package org.doorstep.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ProcessNameTest {

    @Test
    void shortNamesAndInstancesNameTheRecordedProcess() {
        assertThat(ProcessName.canonical("store")).isEqualTo("mongo");
        assertThat(ProcessName.canonical("broker")).isEqualTo("kafka");
        assertThat(ProcessName.canonical("matching")).isEqualTo("matching-service");
        assertThat(ProcessName.canonical("Notification-2")).isEqualTo("notification-service-2");
        assertThat(ProcessName.canonical("matching-service-1")).isEqualTo("matching-service");
        assertThat(ProcessName.canonical("postings-service")).isEqualTo("postings-service");
        assertThat(ProcessName.canonical("Console")).isEqualTo("console");
    }

    @Test
    void anythingElseIsRefusedWithTheNamesItTakes() {
        assertThatThrownBy(() -> ProcessName.canonical("payments")).isInstanceOf(PlatformException.class)
                .hasMessageContaining("postings, seekers, matching, notification");
        assertThatThrownBy(() -> ProcessName.canonical("matching-0")).isInstanceOf(PlatformException.class);
        assertThatThrownBy(() -> ProcessName.canonical("matching-x")).isInstanceOf(PlatformException.class);
    }

    @Test
    void aSecondInstanceListensOneHundredPortsAbove() {
        PlatformSettings settings = PlatformSettings.fromEnvironment(Map.of());
        assertThat(ProcessName.instance("notification-service-2", settings).port()).isEqualTo(8184);
        assertThat(ProcessName.instance("seekers-service", settings).port()).isEqualTo(8082);
    }
}
