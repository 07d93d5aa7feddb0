package org.doorstep.k8s.render;

import java.util.List;
import java.util.Map;

/** Kustomize's image transformer: rewrites {@code image} of every container and init container, wherever it is. */
final class Images {

    private Images() {
    }

    @SuppressWarnings("unchecked")
    static void rewrite(Object node, String name, String newName, String newTag) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if ((entry.getKey().equals("containers") || entry.getKey().equals("initContainers"))
                        && entry.getValue() instanceof List<?> containers) {
                    for (Object container : containers) {
                        if (container instanceof Map<?, ?> c && c.get("image") instanceof String image) {
                            ((Map<String, Object>) c).put("image", rewriteOne(image, name, newName, newTag));
                        }
                    }
                }
                rewrite(entry.getValue(), name, newName, newTag);
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> rewrite(item, name, newName, newTag));
        }
    }

    static String rewriteOne(String image, String name, String newName, String newTag) {
        String repository = repository(image);
        if (!repository.equals(name)) {
            return image;
        }
        String reference = image.substring(repository.length()); // ":tag", "@digest" or ""
        if (reference.startsWith("@")) {
            throw new UnsupportedOperationException("images with digests are not supported: " + image);
        }
        return (newName == null ? repository : newName) + (newTag == null ? reference : ":" + newTag);
    }

    /** The image without tag or digest; a colon before the last slash belongs to a registry port. */
    static String repository(String image) {
        int at = image.indexOf('@');
        String withoutDigest = at < 0 ? image : image.substring(0, at);
        int colon = withoutDigest.lastIndexOf(':');
        return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest;
    }
}
