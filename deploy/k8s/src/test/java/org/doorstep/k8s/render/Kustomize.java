package org.doorstep.k8s.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A small Kustomize renderer for exactly the features the kustomization files of this module use: {@code resources}
 * (files and directories), {@code patches} (strategic merge, by the patch's own kind and name or by a {@code target}
 * of kind and name), {@code namespace}, {@code labels} (without selectors or templates) and {@code images}
 * ({@code newName}, {@code newTag}). Anything else in a kustomization file is refused, so a file that starts using
 * another feature fails the tests instead of being rendered wrongly. Transformers run in Kustomize's order:
 * patches, namespace, labels, images. Where {@code kubectl} is installed, a test compares this renderer's output
 * with {@code kubectl kustomize}.
 */
public final class Kustomize {

    private static final Set<String> SUPPORTED_FIELDS =
            Set.of("apiVersion", "kind", "resources", "namespace", "labels", "images", "patches");
    private static final Set<String> SUPPORTED_LABEL_FIELDS = Set.of("pairs", "includeSelectors", "includeTemplates");
    private static final Set<String> SUPPORTED_IMAGE_FIELDS = Set.of("name", "newName", "newTag");
    private static final Set<String> SUPPORTED_PATCH_FIELDS = Set.of("path", "patch", "target");
    private static final Set<String> SUPPORTED_TARGET_FIELDS = Set.of("kind", "name");
    /** Kinds without a namespace, as far as this project could contain them. */
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService", "RuntimeClass");
    /** Kinds whose namespace appears in other fields too (subjects), which this renderer does not rewrite. */
    private static final Set<String> NAMESPACE_REFERENCING = Set.of("RoleBinding", "ClusterRoleBinding");

    private Kustomize() {
    }

    /** Renders the kustomization in {@code directory} (which holds a kustomization.yaml). */
    public static List<Map<String, Object>> build(Path directory) {
        Path file = directory.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no kustomization.yaml in " + directory);
        }
        Map<String, Object> kustomization = Yaml.loadSingle(file);
        for (String field : kustomization.keySet()) {
            if (!SUPPORTED_FIELDS.contains(field)) {
                throw new UnsupportedOperationException(file + ": field '" + field + "' is not supported by this renderer");
            }
        }
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Object entry : list(kustomization.get("resources"), file, "resources")) {
            Path path = directory.resolve((String) entry).normalize();
            if (Files.isDirectory(path)) {
                resources.addAll(build(path));
            } else if (Files.isRegularFile(path)) {
                resources.addAll(Yaml.loadAll(path));
            } else {
                throw new IllegalArgumentException(file + ": resource '" + entry + "' does not exist");
            }
        }
        requireUniqueIds(resources, file);
        for (Object patch : list(kustomization.get("patches"), file, "patches")) {
            applyPatch(resources, map(patch, file, "patches[]"), directory, file);
        }
        if (kustomization.get("namespace") instanceof String namespace) {
            setNamespace(resources, namespace, file);
        }
        for (Object labels : list(kustomization.get("labels"), file, "labels")) {
            addLabels(resources, map(labels, file, "labels[]"), file);
        }
        for (Object image : list(kustomization.get("images"), file, "images")) {
            setImage(resources, map(image, file, "images[]"), file);
        }
        return resources;
    }

    private static void requireUniqueIds(List<Map<String, Object>> resources, Path file) {
        Set<String> seen = new HashSet<>();
        for (Map<String, Object> resource : resources) {
            String id = Resources.id(resource);
            if (!seen.add(id)) {
                throw new IllegalStateException(file + ": resource " + id + " appears twice");
            }
        }
    }

    private static void applyPatch(List<Map<String, Object>> resources, Map<String, Object> spec, Path directory,
            Path file) {
        requireOnly(spec, SUPPORTED_PATCH_FIELDS, file, "patches[]");
        List<Map<String, Object>> patchDocuments;
        if (spec.get("path") instanceof String path) {
            patchDocuments = Yaml.loadAll(directory.resolve(path).normalize());
        } else if (spec.get("patch") instanceof String inline) {
            patchDocuments = Yaml.loadAllFromString(inline);
        } else {
            throw new IllegalArgumentException(file + ": a patch needs 'path' or 'patch'");
        }
        if (patchDocuments.size() != 1) {
            throw new UnsupportedOperationException(file + ": a patch must hold exactly one document");
        }
        Map<String, Object> patch = patchDocuments.getFirst();
        if (patch.containsKey("op") || !patch.containsKey("kind")) {
            throw new UnsupportedOperationException(file + ": only strategic-merge patches are supported");
        }
        List<Map<String, Object>> targets = new ArrayList<>();
        if (spec.get("target") != null) {
            Map<String, Object> target = map(spec.get("target"), file, "target");
            requireOnly(target, SUPPORTED_TARGET_FIELDS, file, "target");
            for (Map<String, Object> resource : resources) {
                if (matches(target.get("kind"), Resources.kind(resource))
                        && matches(target.get("name"), Resources.name(resource))) {
                    targets.add(resource);
                }
            }
        } else {
            String kind = Resources.kind(patch);
            String name = Resources.name(patch);
            for (Map<String, Object> resource : resources) {
                if (kind.equals(Resources.kind(resource)) && name.equals(Resources.name(resource))) {
                    targets.add(resource);
                }
            }
        }
        if (targets.isEmpty()) {
            throw new IllegalStateException(file + ": patch " + Resources.id(patch) + " matches no resource");
        }
        for (Map<String, Object> resource : targets) {
            Map<String, Object> body = new LinkedHashMap<>(patch);
            // the target decides which resources; the patch must not rename or retype them
            body.remove("apiVersion");
            body.remove("kind");
            Map<String, Object> metadata = new LinkedHashMap<>(Resources.metadata(patch));
            metadata.remove("name");
            metadata.remove("namespace");
            if (metadata.isEmpty()) {
                body.remove("metadata");
            } else {
                body.put("metadata", metadata);
            }
            StrategicMerge.apply(resource, body, BuiltInKinds.isBuiltIn(resource));
        }
    }

    private static boolean matches(Object pattern, String value) {
        return pattern == null || Pattern.compile("^(?:" + pattern + ")$").matcher(value).matches();
    }

    private static void setNamespace(List<Map<String, Object>> resources, String namespace, Path file) {
        for (Map<String, Object> resource : resources) {
            String kind = Resources.kind(resource);
            if (NAMESPACE_REFERENCING.contains(kind)) {
                throw new UnsupportedOperationException(file + ": namespace on " + kind + " is not supported");
            }
            if (kind.equals("Namespace")) {
                // Kustomize renames Namespace objects to the kustomization's namespace
                Resources.metadata(resource).put("name", namespace);
            } else if (!CLUSTER_SCOPED.contains(kind)) {
                Resources.metadata(resource).put("namespace", namespace);
            }
        }
    }

    private static void addLabels(List<Map<String, Object>> resources, Map<String, Object> spec, Path file) {
        requireOnly(spec, SUPPORTED_LABEL_FIELDS, file, "labels[]");
        if (Boolean.TRUE.equals(spec.get("includeSelectors")) || Boolean.TRUE.equals(spec.get("includeTemplates"))) {
            throw new UnsupportedOperationException(file + ": labels into selectors or templates are not supported");
        }
        Map<String, Object> pairs = map(spec.get("pairs"), file, "labels[].pairs");
        for (Map<String, Object> resource : resources) {
            Map<String, Object> metadata = Resources.metadata(resource);
            @SuppressWarnings("unchecked")
            Map<String, Object> labels = (Map<String, Object>) metadata.computeIfAbsent("labels",
                    key -> new LinkedHashMap<String, Object>());
            labels.putAll(pairs);
        }
    }

    private static void setImage(List<Map<String, Object>> resources, Map<String, Object> spec, Path file) {
        requireOnly(spec, SUPPORTED_IMAGE_FIELDS, file, "images[]");
        String name = (String) spec.get("name");
        for (Map<String, Object> resource : resources) {
            Images.rewrite(resource, name, (String) spec.get("newName"), stringOrNull(spec.get("newTag")));
        }
    }

    private static String stringOrNull(Object value) {
        return value == null ? null : value.toString();
    }

    private static void requireOnly(Map<String, Object> map, Set<String> allowed, Path file, String where) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw new UnsupportedOperationException(file + ": '" + where + "." + key + "' is not supported");
            }
        }
    }

    private static List<?> list(Object value, Path file, String where) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException(file + ": '" + where + "' must be a list");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, Path file, String where) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException(file + ": '" + where + "' must be a mapping");
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
