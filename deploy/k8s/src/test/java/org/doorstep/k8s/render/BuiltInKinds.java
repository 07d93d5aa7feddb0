package org.doorstep.k8s.render;

import java.util.Map;

/** Built-in Kubernetes kinds (patched with strategic merge) versus custom resources (lists replaced whole). */
final class BuiltInKinds {

    private BuiltInKinds() {
    }

    static boolean isBuiltIn(Map<String, Object> resource) {
        Object apiVersion = resource.get("apiVersion");
        if (!(apiVersion instanceof String version)) {
            throw new IllegalArgumentException("no apiVersion on " + Resources.id(resource));
        }
        if (!version.contains("/")) {
            return true; // the core group: v1
        }
        String group = version.substring(0, version.indexOf('/'));
        return !group.contains(".") || group.endsWith(".k8s.io");
    }
}
