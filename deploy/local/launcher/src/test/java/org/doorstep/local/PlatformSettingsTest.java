package org.doorstep.local;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformSettingsTest {

    @Test
    void usesTheDefaultPortsOfTheDesignWhenNothingIsConfigured() {
        PlatformSettings settings = PlatformSettings.fromEnvironment(Map.of("DOORSTEP_PROJECT_ROOT", "/tmp/doorstep"));

        assertThat(settings.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(settings.mongoUri()).isEqualTo("mongodb://127.0.0.1:27017");
        assertThat(settings.postingsPort()).isEqualTo(8081);
        assertThat(settings.notificationPort()).isEqualTo(8084);
        assertThat(settings.consolePort()).isEqualTo(8080);
        assertThat(settings.home().toString()).isEqualTo("/tmp/doorstep/.doorstep");
    }

    @Test
    void takesEachPortFromItsEnvironmentVariable() {
        PlatformSettings settings = PlatformSettings.fromEnvironment(Map.of("DOORSTEP_KAFKA_PORT", "19092", "DOORSTEP_SEEKERS_PORT", "18082",
                "DOORSTEP_CONSOLE_PORT", "18080"));

        assertThat(settings.kafkaPort()).isEqualTo(19092);
        assertThat(settings.seekersPort()).isEqualTo(18082);
        assertThat(settings.consolePort()).isEqualTo(18080);
    }

    @Test
    void refusesAPortThatIsNotANumberNamingTheVariable() {
        assertThatThrownBy(() -> PlatformSettings.fromEnvironment(Map.of("DOORSTEP_MONGO_PORT", "mongo")))
                .isInstanceOf(PlatformException.class)
                .hasMessageContaining("DOORSTEP_MONGO_PORT=mongo");
    }

    @Test
    void theStoreHeapDefaultsToAThirdOfTheMachinesMemoryWithinBounds() {
        long gb = 1024L * 1024 * 1024;
        assertThat(PlatformSettings.defaultStoreHeap(24 * gb)).isEqualTo("8192m");
        assertThat(PlatformSettings.defaultStoreHeap(4 * gb)).as("small machine").isEqualTo("2048m");
        assertThat(PlatformSettings.defaultStoreHeap(256 * gb)).as("large machine").isEqualTo("16384m");
        assertThat(PlatformSettings.defaultStoreHeap(0)).as("memory unknown").isEqualTo("2048m");
        assertThat(PlatformSettings.fromEnvironment(Map.of("DOORSTEP_STORE_HEAP", "6g")).storeHeap()).isEqualTo("6g");
        assertThat(PlatformSettings.fromEnvironment(Map.of()).storeHeap()).matches("[0-9]+m");
    }
}
