package org.doorstep.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the local platform lives and which ports it uses. Every port can be changed through an
 * environment variable, so the platform can run beside something that already holds the default.
 */
public record PlatformSettings(Path projectRoot, Path home, String javaCommand, String launcherClasspath,
                               int kafkaPort, int kafkaControllerPort, int mongoPort,
                               int postingsPort, int seekersPort, int matchingPort, int notificationPort,
                               int consolePort, String storeKind, String storeHeap) {

    static PlatformSettings fromEnvironment(Map<String, String> env) {
        Path root = Path.of(env.getOrDefault("DOORSTEP_PROJECT_ROOT", ".")).toAbsolutePath().normalize();
        Path home = Path.of(env.getOrDefault("DOORSTEP_HOME", root.resolve(".doorstep").toString())).toAbsolutePath().normalize();
        return new PlatformSettings(root, home, currentJava(), System.getProperty("java.class.path"),
                port(env, "DOORSTEP_KAFKA_PORT", 9092),
                port(env, "DOORSTEP_KAFKA_CONTROLLER_PORT", 9093),
                port(env, "DOORSTEP_MONGO_PORT", 27017),
                port(env, "DOORSTEP_POSTINGS_PORT", 8081),
                port(env, "DOORSTEP_SEEKERS_PORT", 8082),
                port(env, "DOORSTEP_MATCHING_PORT", 8083),
                port(env, "DOORSTEP_NOTIFICATION_PORT", 8084),
                port(env, "DOORSTEP_CONSOLE_PORT", 8080),
                storeKind(env), storeHeap(env));
    }

    /** {@code DOORSTEP_STORE}: {@code journal} (default: memory plus an append-only journal) or {@code h2}. */
    private static String storeKind(Map<String, String> env) {
        String kind = env.getOrDefault("DOORSTEP_STORE", "journal").trim();
        if (!kind.equals("journal") && !kind.equals("h2")) {
            throw new PlatformException("DOORSTEP_STORE=" + kind + " is not a store kind (journal or h2)");
        }
        return kind;
    }

    /**
     * {@code DOORSTEP_STORE_HEAP}: the store process's maximum heap (the journal store holds every document in it).
     * Default: a third of the machine's memory, between 2g and 16g ({@link #defaultStoreHeap}).
     */
    private static String storeHeap(Map<String, String> env) {
        String heap = env.getOrDefault("DOORSTEP_STORE_HEAP", "").trim();
        if (heap.isEmpty()) {
            return defaultStoreHeap(physicalMemory());
        }
        if (!heap.matches("[1-9][0-9]*[mMgG]")) {
            throw new PlatformException("DOORSTEP_STORE_HEAP=" + heap + " is not a heap size such as 4g or 800m");
        }
        return heap;
    }

    /**
     * A third of {@code physicalBytes}, at least 2g and at most 16g, in megabytes: the store needs room in proportion
     * to the data (about 10 KB of heap per delivered match with 100,000 seekers), the rest of the platform about 4 GB.
     */
    static String defaultStoreHeap(long physicalBytes) {
        long mb = physicalBytes / 3 / (1024 * 1024);
        return Math.clamp(mb, 2048, 16384) + "m";
    }

    private static long physicalMemory() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getTotalMemorySize() : 0;
    }

    static String currentJava() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new PlatformException(name + "=" + value + " is not a TCP port (1-65535)");
        }
    }

    String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    String mongoUri() {
        return "mongodb://127.0.0.1:" + mongoPort;
    }

    String url(int port) {
        return "http://localhost:" + port;
    }

    Path logs() {
        return home.resolve("logs");
    }

    Path serviceJar(String module) {
        Path target = projectRoot.resolve(module).resolve("target");
        Path jar = target.resolve(module + "-0.1.0-SNAPSHOT.jar");
        if (!Files.isRegularFile(jar)) {
            throw new PlatformException("No jar for " + module + " at " + jar
                    + ". Build it first: ./mvnw -B -DskipTests package (./doorstep up does this when a jar is missing)");
        }
        return jar;
    }
}
