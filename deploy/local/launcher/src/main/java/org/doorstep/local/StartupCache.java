package org.doorstep.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * JDK ahead-of-time caches (JEP 483, created in one step as of JEP 514) that halve a service's start-up
 * CPU: its classes are loaded and linked from the cache instead of from the jars (matching-service alone:
 * 9.2 s to 4.8 s until started). The first start after a build prepares them: each service jar is
 * extracted with Spring Boot's jar tools (the JVM caches only classes loaded from plain jars on the class
 * path, not from nested jars) and run once up to its context refresh with {@code -XX:AOTCacheOutput}.
 * A cache belongs to exactly one jar and JDK (a stamp of the jar's size and time and the JDK version);
 * the JVM itself ignores a cache that does not fit its class path, and any failure here only means the
 * service starts without one.
 */
final class StartupCache {

    private static final long TRAINING_TIMEOUT_SECONDS = 240;

    private final PlatformSettings settings;
    private final Console console;

    StartupCache(PlatformSettings settings, Console console) {
        this.settings = settings;
        this.console = console;
    }

    /** The JVM options and arguments that start a service: from its cache if it has a current one. */
    List<String> launch(DoorstepService service) {
        Path dir = dir(service);
        List<String> command = new ArrayList<>(DoorstepService.jvmOptions());
        if (current(service)) {
            command.add("-XX:AOTCache=" + dir.resolve("app.aot"));
            command.addAll(List.of("-jar", extractedJar(service).toString()));
        } else {
            command.addAll(List.of("-jar", settings.serviceJar(service.module()).toString()));
        }
        return command;
    }

    /**
     * Creates the missing or outdated caches, two services at a time, each run with the environment it
     * will start with (its context refresh needs the broker and MongoDB, which must be up).
     */
    void prepare(Function<DoorstepService, Map<String, String>> environment) {
        if (Runtime.version().feature() < 25) {
            return; // the one-step cache creation (-XX:AOTCacheOutput) came with JDK 25
        }
        List<DoorstepService> missing = new ArrayList<>();
        for (DoorstepService service : DoorstepService.values()) {
            if (!current(service)) {
                missing.add(service);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        console.line("  preparing start-up caches (once per build; later starts are faster) ...");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture.allOf(missing.stream()
                    .map(service -> CompletableFuture.runAsync(() -> create(service, environment.apply(service)), pool))
                    .toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdownNow();
        }
        console.line("  ready  start-up caches                 %-28s %5.1f s", "", (System.nanoTime() - t0) / 1e9);
    }

    private void create(DoorstepService service, Map<String, String> env) {
        Path dir = dir(service);
        Path log = settings.logs().resolve(service.module() + "-startup-cache.log");
        try {
            deleteRecursively(dir);
            Files.createDirectories(dir);
            Files.createDirectories(log.getParent());
            Path jar = settings.serviceJar(service.module());
            boolean ok = run(List.of(settings.javaCommand(), "-Djarmode=tools", "-jar", jar.toString(),
                    "extract", "--destination", dir.resolve("app").toString()), Map.of(), log)
                    && Files.isRegularFile(extractedJar(service));
            if (ok) {
                List<String> training = new ArrayList<>(List.of(settings.javaCommand()));
                training.addAll(DoorstepService.jvmOptions());
                training.addAll(List.of("-XX:AOTCacheOutput=" + dir.resolve("app.aot"), "-Dspring.context.exit=onRefresh",
                        "-jar", extractedJar(service).toString()));
                ok = run(training, env, log) && Files.isRegularFile(dir.resolve("app.aot"));
            }
            if (ok) {
                Files.writeString(dir.resolve("stamp"), stamp(jar));
            } else {
                console.line("  note   no start-up cache for %s (see %s); it starts without one", service.module(), log);
            }
        } catch (IOException | RuntimeException e) {
            console.line("  note   no start-up cache for %s (%s); it starts without one", service.module(), e.getMessage());
        }
    }

    private static boolean run(List<String> command, Map<String, String> env, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            if (!process.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether the service has a cache made from its current jar. */
    private boolean current(DoorstepService service) {
        Path dir = dir(service);
        try {
            return Files.isRegularFile(dir.resolve("app.aot")) && Files.isRegularFile(extractedJar(service))
                    && Files.isRegularFile(dir.resolve("stamp"))
                    && Files.readString(dir.resolve("stamp")).equals(stamp(settings.serviceJar(service.module())));
        } catch (IOException | PlatformException e) {
            return false;
        }
    }

    /** The jar and the JDK a cache was made for (services run on the launcher's own JDK). */
    static String stamp(Path jar) throws IOException {
        return Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis() + " " + Runtime.version();
    }

    private Path dir(DoorstepService service) {
        return settings.home().resolve("startup-cache").resolve(service.module());
    }

    private Path extractedJar(DoorstepService service) {
        return dir(service).resolve("app").resolve(service.module() + "-0.1.0-SNAPSHOT.jar");
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
