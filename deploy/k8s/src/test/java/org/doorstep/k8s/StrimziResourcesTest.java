package org.doorstep.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.strimzi.api.kafka.model.topic.KafkaTopic;

import org.apache.kafka.common.config.TopicConfig;
import org.doorstep.k8s.render.Resources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Strimzi resource reads into Strimzi's own API model, field by field, value by value. */
class StrimziResourcesTest {

    static List<Manifests> renders() {
        return Manifests.all();
    }

    @ParameterizedTest
    @MethodSource("renders")
    void parsesEveryStrimziResourceIntoStrimzisModelWithoutUnknownFieldsOrLostValues(Manifests manifests) {
        Set<String> kinds = new HashSet<>();
        for (Map<String, Object> document : manifests.documents) {
            if (!StrimziModel.isStrimzi(document)) {
                continue;
            }
            HasMetadata resource = StrimziModel.typed(document);
            kinds.add(resource.getKind());

            assertThat(StrimziModel.unknownFields(resource)).as("unknown fields in " + Resources.id(document)).isEmpty();
            assertThat(StrimziModel.lostValues(document, resource)).as("values lost in " + Resources.id(document))
                    .isEmpty();
        }
        assertThat(kinds).containsExactlyInAnyOrder("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser");
    }

    @ParameterizedTest
    @MethodSource("renders")
    void usesAnApiVersionThatStrimzisModelServes(Manifests manifests) {
        for (Map<String, Object> document : manifests.documents) {
            if (StrimziModel.isStrimzi(document)) {
                Class<? extends CustomResource<?, ?>> type = StrimziModel.KINDS.get(KubernetesModel.typeOf(document));
                assertThat(type).as(KubernetesModel.typeOf(document)).isNotNull();
                String version = ((String) document.get("apiVersion")).substring(HasMetadata.getGroup(type).length() + 1);
                assertThat(StrimziModel.servedVersions(type)).as(Resources.id(document)).contains(version);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("renders")
    void configuresTopicsOnlyWithSettingsKafkaKnows(Manifests manifests) {
        Set<String> known = topicConfigNames();
        for (KafkaTopic topic : StrimziModel.all(manifests, KafkaTopic.class)) {
            assertThat(topic.getSpec().getConfig().keySet()).as(StrimziModel.topicName(topic)).isSubsetOf(known);
        }
    }

    @Test
    void reportsAMisspelledFieldAnywhereInAResource() {
        Map<String, Object> kafka = document("Kafka");
        Map<String, Object> user = document("KafkaUser");
        rename(path(kafka, "spec", "kafka"), "listeners", "listners");
        Map<String, Object> rule = firstAcl(user);
        rename(rule, "operations", "operation_s");

        assertThat(StrimziModel.unknownFields(StrimziModel.typed(kafka))).containsExactly(".spec.kafka.listners");
        assertThat(StrimziModel.unknownFields(StrimziModel.typed(user)))
                .containsExactly(".spec.authorization.acls[0].operation_s");
    }

    @Test
    void reportsAValueTheModelCannotMap() {
        Map<String, Object> user = document("KafkaUser");
        Map<String, Object> rule = firstAcl(user);
        rule.put("operations", List.of("Wirte"));
        @SuppressWarnings("unchecked")
        Map<String, Object> resource = (Map<String, Object>) rule.get("resource");
        resource.put("patternType", "prefixed");

        HasMetadata typed = StrimziModel.typed(user);

        assertThat(StrimziModel.unknownFields(typed)).contains(".spec.authorization.acls[0].operations[0] (a value the model could not read)");
        assertThat(StrimziModel.lostValues(user, typed)).anySatisfy(lost ->
                assertThat(lost).startsWith(".spec.authorization.acls[0].resource.patternType"));
    }

    @Test
    void refusesAnAuthenticationTypeStrimziDoesNotHave() {
        Map<String, Object> kafka = document("Kafka");
        @SuppressWarnings("unchecked")
        Map<String, Object> listener = ((List<Map<String, Object>>) path(kafka, "spec", "kafka").get("listeners")).getFirst();
        listener.put("authentication", Map.of("type", "scram-sha-256"));

        assertThatThrownBy(() -> StrimziModel.typed(kafka)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scram-sha-256");
    }

    private static Set<String> topicConfigNames() {
        Set<String> names = new HashSet<>();
        for (Field field : TopicConfig.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getName().endsWith("_CONFIG")
                    && field.getType() == String.class) {
                try {
                    names.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        assertThat(names).contains("cleanup.policy", "retention.ms", "min.insync.replicas");
        return names;
    }

    /** A deep, mutable copy of the base's first document of a kind. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> document(String kind) {
        Map<String, Object> original = Manifests.base().documents.stream()
                .filter(document -> StrimziModel.isStrimzi(document) && Resources.kind(document).equals(kind))
                .findFirst().orElseThrow();
        return KubernetesModel.MAPPER.convertValue(original, LinkedHashMap.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> path(Map<String, Object> document, String... keys) {
        Map<String, Object> node = document;
        for (String key : keys) {
            node = (Map<String, Object>) node.get(key);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstAcl(Map<String, Object> user) {
        return ((List<Map<String, Object>>) path(user, "spec", "authorization").get("acls")).getFirst();
    }

    private static void rename(Map<String, Object> node, String from, String to) {
        node.put(to, node.remove(from));
    }
}
