package org.doorstep.k8s;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.doorstep.k8s.render.Yaml;

/**
 * A service's own application.yml (its default profile document), read to check that the manifests and the
 * service agree. {@link #resolve} expands Spring placeholders the way they would be on Kubernetes: a property of
 * the same file first, then the environment the Deployment gives, then the placeholder's default.
 */
final class ServiceConfiguration {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^${}:]+)(?::([^${}]*))?}");

    private final Map<String, String> properties;

    private ServiceConfiguration(Map<String, String> properties) {
        this.properties = properties;
    }

    static ServiceConfiguration of(String service) {
        Path file = Manifests.MODULE.resolve("../../" + service + "/src/main/resources/application.yml").normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(service + " has no application.yml at " + file);
        }
        Map<String, String> properties = new LinkedHashMap<>();
        flatten("", Yaml.loadAll(file).getFirst(), properties);
        return new ServiceConfiguration(properties);
    }

    /** The raw value of a property (relaxed: lists flattened as key[i]), or null. */
    String raw(String key) {
        return properties.get(key);
    }

    Map<String, String> properties() {
        return properties;
    }

    /** The value with every placeholder expanded, given the container's environment. */
    String resolve(String value, Map<String, String> environment) {
        if (value == null) {
            return null;
        }
        String current = value;
        for (int round = 0; round < 10; round++) {
            Matcher matcher = PLACEHOLDER.matcher(current);
            if (!matcher.find()) {
                return current;
            }
            String key = matcher.group(1);
            String replacement;
            if (properties.containsKey(key)) {
                replacement = properties.get(key);
            } else if (environment.containsKey(key)) {
                replacement = environment.get(key);
            } else if (matcher.group(2) != null) {
                replacement = matcher.group(2);
            } else {
                replacement = "<unresolved:" + key + ">";
            }
            current = current.substring(0, matcher.start()) + replacement + current.substring(matcher.end());
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object node, Map<String, String> into) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> flatten(prefix.isEmpty() ? key.toString() : prefix + "." + key, value, into));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), into);
            }
        } else if (node != null) {
            into.put(prefix, node.toString());
        }
    }
}
