package org.doorstep.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The manifests against each service's own application.yml: the variables it reads are the ones the Deployment
 * sets, the KEDA consumer group is the group its binding really uses, and its shutdown fits the grace period.
 */
class ServiceConfigurationTest {

    private static final Duration SPRING_DEFAULT_SHUTDOWN_PHASE = Duration.ofSeconds(30);

    static List<String> services() {
        return Manifests.SERVICES;
    }

    static List<String> lagScaledServices() {
        return List.copyOf(ScalingTest.LAG_TOPICS.keySet());
    }

    @ParameterizedTest
    @MethodSource("services")
    void readsTheVariablesTheDeploymentSets(String service) {
        ServiceConfiguration configuration = configuration(service);
        for (Manifests manifests : Manifests.all()) {
            Map<String, String> environment = environment(manifests, service);
            String database = configuration.raw("spring.mongodb.database") != null
                    ? configuration.raw("spring.mongodb.database") : configuration.raw("spring.data.mongodb.database");

            assertThat(configuration.resolve(configuration.raw("server.port"), environment)).as(service + " port")
                    .isEqualTo(environment.get("SERVER_PORT"));
            assertThat(configuration.resolve(configuration.raw("server.port"), Map.of()))
                    .as(service + " local default port").isEqualTo(environment.get("SERVER_PORT"));
            assertThat(configuration.resolve(configuration.raw("spring.mongodb.uri"), environment)).as(service)
                    .isEqualTo(environment.get("MONGODB_URI"));
            assertThat(configuration.resolve(database, environment)).as(service + " database")
                    .isEqualTo(environment.get("MONGODB_DATABASE"));
            assertThat(configuration.resolve(configuration.raw("spring.cloud.stream.kafka.binder.brokers"), environment))
                    .as(service + " brokers").isEqualTo(environment.get("KAFKA_BOOTSTRAP_SERVERS"));
            assertThat(configuration.resolve(configuration.raw("doorstep.operator-token"), environment))
                    .as(service + " operator token").isEqualTo(environment.get("DOORSTEP_OPERATOR_TOKEN"));
            assertThat(configuration.resolve(configuration.raw("doorstep.auditor-token"), environment))
                    .as(service + " auditor token").isEqualTo(environment.get("DOORSTEP_AUDITOR_TOKEN"));
            String logFormat = configuration.resolve(configuration.raw("logging.structured.format.console"), environment);
            assertThat(logFormat).as(service + " structured log format").isIn("ecs", "gelf", "logstash");
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void exposesHealthProbesAndPrometheusOnTheServicePort(String service) {
        ServiceConfiguration configuration = configuration(service);

        assertThat(configuration.raw("management.endpoints.web.exposure.include")).as(service)
                .contains("health").contains("prometheus");
        assertThat(configuration.raw("management.endpoint.health.probes.enabled")).as(service).isEqualTo("true");
        assertThat(configuration.raw("management.server.port")).as(service + " actuator on the main port").isNull();
    }

    @ParameterizedTest
    @MethodSource("services")
    void shutsDownGracefullyWithinTheGracePeriod(String service) {
        ServiceConfiguration configuration = configuration(service);
        String phase = configuration.raw("spring.lifecycle.timeout-per-shutdown-phase");
        Duration shutdown = phase == null ? SPRING_DEFAULT_SHUTDOWN_PHASE : duration(phase);

        assertThat(configuration.raw("server.shutdown")).as(service).isEqualTo("graceful");
        for (Manifests manifests : Manifests.all()) {
            Deployment deployment = manifests.one(Deployment.class, service);
            Container container = Workloads.serviceContainer(manifests, service);
            long pause = Long.parseLong(container.getLifecycle().getPreStop().getExec().getCommand().get(1));
            assertThat(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                    .as(service).isGreaterThan(pause + shutdown.toSeconds());
        }
    }

    @ParameterizedTest
    @MethodSource("lagScaledServices")
    void scalesOnTheConsumerGroupTheServiceReallyUses(String service) {
        ServiceConfiguration configuration = configuration(service);
        String topic = ScalingTest.LAG_TOPICS.get(service);
        for (Manifests manifests : Manifests.all()) {
            Map<String, String> environment = environment(manifests, service);
            List<String> groups = new ArrayList<>();
            for (Map.Entry<String, String> property : configuration.properties().entrySet()) {
                String key = property.getKey();
                if (key.startsWith("spring.cloud.stream.bindings.") && key.endsWith(".destination")
                        && topic.equals(configuration.resolve(property.getValue(), environment))) {
                    String group = configuration.raw(key.substring(0, key.length() - ".destination".length()) + ".group");
                    groups.add(configuration.resolve(group, environment));
                }
            }

            assertThat(groups).as(service + " bindings reading " + topic).isNotEmpty()
                    .containsOnly((String) ScalingTest.kafkaTrigger(manifests, service).get("consumerGroup"));
        }
    }

    @Test
    void namesEveryMatchingInstanceAfterItsPod() {
        String service = "matching-service";
        ServiceConfiguration configuration = configuration(service);
        for (Manifests manifests : Manifests.all()) {
            Map<String, String> environment = environment(manifests, service);

            assertThat(configuration.resolve(configuration.raw("doorstep.instance-id"), environment))
                    .as("the instance id the seekers consumer group is named after").isEqualTo("<field:metadata.name>");
            assertThat(environment.get("DOORSTEP_MATCHING_INSTANCE")).isEqualTo("<field:metadata.name>");
        }
    }

    private static ServiceConfiguration configuration(String service) {
        return ServiceConfiguration.of(service);
    }

    private static Map<String, String> environment(Manifests manifests, String service) {
        return Workloads.environment(manifests, Workloads.serviceContainer(manifests, service));
    }

    private static Duration duration(String value) {
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        return switch (value.charAt(value.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            default -> throw new AssertionError("unexpected duration " + value);
        };
    }
}
