package org.doorstep.k8s;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.strimzi.api.kafka.model.common.UnknownPropertyPreserving;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

import org.doorstep.k8s.render.Resources;

/**
 * Strimzi's resources as Strimzi's own API model ({@code io.strimzi:api}, the classes its operators read them into).
 * Strimzi's classes keep a field they do not know in {@code additionalProperties} instead of failing (so that an older
 * model reads a newer resource); {@link #unknownFields} walks the whole object and reports every such field, and
 * every enum value the model could not map (Strimzi reads an unknown enum constant as null), so a misspelled field
 * or value fails the tests.
 */
final class StrimziModel {

    /** The Strimzi kinds this project uses, by {@code apiVersion/kind}. */
    static final Map<String, Class<? extends CustomResource<?, ?>>> KINDS = Map.of(
            "kafka.strimzi.io/v1beta2/Kafka", Kafka.class,
            "kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class,
            "kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class,
            "kafka.strimzi.io/v1beta2/KafkaUser", KafkaUser.class);

    /**
     * Writes every property, even at its default: Strimzi's classes leave out defaults ({@code patternType: literal},
     * {@code deleteClaim: false}), which would look like values the model lost.
     */
    private static final ObjectMapper WRITE_ALL = KubernetesModel.MAPPER.copy()
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public JsonInclude.Value findPropertyInclusion(Annotated annotated) {
                    return JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS);
                }
            });

    private StrimziModel() {
    }

    static boolean isStrimzi(Map<String, Object> document) {
        return KubernetesModel.typeOf(document).startsWith("kafka.strimzi.io/");
    }

    /** A rendered Strimzi document in its model class; fails for a kind or version this project does not use. */
    static HasMetadata typed(Map<String, Object> document) {
        Class<? extends CustomResource<?, ?>> type = KINDS.get(KubernetesModel.typeOf(document));
        if (type == null) {
            throw new IllegalArgumentException("not a Strimzi kind of this project: " + KubernetesModel.typeOf(document)
                    + " " + Resources.id(document));
        }
        return KubernetesModel.convert(document, type);
    }

    static <T extends CustomResource<?, ?>> List<T> all(Manifests manifests, Class<T> type) {
        String kind = HasMetadata.getKind(type);
        return manifests.documents.stream()
                .filter(document -> isStrimzi(document) && Resources.kind(document).equals(kind))
                .map(document -> type.cast(typed(document)))
                .toList();
    }

    static <T extends CustomResource<?, ?>> T one(Manifests manifests, Class<T> type, String name) {
        return all(manifests, type).stream()
                .filter(resource -> resource.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException(manifests + " has no " + type.getSimpleName() + " " + name));
    }

    static Kafka kafka(Manifests manifests) {
        List<Kafka> clusters = all(manifests, Kafka.class);
        if (clusters.size() != 1) {
            throw new AssertionError(manifests + " should declare one Kafka cluster, declares " + clusters.size());
        }
        return clusters.getFirst();
    }

    /** The versions of the kind that Strimzi serves, as its model declares them ({@code VERSIONS}). */
    @SuppressWarnings("unchecked")
    static List<String> servedVersions(Class<?> type) {
        try {
            return (List<String>) type.getField("VERSIONS").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " declares no VERSIONS", e);
        }
    }

    /** The topic's name in Kafka: spec.topicName where set, else the resource's name. */
    static String topicName(KafkaTopic topic) {
        return topic.getSpec().getTopicName() != null ? topic.getSpec().getTopicName() : topic.getMetadata().getName();
    }

    /** Paths of fields that Strimzi's model did not recognise, and of enum values it could not read, anywhere. */
    static List<String> unknownFields(Object model) {
        List<String> unknown = new ArrayList<>();
        collect(model, "", unknown);
        // a derived getter may reach the same object twice
        return unknown.stream().distinct().toList();
    }

    private static void collect(Object node, String path, List<String> unknown) {
        if (node == null) {
            return;
        }
        if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) == null) {
                    unknown.add(path + "[" + i + "] (a value the model could not read)");
                }
                collect(list.get(i), path + "[" + i + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            // free-form maps (Kafka and topic configuration, labels): their keys are not Strimzi's to know
            map.forEach((key, value) -> collect(value, path + "." + key, unknown));
            return;
        }
        if (!isModel(node.getClass())) {
            return;
        }
        if (node instanceof UnknownPropertyPreserving preserving && preserving.getAdditionalProperties() != null) {
            preserving.getAdditionalProperties().keySet().forEach(key -> unknown.add(path + "." + key));
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class
                    || getter.getName().equals("getAdditionalProperties")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // derived getters of the model (e.g. a plural computed from the deprecated singular) may refuse
                continue;
            }
            String child = path + "." + propertyName(getter);
            if (value != null && value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
                // Kubernetes types inside Strimzi's (metadata, resources, network policy peers): fabric8's own check
                KubernetesModel.unknownFields(value).forEach(field -> unknown.add(child + field));
            } else if (value instanceof List<?> || value instanceof Map<?, ?> || (value != null && isModel(value.getClass()))) {
                collect(value, child, unknown);
            }
        }
    }

    /**
     * Paths of the document's values that do not come back when the model is written out again: what the model
     * dropped or could not map (an unknown enum constant, a value of the wrong shape), beyond unknown field names.
     */
    static List<String> lostValues(Map<String, Object> document, HasMetadata model) {
        Map<?, ?> written = WRITE_ALL.convertValue(model, Map.class);
        List<String> lost = new ArrayList<>();
        Map<String, Object> content = new java.util.LinkedHashMap<>(document);
        // the model writes its storage version; which versions it serves is checked apart (servedVersions)
        content.remove("apiVersion");
        compare(content, written, "", lost);
        return lost;
    }

    private static void compare(Object original, Object written, String path, List<String> lost) {
        if (original instanceof Map<?, ?> map) {
            if (!(written instanceof Map<?, ?> writtenMap)) {
                lost.add(path + " (" + written + ")");
                return;
            }
            map.forEach((key, value) -> compare(value, writtenMap.get(key), path + "." + key, lost));
        } else if (original instanceof List<?> list) {
            if (!(written instanceof List<?> writtenList) || writtenList.size() != list.size()) {
                lost.add(path + " (" + written + ")");
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                compare(list.get(i), writtenList.get(i), path + "[" + i + "]", lost);
            }
        } else if (original != null && (written == null || !String.valueOf(original).equals(String.valueOf(written)))) {
            lost.add(path + " (" + original + " came back as " + written + ")");
        }
    }

    private static boolean isModel(Class<?> type) {
        return !type.isEnum() && type.getPackageName().startsWith("io.strimzi.api.kafka.model");
    }

    private static String propertyName(Method getter) {
        String name = getter.getName().substring(3);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
