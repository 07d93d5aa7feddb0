package org.doorstep.k8s;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/** Reads a path out of a custom resource (maps and lists, as parsed). */
final class Tree {

    private Tree() {
    }

    static Object at(GenericKubernetesResource resource, Object... path) {
        Object node = resource.getAdditionalProperties();
        for (Object step : path) {
            if (node instanceof Map<?, ?> map && step instanceof String key) {
                node = map.get(key);
            } else if (node instanceof List<?> list && step instanceof Integer index) {
                node = index < list.size() ? list.get(index) : null;
            } else {
                return null;
            }
        }
        return node;
    }

    static String string(GenericKubernetesResource resource, Object... path) {
        Object value = at(resource, path);
        return value == null ? null : value.toString();
    }

    static int integer(GenericKubernetesResource resource, Object... path) {
        Object value = at(resource, path);
        if (!(value instanceof Number number)) {
            throw new AssertionError(resource.getKind() + "/" + resource.getMetadata().getName()
                    + " has no number at " + List.of(path) + ": " + value);
        }
        return number.intValue();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(GenericKubernetesResource resource, Object... path) {
        Object value = at(resource, path);
        return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(GenericKubernetesResource resource, Object... path) {
        Object value = at(resource, path);
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
