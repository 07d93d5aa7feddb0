package org.doorstep.local;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplicasTest {

    private final PlatformSettings settings = PlatformSettings.fromEnvironment(Map.of("DOORSTEP_PROJECT_ROOT", "/tmp/doorstep"));

    @Test
    void readsCountsByShortOrModuleNameAndDefaultsToOneInstance() {
        Replicas replicas = Doorstep.replicas(List.of("up", "--detach", "--replicas", "notification=2,matching-service=3"));

        assertThat(replicas.of(DoorstepService.NOTIFICATION)).isEqualTo(2);
        assertThat(replicas.of(DoorstepService.MATCHING)).isEqualTo(3);
        assertThat(replicas.of(DoorstepService.POSTINGS)).isEqualTo(1);
        assertThat(Doorstep.replicas(List.of("up", "--replicas=matching=2")).of(DoorstepService.MATCHING)).isEqualTo(2);
        assertThat(Doorstep.replicas(List.of("up")).of(DoorstepService.MATCHING)).isEqualTo(1);
    }

    @Test
    void givesEachFurtherInstanceItsOwnNamePortAndInstanceId() {
        ServiceInstance first = ServiceInstance.of(DoorstepService.NOTIFICATION, 1, settings);
        ServiceInstance second = ServiceInstance.of(DoorstepService.NOTIFICATION, 2, settings);

        assertThat(first.name()).isEqualTo("notification-service");
        assertThat(first.port()).isEqualTo(8084);
        assertThat(second.name()).isEqualTo("notification-service-2");
        assertThat(second.port()).isEqualTo(8184);
        assertThat(second.instanceId()).isEqualTo("notification-service-2").isNotEqualTo(first.instanceId());
    }

    @Test
    void refusesServicesThatDoNotScaleThroughKafkaAndCountsOutOfRange() {
        assertThatThrownBy(() -> Replicas.parse("postings=2")).isInstanceOf(PlatformException.class).hasMessageContaining("postings-service runs as one instance");
        assertThatThrownBy(() -> Replicas.parse("matching=9")).isInstanceOf(PlatformException.class).hasMessageContaining("1 to 4");
        assertThatThrownBy(() -> Replicas.parse("matching")).isInstanceOf(PlatformException.class).hasMessageContaining("<service>=<count>");
        assertThatThrownBy(() -> Replicas.parse("search=2")).isInstanceOf(PlatformException.class).hasMessageContaining("no service named 'search'");
    }
}
