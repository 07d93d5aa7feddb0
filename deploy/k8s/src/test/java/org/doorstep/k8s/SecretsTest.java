package org.doorstep.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;

import org.doorstep.k8s.Workloads.Workload;
import org.doorstep.k8s.render.Resources;
import org.doorstep.k8s.render.Yaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The manifests refer to Secrets but never carry one; the template names every key they refer to. */
class SecretsTest {

    private static final Path TEMPLATE = Manifests.MODULE.resolve("base/secrets/doorstep-secrets.example.yaml");

    static List<Manifests> renders() {
        return Manifests.all();
    }

    @ParameterizedTest
    @MethodSource("renders")
    void rendersNoSecret(Manifests manifests) {
        assertThat(manifests.documents).noneSatisfy(document ->
                assertThat(Resources.kind(document)).isEqualTo("Secret"));
    }

    @ParameterizedTest
    @MethodSource("renders")
    void findsEverySecretKeyTheWorkloadsReferToInTheTemplate(Manifests manifests) {
        Set<String> available = new HashSet<>();
        templates().forEach(secret -> secret.getStringData().keySet()
                .forEach(key -> available.add(secret.getMetadata().getName() + "/" + key)));
        available.addAll(strimziGenerated(manifests));
        Set<String> referenced = new HashSet<>(customResourceReferences(manifests));
        for (Workload workload : Workloads.of(manifests)) {
            for (Container container : workload.allContainers()) {
                for (EnvVar variable : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
                    if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                        referenced.add(variable.getValueFrom().getSecretKeyRef().getName() + "/"
                                + variable.getValueFrom().getSecretKeyRef().getKey());
                    }
                }
                assertThat(container.getEnvFrom() == null ? List.of() : container.getEnvFrom())
                        .as(workload + " takes no whole Secret into its environment")
                        .allSatisfy(source -> assertThat(((io.fabric8.kubernetes.api.model.EnvFromSource) source)
                                .getSecretRef()).isNull());
            }
            for (Volume volume : workload.template().getSpec().getVolumes() == null ? List.<Volume>of()
                    : workload.template().getSpec().getVolumes()) {
                if (volume.getSecret() != null) {
                    assertThat(volume.getSecret().getItems()).as(workload + " names the keys it mounts").isNotEmpty();
                    volume.getSecret().getItems().forEach(item ->
                            referenced.add(volume.getSecret().getSecretName() + "/" + item.getKey()));
                }
            }
        }

        assertThat(referenced).contains("doorstep-auth/operator-token", "doorstep-auth/auditor-token", "doorstep-mongodb/keyfile",
                "matching-service/sasl.jaas.config", "doorstep-cluster-ca-cert/ca.crt", "doorstep-kafka-keda/password");
        assertThat(available).containsAll(referenced);
    }

    /**
     * What Strimzi writes itself: the cluster CA's public part (Secret &lt;cluster&gt;-cluster-ca-cert) and, for each
     * SCRAM KafkaUser whose password it generates, a Secret of the user's name.
     */
    static Set<String> strimziGenerated(Manifests manifests) {
        Set<String> generated = new HashSet<>();
        String cluster = StrimziModel.kafka(manifests).getMetadata().getName();
        for (String key : List.of("ca.crt", "ca.p12", "ca.password")) {
            generated.add(cluster + "-cluster-ca-cert/" + key);
        }
        for (KafkaUser user : StrimziModel.all(manifests, KafkaUser.class)) {
            if (user.getSpec().getAuthentication() instanceof KafkaUserScramSha512ClientAuthentication scram
                    && scram.getPassword() == null) {
                generated.add(user.getMetadata().getName() + "/password");
                generated.add(user.getMetadata().getName() + "/sasl.jaas.config");
            }
        }
        return generated;
    }

    /** Secret keys the custom resources refer to: a KafkaUser's own password, KEDA's trigger authentications. */
    private static Set<String> customResourceReferences(Manifests manifests) {
        Set<String> referenced = new HashSet<>();
        for (KafkaUser user : StrimziModel.all(manifests, KafkaUser.class)) {
            if (user.getSpec().getAuthentication() instanceof KafkaUserScramSha512ClientAuthentication scram
                    && scram.getPassword() != null) {
                var reference = scram.getPassword().getValueFrom().getSecretKeyRef();
                referenced.add(reference.getName() + "/" + reference.getKey());
            }
        }
        for (GenericKubernetesResource authentication : manifests.custom("TriggerAuthentication")) {
            for (Map<String, Object> target : Tree.list(authentication, "spec", "secretTargetRef")) {
                referenced.add(target.get("name") + "/" + target.get("key"));
            }
        }
        return referenced;
    }

    @Test
    void holdsOnlyPlaceholdersInTheTemplate() {
        List<Secret> secrets = templates();

        assertThat(secrets).extracting(secret -> secret.getMetadata().getName())
                .containsExactlyInAnyOrder("doorstep-auth", "doorstep-mongodb", "doorstep-kafka-keda");
        for (Secret secret : secrets) {
            assertThat(secret.getData()).as(secret.getMetadata().getName()).isNullOrEmpty();
            Map<String, String> values = new java.util.HashMap<>(secret.getStringData());
            if (secret.getMetadata().getName().equals("doorstep-kafka-keda")) {
                // not a secret: the name of the KafkaUser whose password this Secret holds
                assertThat(StrimziModel.one(Manifests.base(), KafkaUser.class, values.remove("username")).getSpec()
                        .getAuthentication()).isInstanceOfSatisfying(KafkaUserScramSha512ClientAuthentication.class,
                        scram -> assertThat(scram.getPassword().getValueFrom().getSecretKeyRef().getName())
                                .isEqualTo("doorstep-kafka-keda"));
            }
            assertThat(values.values()).as(secret.getMetadata().getName())
                    .allSatisfy(value -> assertThat(value).startsWith("REPLACE_ME"));
        }
    }

    @Test
    void keepsTheTemplateOutOfEveryKustomization() {
        for (String kustomization : List.of("base", "overlays/dev", "overlays/prod")) {
            Map<String, Object> file = Yaml.loadAll(Manifests.MODULE.resolve(kustomization).resolve("kustomization.yaml"))
                    .getFirst();
            assertThat(String.valueOf(file.get("resources"))).as(kustomization).doesNotContain("secrets");
        }
    }

    private static List<Secret> templates() {
        return Yaml.loadAll(TEMPLATE).stream().map(document -> KubernetesModel.convert(document, Secret.class)).toList();
    }
}
