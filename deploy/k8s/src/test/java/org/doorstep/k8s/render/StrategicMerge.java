package org.doorstep.k8s.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strategic-merge patching as Kustomize does it, for the subset this module needs. Maps merge key by key and a
 * {@code null} value removes the key. For built-in kinds, the lists Kubernetes merges by a key are merged by it
 * (patch items first, merged into the original item of the same key, then the original items the patch does not
 * name: the order Kustomize produces); other lists are replaced. Custom resources have no schema here, so their
 * lists are replaced whole, as with a JSON merge patch. Lists that Kubernetes merges by a key this class does not
 * know, and patch directives ({@code $patch}, ...), are refused.
 */
final class StrategicMerge {

    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name",
            "initContainers", "name",
            "ephemeralContainers", "name",
            "env", "name",
            "volumes", "name",
            "imagePullSecrets", "name",
            "volumeMounts", "mountPath");
    /** Lists that Kubernetes merges by a key (or as a set) that this class does not implement. */
    private static final Set<String> UNSUPPORTED_MERGED_LISTS = Set.of("ports", "topologySpreadConstraints",
            "hostAliases", "ownerReferences", "finalizers", "conditions", "resourceClaims", "volumeDevices");

    private StrategicMerge() {
    }

    static void apply(Map<String, Object> target, Map<String, Object> patch, boolean builtIn) {
        mergeMap(target, patch, builtIn, "");
    }

    @SuppressWarnings("unchecked")
    private static void mergeMap(Map<String, Object> target, Map<String, Object> patch, boolean builtIn, String path) {
        for (Map.Entry<String, Object> entry : patch.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (key.startsWith("$")) {
                throw new UnsupportedOperationException("patch directive " + key + " at " + path + " is not supported");
            }
            Object current = target.get(key);
            if (value == null) {
                target.remove(key);
            } else if (value instanceof Map<?, ?> patchMap && current instanceof Map<?, ?> currentMap) {
                mergeMap((Map<String, Object>) currentMap, (Map<String, Object>) patchMap, builtIn, path + "." + key);
            } else if (value instanceof List<?> patchList && current instanceof List<?> currentList && builtIn) {
                target.put(key, mergeList(key, (List<Object>) currentList, (List<Object>) patchList, path + "." + key));
            } else {
                target.put(key, Yaml.deepCopy(value));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> mergeList(String field, List<Object> current, List<Object> patch, String path) {
        String mergeKey = MERGE_KEYS.get(field);
        if (mergeKey == null) {
            if (UNSUPPORTED_MERGED_LISTS.contains(field)) {
                throw new UnsupportedOperationException("merging the list " + path + " is not supported");
            }
            return (List<Object>) Yaml.deepCopy(patch);
        }
        List<Object> merged = new ArrayList<>();
        List<Object> untouched = new ArrayList<>(current);
        for (Object item : patch) {
            Map<String, Object> patchItem = (Map<String, Object>) item;
            Object key = patchItem.get(mergeKey);
            if (key == null) {
                throw new IllegalArgumentException("patch item of " + path + " has no " + mergeKey);
            }
            Map<String, Object> original = null;
            for (Object candidate : current) {
                if (key.equals(((Map<String, Object>) candidate).get(mergeKey))) {
                    original = (Map<String, Object>) candidate;
                }
            }
            if (original == null) {
                merged.add(Yaml.deepCopy(patchItem));
            } else {
                untouched.remove(original);
                Map<String, Object> copy = (Map<String, Object>) Yaml.deepCopy(original);
                mergeMap(copy, patchItem, true, path + "[" + key + "]");
                merged.add(copy);
            }
        }
        merged.addAll(untouched);
        return merged;
    }
}
