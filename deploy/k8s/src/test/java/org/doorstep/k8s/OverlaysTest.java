package org.doorstep.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;

import org.doorstep.k8s.Workloads.Workload;
import org.junit.jupiter.api.Test;

/** dev is small and single-node; prod is larger in every dimension and runs released images. */
class OverlaysTest {

    private final Manifests dev = Manifests.dev();
    private final Manifests prod = Manifests.prod();

    @Test
    void installsDevAndProdIntoTheirOwnNamespaces() {
        assertThat(dev.namespace()).isEqualTo("doorstep-dev");
        assertThat(prod.namespace()).isEqualTo("doorstep");
    }

    @Test
    void givesEveryServiceMoreCpuAndMemoryInProdThanInDev() {
        for (String service : Manifests.SERVICES) {
            Container small = Workloads.serviceContainer(dev, service);
            Container large = Workloads.serviceContainer(prod, service);
            for (String resource : List.of("cpu", "memory")) {
                assertThat(WorkloadTest.bytes(large.getResources().getRequests().get(resource)))
                        .as(service + " " + resource + " request")
                        .isGreaterThan(WorkloadTest.bytes(small.getResources().getRequests().get(resource)));
                assertThat(WorkloadTest.bytes(large.getResources().getLimits().get(resource)))
                        .as(service + " " + resource + " limit")
                        .isGreaterThanOrEqualTo(WorkloadTest.bytes(small.getResources().getLimits().get(resource)));
            }
            assertThat(WorkloadTest.bytes(large.getResources().getLimits().get("memory")))
                    .isGreaterThan(WorkloadTest.bytes(small.getResources().getLimits().get("memory")));
        }
    }

    @Test
    void runsMoreReplicasOfEveryServiceInProdAndKeepsOneToSpareForDisruptions() {
        for (String service : List.of("postings-service", "seekers-service")) {
            HorizontalPodAutoscaler small = dev.one(HorizontalPodAutoscaler.class, service);
            HorizontalPodAutoscaler large = prod.one(HorizontalPodAutoscaler.class, service);
            assertThat(large.getSpec().getMinReplicas()).as(service).isGreaterThan(small.getSpec().getMinReplicas())
                    .isGreaterThanOrEqualTo(3);
            assertThat(large.getSpec().getMaxReplicas()).as(service).isGreaterThan(small.getSpec().getMaxReplicas());
        }
        for (String service : List.of("matching-service", "notification-service")) {
            var small = ScalingTest.scaledObjectsOf(dev, service).getFirst();
            var large = ScalingTest.scaledObjectsOf(prod, service).getFirst();
            assertThat(Tree.integer(large, "spec", "minReplicaCount")).as(service)
                    .isGreaterThan(Tree.integer(small, "spec", "minReplicaCount")).isGreaterThanOrEqualTo(3);
            assertThat(Tree.integer(large, "spec", "maxReplicaCount")).as(service)
                    .isGreaterThan(Tree.integer(small, "spec", "maxReplicaCount"));
        }
    }

    @Test
    void runsThreeKafkaNodesAndThreeMongoDbMembersInProdAndOneOfEachInDev() {
        Function<Manifests, Integer> kafkaNodes = m -> m.custom("KafkaNodePool").stream()
                .mapToInt(pool -> Tree.integer(pool, "spec", "replicas")).sum();
        Function<Manifests, Integer> mongoMembers = m -> m.one(StatefulSet.class, "mongodb").getSpec().getReplicas();

        assertThat(kafkaNodes.apply(dev)).isEqualTo(1);
        assertThat(kafkaNodes.apply(prod)).isEqualTo(3);
        assertThat(mongoMembers.apply(dev)).isEqualTo(1);
        assertThat(mongoMembers.apply(prod)).isEqualTo(3);
        assertThat(dev.custom("KafkaTopic")).allSatisfy(topic -> assertThat(Tree.integer(topic, "spec", "replicas")).isEqualTo(1));
        assertThat(prod.custom("KafkaTopic")).allSatisfy(topic -> assertThat(Tree.integer(topic, "spec", "replicas")).isEqualTo(3));
    }

    @Test
    void tagsEveryDoorstepImageInTheOverlaysAndProdWithAReleaseVersion() {
        for (Manifests overlay : List.of(dev, prod)) {
            for (String service : Manifests.SERVICES) {
                assertThat(Workloads.serviceContainer(overlay, service).getImage()).as(overlay + " " + service)
                        .startsWith("doorstep/" + service + ":");
            }
        }
        for (String service : Manifests.SERVICES) {
            assertThat(Workloads.serviceContainer(Manifests.base(), service).getImage())
                    .as("the base leaves the tag to the overlays").isEqualTo("doorstep/" + service);
            assertThat(Workloads.serviceContainer(prod, service).getImage()).as(service)
                    .matches("doorstep/" + service + ":\\d+\\.\\d+\\.\\d+");
        }
        for (Manifests manifests : Manifests.all()) {
            for (Workload workload : Workloads.of(manifests)) {
                for (Container container : workload.allContainers()) {
                    assertThat(container.getImage()).as(manifests + " " + workload)
                            .doesNotEndWith(":latest")
                            .satisfiesAnyOf(image -> assertThat(image).startsWith("doorstep/"),
                                    image -> assertThat(image).matches("mongo:8\\.0(\\.\\d+)?"));
                }
            }
        }
    }
}
