package org.doorstep.k8s.render;

import java.util.LinkedHashMap;
import java.util.Map;

/** Identity of a rendered resource: kind, namespace and name. */
public final class Resources {

    private Resources() {
    }

    public static String kind(Map<String, Object> resource) {
        if (!(resource.get("kind") instanceof String kind)) {
            throw new IllegalArgumentException("a resource has no kind: " + resource);
        }
        return kind;
    }

    public static String name(Map<String, Object> resource) {
        if (!(metadata(resource).get("name") instanceof String name)) {
            throw new IllegalArgumentException("a " + kind(resource) + " has no name");
        }
        return name;
    }

    public static String namespace(Map<String, Object> resource) {
        return (String) metadata(resource).get("namespace");
    }

    /** {@code Kind/namespace/name}, or {@code Kind/name} without a namespace. */
    public static String id(Map<String, Object> resource) {
        String namespace = namespace(resource);
        return kind(resource) + "/" + (namespace == null ? "" : namespace + "/") + name(resource);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> metadata(Map<String, Object> resource) {
        Object metadata = resource.get("metadata");
        if (metadata == null) {
            metadata = new LinkedHashMap<String, Object>();
            resource.put("metadata", metadata);
        }
        if (!(metadata instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("metadata is not a mapping in " + resource);
        }
        return (Map<String, Object>) metadata;
    }
}
