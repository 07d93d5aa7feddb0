package org.doorstep.k8s;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Converts rendered documents into the fabric8 Kubernetes model. Standard kinds get their typed class; a field the
 * model does not know lands in an {@code additionalProperties} map, which {@link #unknownFields} finds (a typo such
 * as {@code readinesProbe} parses, but is reported). Custom resources (Strimzi, KEDA) become
 * {@link GenericKubernetesResource}.
 */
final class KubernetesModel {

    static final Map<String, Class<? extends HasMetadata>> STANDARD_KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class));
    static final Set<String> CUSTOM_KINDS = Set.of(
            "kafka.strimzi.io/v1beta2/Kafka",
            "kafka.strimzi.io/v1beta2/KafkaNodePool",
            "kafka.strimzi.io/v1beta2/KafkaTopic",
            "kafka.strimzi.io/v1beta2/KafkaUser",
            "keda.sh/v1alpha1/ScaledObject",
            "keda.sh/v1alpha1/TriggerAuthentication");

    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private KubernetesModel() {
    }

    static String typeOf(Map<String, Object> document) {
        return document.get("apiVersion") + "/" + document.get("kind");
    }

    static String kindOf(Class<? extends HasMetadata> type) {
        return STANDARD_KINDS.entrySet().stream()
                .filter(entry -> entry.getValue().equals(type))
                .map(entry -> entry.getKey().substring(entry.getKey().lastIndexOf('/') + 1))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a kind of this project: " + type));
    }

    static <T> T convert(Map<String, Object> document, Class<T> type) {
        return MAPPER.convertValue(document, type);
    }

    /** Converts a document of a standard kind into its typed model class. */
    static HasMetadata typed(Map<String, Object> document) {
        Class<? extends HasMetadata> type = STANDARD_KINDS.get(typeOf(document));
        if (type == null) {
            throw new IllegalArgumentException("not a standard kind known to this project: " + typeOf(document));
        }
        return convert(document, type);
    }

    /** Paths of fields that the model did not recognise, anywhere in the object. */
    static List<String> unknownFields(Object model) {
        List<String> unknown = new ArrayList<>();
        collect(model, "", unknown);
        return unknown;
    }

    private static void collect(Object node, String path, List<String> unknown) {
        if (node == null) {
            return;
        }
        if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collect(list.get(i), path + "[" + i + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> collect(value, path + "." + key, unknown));
            return;
        }
        if (!node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> unknown.add(path + "." + key));
                }
            } else if (value instanceof List<?> || value instanceof Map<?, ?>
                    || (value != null && value.getClass().getPackageName().startsWith("io.fabric8"))) {
                collect(value, path + "." + propertyName(getter), unknown);
            }
        }
    }

    private static String propertyName(Method getter) {
        String name = getter.getName().substring(3);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
