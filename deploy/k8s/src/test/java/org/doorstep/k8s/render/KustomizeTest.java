package org.doorstep.k8s.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renderer on small kustomizations whose Kustomize output is known (checked with kubectl kustomize 5.5). */
class KustomizeTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: app
              labels: {app.kubernetes.io/name: app}
            spec:
              selector: {matchLabels: {app.kubernetes.io/name: app}}
              template:
                metadata: {labels: {app.kubernetes.io/name: app}}
                spec:
                  initContainers: [{name: init, image: "mongo:7.0"}]
                  containers:
                    - name: app
                      image: doorstep/app
                      env: [{name: A, value: "1"}, {name: B, value: "2"}]
                      args: [--one, --two]
                      resources: {requests: {cpu: 100m, memory: 1Gi}, limits: {memory: 1Gi}}
            """;
    private static final String TOPICS = """
            apiVersion: kafka.strimzi.io/v1beta2
            kind: KafkaTopic
            metadata: {name: topic.one}
            spec: {partitions: 3, replicas: 3, config: {cleanup.policy: compact}}
            ---
            apiVersion: kafka.strimzi.io/v1beta2
            kind: KafkaTopic
            metadata: {name: topic.two}
            spec: {partitions: 6, replicas: 3, config: {cleanup.policy: delete}}
            """;
    private static final String SCALED_OBJECT = """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: app}
            spec:
              triggers: [{type: cpu, metadata: {value: "70"}}, {type: kafka, metadata: {topic: one}}]
            """;

    @TempDir
    Path root;

    @Test
    void setsTheNamespaceOnNamespacedResourcesAndRenamesNamespaceObjects() throws IOException {
        write("base/r.yaml", DEPLOYMENT);
        write("base/kustomization.yaml", "resources: [r.yaml]\n");
        write("ov/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: something-else}\n");
        write("ov/kustomization.yaml", "namespace: team\nresources: [ns.yaml, ../base]\n");

        List<Map<String, Object>> rendered = Kustomize.build(root.resolve("ov"));

        assertThat(rendered).extracting(Resources::id).containsExactly("Namespace/team", "Deployment/team/app");
    }

    @Test
    void addsLabelsToMetadataButNotToSelectorsOrPodTemplates() throws IOException {
        write("r.yaml", DEPLOYMENT);
        write("kustomization.yaml", """
                resources: [r.yaml]
                labels:
                  - pairs: {app.kubernetes.io/part-of: doorstep}
                    includeSelectors: false
                """);

        Map<String, Object> deployment = Kustomize.build(root).getFirst();

        assertThat(at(deployment, "metadata", "labels"))
                .isEqualTo(Map.of("app.kubernetes.io/name", "app", "app.kubernetes.io/part-of", "doorstep"));
        assertThat(at(deployment, "spec", "selector", "matchLabels")).isEqualTo(Map.of("app.kubernetes.io/name", "app"));
        assertThat(at(deployment, "spec", "template", "metadata", "labels"))
                .isEqualTo(Map.of("app.kubernetes.io/name", "app"));
    }

    @Test
    void mergesContainersAndEnvByNamePuttingPatchedItemsFirstAndReplacingPlainLists() throws IOException {
        write("r.yaml", DEPLOYMENT);
        write("p.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          env: [{name: B, value: "3"}, {name: C, value: "4"}]
                          args: [--three]
                          resources: {limits: {memory: 2Gi}}
                """);
        write("kustomization.yaml", "resources: [r.yaml]\npatches: [{path: p.yaml}]\n");

        Map<String, Object> container = container(Kustomize.build(root).getFirst());

        assertThat(container.get("env")).isEqualTo(List.of(
                Map.of("name", "B", "value", "3"), Map.of("name", "C", "value", "4"), Map.of("name", "A", "value", "1")));
        assertThat(container.get("args")).isEqualTo(List.of("--three"));
        assertThat(container.get("resources")).isEqualTo(Map.of(
                "requests", Map.of("cpu", "100m", "memory", "1Gi"), "limits", Map.of("memory", "2Gi")));
        assertThat(container.get("image")).isEqualTo("doorstep/app");
    }

    @Test
    void replacesListsOfCustomResourcesWhole() throws IOException {
        write("r.yaml", SCALED_OBJECT);
        write("p.yaml", """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: app}
                spec:
                  triggers: [{type: kafka, metadata: {topic: two}}]
                """);
        write("kustomization.yaml", "resources: [r.yaml]\npatches: [{path: p.yaml}]\n");

        assertThat(at(Kustomize.build(root).getFirst(), "spec", "triggers"))
                .isEqualTo(List.of(Map.of("type", "kafka", "metadata", Map.of("topic", "two"))));
    }

    @Test
    void appliesATargetedPatchToEveryResourceOfTheKindWhateverNameThePatchCarries() throws IOException {
        write("r.yaml", TOPICS);
        write("p.yaml", """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata: {name: not-a-topic}
                spec: {replicas: 1, config: {min.insync.replicas: 1}}
                """);
        write("kustomization.yaml", "resources: [r.yaml]\npatches: [{path: p.yaml, target: {kind: KafkaTopic}}]\n");

        List<Map<String, Object>> topics = Kustomize.build(root);

        assertThat(topics).extracting(Resources::name).containsExactly("topic.one", "topic.two");
        assertThat(topics).allSatisfy(topic -> {
            assertThat(at(topic, "spec", "replicas")).isEqualTo(1);
            assertThat(at(topic, "spec", "config", "min.insync.replicas")).isEqualTo(1);
        });
        assertThat(at(topics.getLast(), "spec", "config", "cleanup.policy")).isEqualTo("delete");
    }

    @Test
    void rewritesTheImagesItIsAskedForInContainersAndInitContainers() throws IOException {
        write("r.yaml", DEPLOYMENT);
        write("kustomization.yaml", """
                resources: [r.yaml]
                images:
                  - {name: doorstep/app, newName: registry.example.com/doorstep/app, newTag: "1.2.3"}
                  - {name: mongo, newTag: "8.0"}
                  - {name: doorstep/other, newTag: "9"}
                """);

        Map<String, Object> deployment = Kustomize.build(root).getFirst();

        assertThat(container(deployment).get("image")).isEqualTo("registry.example.com/doorstep/app:1.2.3");
        assertThat(((Map<?, ?>) ((List<?>) at(deployment, "spec", "template", "spec", "initContainers")).getFirst())
                .get("image")).isEqualTo("mongo:8.0");
    }

    @Test
    void tellsARegistryPortFromATag() {
        assertThat(Images.repository("registry:5000/doorstep/app")).isEqualTo("registry:5000/doorstep/app");
        assertThat(Images.repository("registry:5000/doorstep/app:1.0")).isEqualTo("registry:5000/doorstep/app");
        assertThat(Images.rewriteOne("mongo:8.0", "mongo", null, "8.0.4")).isEqualTo("mongo:8.0.4");
        assertThat(Images.rewriteOne("mongodb:8.0", "mongo", null, "8.0.4")).isEqualTo("mongodb:8.0");
    }

    @Test
    void refusesKustomizationFieldsItDoesNotImplement() throws IOException {
        write("r.yaml", DEPLOYMENT);
        write("kustomization.yaml", "resources: [r.yaml]\nconfigMapGenerator: [{name: x, literals: [a=b]}]\n");

        assertThatThrownBy(() -> Kustomize.build(root))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("configMapGenerator");
    }

    @Test
    void refusesLabelsMeantForSelectors() throws IOException {
        write("r.yaml", DEPLOYMENT);
        write("kustomization.yaml", "resources: [r.yaml]\nlabels: [{pairs: {a: b}, includeSelectors: true}]\n");

        assertThatThrownBy(() -> Kustomize.build(root)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesAPatchThatMatchesNothing() throws IOException {
        write("r.yaml", DEPLOYMENT);
        write("p.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: typo}\nspec: {replicas: 2}\n");
        write("kustomization.yaml", "resources: [r.yaml]\npatches: [{path: p.yaml}]\n");

        assertThatThrownBy(() -> Kustomize.build(root)).hasMessageContaining("matches no resource");
    }

    @Test
    void refusesMergingListsWhoseMergeKeyItDoesNotKnow() throws IOException {
        // Kubernetes merges container ports by containerPort; this renderer does not implement that
        write("r.yaml", DEPLOYMENT.replace("image: doorstep/app", "image: doorstep/app\n          ports: [{containerPort: 81}]"));
        write("p.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app}
                spec: {template: {spec: {containers: [{name: app, ports: [{containerPort: 80}]}]}}}
                """);
        write("kustomization.yaml", "resources: [r.yaml]\npatches: [{path: p.yaml}]\n");

        assertThatThrownBy(() -> Kustomize.build(root)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("ports");
    }

    @Test
    void refusesTheSameResourceTwice() throws IOException {
        write("a.yaml", DEPLOYMENT);
        write("b.yaml", DEPLOYMENT);
        write("kustomization.yaml", "resources: [a.yaml, b.yaml]\n");

        assertThatThrownBy(() -> Kustomize.build(root)).hasMessageContaining("appears twice");
    }

    private void write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static Object at(Map<String, Object> resource, String... path) {
        Object node = resource;
        for (String step : path) {
            node = ((Map<?, ?>) node).get(step);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(Map<String, Object> deployment) {
        return (Map<String, Object>) ((List<?>) at(deployment, "spec", "template", "spec", "containers")).getFirst();
    }
}
