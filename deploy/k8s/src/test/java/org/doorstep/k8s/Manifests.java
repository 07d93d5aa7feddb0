package org.doorstep.k8s;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;

import org.doorstep.k8s.render.Kustomize;
import org.doorstep.k8s.render.Resources;

/** The rendered output of one kustomization of this module, as raw documents and as fabric8 model objects. */
final class Manifests {

    /** The module directory: Surefire runs the tests there. */
    static final Path MODULE = Path.of("").toAbsolutePath();
    static final List<String> SERVICES =
            List.of("postings-service", "seekers-service", "matching-service", "notification-service");

    private static final Map<String, Manifests> CACHE = new ConcurrentHashMap<>();

    final String kustomization;
    final List<Map<String, Object>> documents;

    private Manifests(String kustomization, List<Map<String, Object>> documents) {
        this.kustomization = kustomization;
        this.documents = documents;
    }

    static Manifests base() {
        return of("base");
    }

    static Manifests dev() {
        return of("overlays/dev");
    }

    static Manifests prod() {
        return of("overlays/prod");
    }

    static List<Manifests> all() {
        return List.of(base(), dev(), prod());
    }

    static List<Manifests> overlays() {
        return List.of(dev(), prod());
    }

    static Manifests of(String kustomization) {
        return CACHE.computeIfAbsent(kustomization, key -> {
            Path directory = MODULE.resolve(key);
            if (!Files.isDirectory(directory)) {
                throw new IllegalStateException(directory + " does not exist: run the tests from deploy/k8s");
            }
            return new Manifests(key, List.copyOf(Kustomize.build(directory)));
        });
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        String kind = KubernetesModel.kindOf(type);
        return documents.stream()
                .filter(document -> Resources.kind(document).equals(kind))
                .map(document -> KubernetesModel.convert(document, type))
                .toList();
    }

    <T extends HasMetadata> T one(Class<T> type, String name) {
        return all(type).stream()
                .filter(resource -> resource.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException(
                        kustomization + " has no " + type.getSimpleName() + " named " + name));
    }

    List<GenericKubernetesResource> custom(String kind) {
        return documents.stream()
                .filter(document -> Resources.kind(document).equals(kind))
                .map(document -> KubernetesModel.convert(document, GenericKubernetesResource.class))
                .toList();
    }

    GenericKubernetesResource oneCustom(String kind, String name) {
        return custom(kind).stream()
                .filter(resource -> resource.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException(kustomization + " has no " + kind + " named " + name));
    }

    /** The namespace the overlay installs into (its Namespace object); null for the base. */
    String namespace() {
        return documents.stream()
                .filter(document -> Resources.kind(document).equals("Namespace"))
                .map(Resources::name)
                .findFirst().orElse(null);
    }

    @Override
    public String toString() {
        return kustomization;
    }
}
