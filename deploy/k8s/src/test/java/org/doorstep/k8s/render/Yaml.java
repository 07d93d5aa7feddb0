package org.doorstep.k8s.render;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** YAML documents as plain maps and lists (snakeyaml, safe constructor). */
public final class Yaml {

    private Yaml() {
    }

    public static List<Map<String, Object>> loadAll(Path path) {
        try {
            return loadAllFromString(Kustomize.read(path));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot parse " + path + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> loadAllFromString(String text) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : parser().loadAll(text)) {
            if (document == null) {
                continue;
            }
            if (!(document instanceof Map<?, ?>)) {
                throw new IllegalArgumentException("a document is not a mapping: " + document);
            }
            documents.add((Map<String, Object>) document);
        }
        return documents;
    }

    static Map<String, Object> loadSingle(Path path) {
        List<Map<String, Object>> documents = loadAll(path);
        if (documents.size() != 1) {
            throw new IllegalArgumentException(path + " must hold exactly one document");
        }
        return documents.getFirst();
    }

    /** A deep copy of a tree of maps, lists and scalars, so patches never share structure with resources. */
    @SuppressWarnings("unchecked")
    static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put((String) key, deepCopy(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(deepCopy(item)));
            return copy;
        }
        return value;
    }

    private static org.yaml.snakeyaml.Yaml parser() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new org.yaml.snakeyaml.Yaml(new SafeConstructor(options));
    }
}
