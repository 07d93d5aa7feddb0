package org.doorstep.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service starts from its start-up cache only when the cache was made from its current jar. */
class StartupCacheTest {

    @TempDir
    Path root;

    private StartupCache cache;
    private Path jar;
    private Path dir;

    @BeforeEach
    void setUp() throws IOException {
        PlatformSettings settings = PlatformSettings.fromEnvironment(Map.of("DOORSTEP_PROJECT_ROOT", root.toString()));
        cache = new StartupCache(settings, new Console(new PrintStream(new ByteArrayOutputStream())));
        jar = root.resolve("matching-service/target/matching-service-0.1.0-SNAPSHOT.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "a service jar");
        dir = root.resolve(".doorstep/startup-cache/matching-service");
    }

    private void cacheMadeFrom(Path madeFrom) throws IOException {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app.aot"), "cache");
        Files.writeString(dir.resolve("app/matching-service-0.1.0-SNAPSHOT.jar"), "extracted");
        Files.writeString(dir.resolve("stamp"), StartupCache.stamp(madeFrom));
    }

    @Test
    void withoutACacheTheServiceStartsFromItsJar() {
        assertThat(cache.launch(DoorstepService.MATCHING))
                .containsSequence("-jar", jar.toString())
                .noneMatch(option -> option.startsWith("-XX:AOTCache"));
    }

    @Test
    void aCacheOfTheCurrentJarIsUsedWithTheExtractedJar() throws IOException {
        cacheMadeFrom(jar);

        assertThat(cache.launch(DoorstepService.MATCHING))
                .contains("-XX:AOTCache=" + dir.resolve("app.aot"))
                .containsSequence("-jar", dir.resolve("app/matching-service-0.1.0-SNAPSHOT.jar").toString());
    }

    @Test
    void aCacheOfAnEarlierBuildIsIgnored() throws IOException {
        cacheMadeFrom(jar);
        Files.writeString(jar, "a rebuilt service jar, longer than before");

        assertThat(cache.launch(DoorstepService.MATCHING))
                .containsSequence("-jar", jar.toString())
                .noneMatch(option -> option.startsWith("-XX:AOTCache"));
    }
}
