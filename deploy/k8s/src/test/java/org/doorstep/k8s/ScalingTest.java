package org.doorstep.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Disruption budgets and autoscaling: HPA on CPU, KEDA on consumer lag for the two consumers that need it. */
class ScalingTest {

    /** Service → the topic whose consumer lag scales it (DESIGN 9: matching and notification). */
    static final Map<String, String> LAG_TOPICS = Map.of(
            "matching-service", "doorstep.postings.v1",
            "notification-service", "doorstep.matches.v1");

    static List<Manifests> renders() {
        return Manifests.all();
    }

    static List<Manifests> overlays() {
        return Manifests.overlays();
    }

    @ParameterizedTest
    @MethodSource("renders")
    void protectsEveryServiceAndMongoDbWithADisruptionBudgetThatStillLetsNodesDrain(Manifests manifests) {
        Map<String, Map<String, String>> podLabels = new java.util.LinkedHashMap<>();
        Manifests.SERVICES.forEach(service -> podLabels.put(service,
                manifests.one(Deployment.class, service).getSpec().getTemplate().getMetadata().getLabels()));
        podLabels.put("mongodb", manifests.one(StatefulSet.class, "mongodb").getSpec().getTemplate().getMetadata()
                .getLabels());

        for (Map.Entry<String, Map<String, String>> workload : podLabels.entrySet()) {
            List<PodDisruptionBudget> budgets = manifests.all(PodDisruptionBudget.class).stream()
                    .filter(pdb -> Workloads.selects(pdb.getSpec().getSelector(), workload.getValue()))
                    .toList();
            assertThat(budgets).as(workload.getKey()).hasSize(1);
            PodDisruptionBudget budget = budgets.getFirst();
            assertThat(budget.getSpec().getMinAvailable()).as(workload.getKey()).isNull();
            assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).as(workload.getKey()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void autoscalesEveryServiceOnCpuThroughExactlyOneAutoscaler(Manifests manifests) {
        for (String service : Manifests.SERVICES) {
            List<HorizontalPodAutoscaler> hpas = manifests.all(HorizontalPodAutoscaler.class).stream()
                    .filter(hpa -> hpa.getSpec().getScaleTargetRef().getKind().equals("Deployment")
                            && hpa.getSpec().getScaleTargetRef().getName().equals(service))
                    .toList();
            List<GenericKubernetesResource> scaledObjects = scaledObjectsOf(manifests, service);

            assertThat(hpas.size() + scaledObjects.size())
                    .as(service + ": two autoscalers on one Deployment fight each other").isEqualTo(1);
            List<Integer> cpuTargets = new ArrayList<>();
            hpas.forEach(hpa -> hpa.getSpec().getMetrics().stream()
                    .filter(metric -> metric.getType().equals("Resource") && metric.getResource().getName().equals("cpu"))
                    .forEach(metric -> cpuTargets.add(metric.getResource().getTarget().getAverageUtilization())));
            scaledObjects.forEach(so -> Tree.list(so, "spec", "triggers").stream()
                    .filter(trigger -> "cpu".equals(trigger.get("type")))
                    .forEach(trigger -> cpuTargets.add(Integer.parseInt(
                            (String) ((Map<?, ?>) trigger.get("metadata")).get("value")))));
            assertThat(cpuTargets).as(service + " CPU utilisation target").singleElement()
                    .satisfies(target -> assertThat(target).isBetween(50, 90));
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void leavesTheReplicaCountOfEveryServiceToItsAutoscaler(Manifests manifests) {
        for (String service : Manifests.SERVICES) {
            assertThat(manifests.one(Deployment.class, service).getSpec().getReplicas()).as(service).isNull();
        }
        for (HorizontalPodAutoscaler hpa : manifests.all(HorizontalPodAutoscaler.class)) {
            assertThat(hpa.getSpec().getMinReplicas()).as(hpa.getMetadata().getName()).isPositive()
                    .isLessThanOrEqualTo(hpa.getSpec().getMaxReplicas());
        }
        for (String service : LAG_TOPICS.keySet()) {
            GenericKubernetesResource so = scaledObjectsOf(manifests, service).getFirst();
            assertThat(Tree.integer(so, "spec", "minReplicaCount")).as(service).isPositive()
                    .isLessThanOrEqualTo(Tree.integer(so, "spec", "maxReplicaCount"));
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void scalesMatchingAndNotificationOnTheConsumerLagOfTheTopicTheyConsume(Manifests manifests) {
        for (Map.Entry<String, String> entry : LAG_TOPICS.entrySet()) {
            Map<String, Object> kafka = kafkaTrigger(manifests, entry.getKey());

            assertThat(kafka.get("topic")).as(entry.getKey()).isEqualTo(entry.getValue());
            // which group: ServiceConfigurationTest compares it with the service's own bindings
            assertThat((String) kafka.get("consumerGroup")).as(entry.getKey()).isNotBlank();
            assertThat(Integer.parseInt((String) kafka.get("lagThreshold"))).as(entry.getKey()).isPositive();
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void neverScalesAConsumerBeyondThePartitionsOfTheTopicItScalesOn(Manifests manifests) {
        for (Map.Entry<String, String> entry : LAG_TOPICS.entrySet()) {
            GenericKubernetesResource so = scaledObjectsOf(manifests, entry.getKey()).getFirst();
            int partitions = Tree.integer(manifests.oneCustom("KafkaTopic", entry.getValue()), "spec", "partitions");

            assertThat(Tree.integer(so, "spec", "maxReplicaCount"))
                    .as(entry.getKey() + ": replicas beyond the partitions of " + entry.getValue() + " sit idle")
                    .isLessThanOrEqualTo(partitions);
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void waitsOutTheLagBurstOfARebalanceBeforeAddingMatchingReplicas(Manifests manifests) {
        GenericKubernetesResource so = scaledObjectsOf(manifests, "matching-service").getFirst();

        assertThat(Tree.integer(so, "spec", "advanced", "horizontalPodAutoscalerConfig", "behavior", "scaleUp",
                "stabilizationWindowSeconds")).isGreaterThanOrEqualTo(300);
        assertThat(Tree.integer(so, "spec", "cooldownPeriod")).as("an index rebuild is expensive").isGreaterThanOrEqualTo(600);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void pointsKedaAtKafkaByTheNameThatResolvesFromKedasOwnNamespace(Manifests manifests) {
        for (String service : LAG_TOPICS.keySet()) {
            assertThat(kafkaTrigger(manifests, service).get("bootstrapServers")).as(service)
                    .isEqualTo("doorstep-kafka-bootstrap." + manifests.namespace() + ".svc:"
                            + StrimziModel.kafka(manifests).getSpec().getKafka().getListeners().getFirst().getPort());
        }
    }

    static List<GenericKubernetesResource> scaledObjectsOf(Manifests manifests, String service) {
        return manifests.custom("ScaledObject").stream()
                .filter(so -> "Deployment".equals(Tree.string(so, "spec", "scaleTargetRef", "kind"))
                        && service.equals(Tree.string(so, "spec", "scaleTargetRef", "name")))
                .toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> kafkaTrigger(Manifests manifests, String service) {
        List<GenericKubernetesResource> scaledObjects = scaledObjectsOf(manifests, service);
        assertThat(scaledObjects).as(service + " ScaledObject").hasSize(1);
        List<Map<String, Object>> kafka = Tree.list(scaledObjects.getFirst(), "spec", "triggers").stream()
                .filter(trigger -> "kafka".equals(trigger.get("type")))
                .toList();
        assertThat(kafka).as(service + " kafka trigger").hasSize(1);
        return (Map<String, Object>) kafka.getFirst().get("metadata");
    }
}
