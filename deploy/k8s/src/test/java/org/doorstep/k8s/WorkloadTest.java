package org.doorstep.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import org.doorstep.k8s.Workloads.Workload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Containers, probes, security and shutdown of every workload, in the base and in both overlays. */
class WorkloadTest {

    /** Boot's default spring.lifecycle.timeout-per-shutdown-phase. */
    private static final int SPRING_SHUTDOWN_PHASE_SECONDS = 30;

    static List<Manifests> renders() {
        return Manifests.all();
    }

    @ParameterizedTest
    @MethodSource("renders")
    void givesEveryContainerCpuAndMemoryRequestsAndLimits(Manifests manifests) {
        List<Workload> workloads = Workloads.of(manifests);
        assertThat(workloads).extracting(Workload::toString).contains(
                "Deployment/postings-service", "Deployment/seekers-service", "Deployment/matching-service",
                "Deployment/notification-service", "StatefulSet/mongodb", "Job/mongodb-init");
        for (Workload workload : workloads) {
            for (Container container : workload.allContainers()) {
                String where = workload + " container " + container.getName();
                assertThat(container.getResources()).as(where).isNotNull();
                assertThat(container.getResources().getRequests()).as(where + " requests").containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).as(where + " limits").containsKeys("cpu", "memory");
                for (String resource : List.of("cpu", "memory")) {
                    assertThat(bytes(container.getResources().getRequests().get(resource)))
                            .as(where + " " + resource + " request within limit")
                            .isLessThanOrEqualTo(bytes(container.getResources().getLimits().get(resource)));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void givesEveryJvmAsMuchMemoryAsItMayUseSoItIsNeverKilledForUsingItsLimit(Manifests manifests) {
        for (String service : Manifests.SERVICES) {
            Container container = Workloads.serviceContainer(manifests, service);
            assertThat(bytes(container.getResources().getRequests().get("memory"))).as(service)
                    .isEqualTo(bytes(container.getResources().getLimits().get("memory")));
            assertThat(Workloads.environment(manifests, container).get("JAVA_TOOL_OPTIONS")).as(service)
                    .contains("-XX:MaxRAMPercentage=");
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void probesEveryServiceOnItsHttpPortAtTheActuatorHealthGroups(Manifests manifests) {
        for (String service : Manifests.SERVICES) {
            Container container = Workloads.serviceContainer(manifests, service);
            int serverPort = Integer.parseInt(Workloads.environment(manifests, container).get("SERVER_PORT"));

            assertThat(port(container, container.getLivenessProbe())).as(service + " liveness port").isEqualTo(serverPort);
            assertThat(port(container, container.getReadinessProbe())).as(service + " readiness port").isEqualTo(serverPort);
            assertThat(port(container, container.getStartupProbe())).as(service + " startup port").isEqualTo(serverPort);
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
            assertThat(container.getStartupProbe().getHttpGet().getPath()).startsWith("/actuator/health/");

            Service kubernetesService = manifests.one(Service.class, service);
            assertThat(Workloads.resolvePort(container, kubernetesService.getSpec().getPorts().getFirst().getTargetPort()))
                    .as(service + " Service target port").isEqualTo(serverPort);
            assertThat(Workloads.selects(new io.fabric8.kubernetes.api.model.LabelSelectorBuilder()
                    .withMatchLabels(kubernetesService.getSpec().getSelector()).build(),
                    manifests.one(Deployment.class, service).getSpec().getTemplate().getMetadata().getLabels()))
                    .as(service + " Service selects its pods").isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void givesMatchingServiceTimeToRebuildItsIndexBeforeLivenessChecksStart(Manifests manifests) {
        Container matching = Workloads.serviceContainer(manifests, "matching-service");
        Probe startup = matching.getStartupProbe();

        assertThat(startup.getHttpGet().getPath())
                .as("liveness starts only once the instance is ready, i.e. its index is rebuilt")
                .isEqualTo("/actuator/health/readiness");
        assertThat(budgetSeconds(startup)).isGreaterThanOrEqualTo(manifests == Manifests.prod() ? 1800 : 600);
        for (String service : List.of("postings-service", "seekers-service", "notification-service")) {
            Probe other = Workloads.serviceContainer(manifests, service).getStartupProbe();
            assertThat(budgetSeconds(other)).as(service).isBetween(120, budgetSeconds(startup) - 1);
        }
        assertThat(bytes(matching.getResources().getLimits().get("memory")))
                .as("matching holds its seekers in memory: the largest service")
                .isGreaterThan(bytes(Workloads.serviceContainer(manifests, "postings-service").getResources().getLimits()
                        .get("memory")));
    }

    @ParameterizedTest
    @MethodSource("renders")
    void runsEveryPodAsNonRootWithoutPrivilegesOnAReadOnlyRootFilesystem(Manifests manifests) {
        for (Workload workload : Workloads.of(manifests)) {
            PodSpec pod = workload.template().getSpec();
            assertThat(pod.getSecurityContext()).as(workload.toString()).isNotNull();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(workload + " runAsNonRoot").isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as(workload + " runAsUser").isNotNull().isPositive();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).as(workload + " mounts no API token").isFalse();
            for (Container container : workload.allContainers()) {
                String where = workload + " container " + container.getName();
                assertThat(container.getSecurityContext()).as(where).isNotNull();
                assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(where).isFalse();
                assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(where).isTrue();
                assertThat(container.getSecurityContext().getPrivileged()).as(where).isNotEqualTo(Boolean.TRUE);
                assertThat(container.getSecurityContext().getCapabilities().getDrop()).as(where).containsExactly("ALL");
                assertThat(container.getSecurityContext().getCapabilities().getAdd()).as(where).isNullOrEmpty();
                if (container.getSecurityContext().getRunAsUser() != null) {
                    assertThat(container.getSecurityContext().getRunAsUser()).as(where).isPositive();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void givesEveryServiceAWritableTmpOnAnEmptyDir(Manifests manifests) {
        for (String service : Manifests.SERVICES) {
            PodSpec pod = manifests.one(Deployment.class, service).getSpec().getTemplate().getSpec();
            Container container = Workloads.serviceContainer(manifests, service);
            String volumeName = container.getVolumeMounts().stream()
                    .filter(mount -> mount.getMountPath().equals("/tmp"))
                    .map(mount -> mount.getName())
                    .findFirst().orElseThrow(() -> new AssertionError(service + " mounts nothing on /tmp"));
            Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(volumeName)).findFirst()
                    .orElseThrow(() -> new AssertionError(service + " has no volume " + volumeName));
            assertThat(volume.getEmptyDir()).as(service + " /tmp").isNotNull();
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void letsEveryServiceFinishInFlightWorkBeforeItIsKilled(Manifests manifests) {
        for (String service : Manifests.SERVICES) {
            PodSpec pod = manifests.one(Deployment.class, service).getSpec().getTemplate().getSpec();
            Container container = Workloads.serviceContainer(manifests, service);
            List<String> preStop = container.getLifecycle().getPreStop().getExec().getCommand();
            assertThat(preStop).as(service).hasSize(2).first().isEqualTo("sleep");
            int pause = Integer.parseInt(preStop.get(1));

            assertThat(pause).as(service + " pause for endpoint removal").isBetween(5, 30);
            assertThat(pod.getTerminationGracePeriodSeconds()).as(service + " grace period")
                    .isGreaterThan((long) pause + SPRING_SHUTDOWN_PHASE_SECONDS);
            assertThat(manifests.one(Deployment.class, service).getSpec().getStrategy().getRollingUpdate()
                    .getMaxUnavailable().getIntVal()).as(service + " rolling update keeps full capacity").isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void announcesEveryServiceToPrometheusOnItsPort(Manifests manifests) {
        for (String service : Manifests.SERVICES) {
            Map<String, String> annotations = manifests.one(Deployment.class, service).getSpec().getTemplate()
                    .getMetadata().getAnnotations();
            String port = Workloads.environment(manifests, Workloads.serviceContainer(manifests, service)).get("SERVER_PORT");
            assertThat(annotations).as(service).containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/port", port)
                    .containsEntry("prometheus.io/path", "/actuator/prometheus");
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void givesEveryServiceTheVariablesTheServicesRead(Manifests manifests) {
        Map<String, String> databases = Map.of("postings-service", "postings", "seekers-service", "seekers",
                "matching-service", "matching", "notification-service", "notifications");
        Map<String, String> ports = Map.of("postings-service", "8081", "seekers-service", "8082",
                "matching-service", "8083", "notification-service", "8084");
        for (String service : Manifests.SERVICES) {
            Map<String, String> environment = Workloads.environment(manifests, Workloads.serviceContainer(manifests, service));

            assertThat(environment).as(service).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "MONGODB_URI",
                    "SPRING_PROFILES_ACTIVE", "DOORSTEP_OPERATOR_TOKEN", "DOORSTEP_AUDITOR_TOKEN");
            assertThat(environment.get("SERVER_PORT")).as(service).isEqualTo(ports.get(service));
            assertThat(environment.get("MONGODB_DATABASE")).as(service).isEqualTo(databases.get(service));
            assertThat(environment.get("DOORSTEP_OPERATOR_TOKEN")).isEqualTo("<secret:doorstep-auth/operator-token>");
            assertThat(environment.get("DOORSTEP_AUDITOR_TOKEN")).isEqualTo("<secret:doorstep-auth/auditor-token>");
            assertThat(environment.get("MONGODB_URI")).as(service)
                    .startsWith("mongodb://" + service + ":<secret:doorstep-mongodb/")
                    .contains("@mongodb-0.mongodb:27017")
                    .contains("replicaSet=rs0")
                    .doesNotContain("$(");
        }
        assertThat(Workloads.environment(manifests, Workloads.serviceContainer(manifests, "matching-service"))
                .get("DOORSTEP_MATCHING_INSTANCE")).isEqualTo("<field:metadata.name>");
    }

    @ParameterizedTest
    @MethodSource("renders")
    void sharesTheSeekerTokenSecretOnlyWithTheServicesThatIssueOrCheckSeekerTokens(Manifests manifests) {
        for (String service : Manifests.SERVICES) {
            Map<String, String> environment = Workloads.environment(manifests, Workloads.serviceContainer(manifests, service));
            if (service.equals("seekers-service") || service.equals("notification-service")) {
                assertThat(environment.get("DOORSTEP_SEEKER_JWT_SECRET")).as(service)
                        .isEqualTo("<secret:doorstep-auth/seeker-jwt-secret>");
            } else {
                assertThat(environment).as(service).doesNotContainKey("DOORSTEP_SEEKER_JWT_SECRET");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void definesEveryVariableBeforeAValueRefersToIt(Manifests manifests) {
        for (Workload workload : Workloads.of(manifests)) {
            for (Container container : workload.allContainers()) {
                Map<String, String> defined = new java.util.LinkedHashMap<>();
                if (container.getEnvFrom() != null) {
                    container.getEnvFrom().forEach(source ->
                            defined.putAll(manifests.one(ConfigMap.class, source.getConfigMapRef().getName()).getData()));
                }
                for (var variable : container.getEnv() == null ? List.<io.fabric8.kubernetes.api.model.EnvVar>of()
                        : container.getEnv()) {
                    assertThat(Workloads.undefinedReferences(variable.getValue(), defined))
                            .as(workload + " " + variable.getName()).isEmpty();
                    defined.put(variable.getName(), "defined");
                }
            }
        }
    }

    private static int port(Container container, Probe probe) {
        assertThat(probe).as(container.getName() + " probe").isNotNull();
        assertThat(probe.getHttpGet()).as(container.getName() + " HTTP probe").isNotNull();
        return Workloads.resolvePort(container, probe.getHttpGet().getPort());
    }

    private static int budgetSeconds(Probe probe) {
        return probe.getPeriodSeconds() * probe.getFailureThreshold();
    }

    static BigDecimal bytes(Quantity quantity) {
        assertThat(quantity).isNotNull();
        return Quantity.getAmountInBytes(quantity);
    }
}
