package org.doorstep.k8s.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where kubectl is installed (it is on these machines: kubectl 1.32 with Kustomize 5.5), the real Kustomize must
 * produce exactly what the test renderer produces, so the other tests check what a cluster would get. Skipped
 * where there is no kubectl: the renderer's own tests still run.
 */
class KubectlCrossCheckTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void rendersWhatKubectlKustomizeRenders(String kustomization) throws Exception {
        String kubectlOutput = kubectlKustomize(MODULE.resolve(kustomization));

        Map<String, Map<String, Object>> expected = byId(Yaml.loadAllFromString(kubectlOutput));
        Map<String, Map<String, Object>> actual = byId(Kustomize.build(MODULE.resolve(kustomization)));

        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        for (String id : expected.keySet()) {
            assertThat(actual.get(id)).as(id).isEqualTo(expected.get(id));
        }
    }

    private static Map<String, Map<String, Object>> byId(List<Map<String, Object>> documents) {
        Map<String, Map<String, Object>> byId = new TreeMap<>();
        documents.forEach(document -> byId.put(Resources.id(document), document));
        return byId;
    }

    private static String kubectlKustomize(Path directory) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", directory.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException noKubectl) {
            assumeTrue(false, "kubectl is not installed: " + noKubectl.getMessage());
            throw noKubectl;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = process.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assumeTrue(finished, "kubectl kustomize did not finish in 60 s");
        assertThat(process.exitValue()).as("kubectl kustomize " + directory + " exit code").isZero();
        return output;
    }
}
