package org.doorstep.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;

import org.doorstep.k8s.render.Resources;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rendered document is a well-formed resource that the Kubernetes model understands field by field. */
class ManifestDocumentsTest {

    static java.util.List<Manifests> renders() {
        return Manifests.all();
    }

    static java.util.List<Manifests> overlays() {
        return Manifests.overlays();
    }

    @ParameterizedTest
    @MethodSource("renders")
    void rendersOnlyStandardKindsAndTheCustomResourcesOfStrimziAndKeda(Manifests manifests) {
        assertThat(manifests.documents).isNotEmpty();
        assertThat(manifests.documents).allSatisfy(document -> assertThat(
                KubernetesModel.STANDARD_KINDS.containsKey(KubernetesModel.typeOf(document))
                        || KubernetesModel.CUSTOM_KINDS.contains(KubernetesModel.typeOf(document)))
                .as(KubernetesModel.typeOf(document) + " " + Resources.id(document)).isTrue());
    }

    @ParameterizedTest
    @MethodSource("renders")
    void parsesEveryStandardKindIntoTheFabric8ModelWithoutUnknownFields(Manifests manifests) {
        int typed = 0;
        for (Map<String, Object> document : manifests.documents) {
            if (!KubernetesModel.STANDARD_KINDS.containsKey(KubernetesModel.typeOf(document))) {
                continue;
            }
            HasMetadata resource = KubernetesModel.typed(document);
            typed++;
            assertThat(resource.getMetadata().getName()).as(Resources.id(document)).isNotBlank();
            assertThat(KubernetesModel.unknownFields(resource)).as("unknown fields in " + Resources.id(document))
                    .isEmpty();
        }
        assertThat(typed).isGreaterThan(30);
    }

    @ParameterizedTest
    @MethodSource("renders")
    void labelsEveryResourceAsPartOfDoorstep(Manifests manifests) {
        assertThat(manifests.documents)
                .filteredOn(document -> !Resources.kind(document).equals("Namespace"))
                .allSatisfy(document -> assertThat(Resources.metadata(document).get("labels"))
                        .as(Resources.id(document))
                        .isInstanceOfSatisfying(Map.class,
                                labels -> assertThat(labels.get("app.kubernetes.io/part-of")).isEqualTo("doorstep")));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void putsEveryNamespacedResourceIntoTheOverlaysNamespace(Manifests manifests) {
        assertThat(manifests.namespace()).isNotBlank();
        assertThat(manifests.documents)
                .filteredOn(document -> !Resources.kind(document).equals("Namespace"))
                .allSatisfy(document -> assertThat(Resources.namespace(document)).as(Resources.id(document))
                        .isEqualTo(manifests.namespace()));
    }
}
