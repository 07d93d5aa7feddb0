package org.doorstep.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/** The four services of Doorstep: the Maven module holding each one's jar and its HTTP port. */
public enum DoorstepService {
    POSTINGS("postings-service", PlatformSettings::postingsPort),
    SEEKERS("seekers-service", PlatformSettings::seekersPort),
    MATCHING("matching-service", PlatformSettings::matchingPort),
    NOTIFICATION("notification-service", PlatformSettings::notificationPort);

    private final String module;
    private final ToIntFunction<PlatformSettings> port;

    DoorstepService(String module, ToIntFunction<PlatformSettings> port) {
        this.module = module;
        this.port = port;
    }

    public String module() {
        return module;
    }

    int port(PlatformSettings settings) {
        return port.applyAsInt(settings);
    }

    /**
     * The environment a service process runs with on the local platform and in the system tests:
     * its port, the broker, the MongoDB endpoint, the local profile and the platform's secrets.
     */
    public static Map<String, String> environment(int port, String kafkaBootstrap, String mongoUri, Map<String, String> secrets) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", String.valueOf(port));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        env.put("MONGODB_URI", mongoUri);
        env.put("SPRING_PROFILES_ACTIVE", "local");
        // every client of the local platform (the demo, ./doorstep bench, the system tests) comes from 127.0.0.1,
        // which seekers-service's per-address registration limit (20 a minute by default) would count as one
        env.put("DOORSTEP_REGISTRATION_LIMIT", "1000000");
        env.putAll(secrets);
        return env;
    }

    /**
     * JVM options of a service process: small heaps suit the local platform on a laptop, and only the C1 JIT
     * ({@code -XX:TieredStopAtLevel=1}). Measured with {@code ./doorstep bench --seekers 3000 --rate 25 --seconds 60
     * --warmup 30} on the 2-core machine, one run each: with both tiers the C2 compiler threads took 16-25% of a core
     * in each of postings, matching and notification throughout the 3-minute run, and the platform answered a posting
     * in 28.2 s at p50 (40.7 s p99, notification 49,822 matches behind); with C1 alone 5.4 s (11.7 s; 13,702), the warm-up
     * load 1.4 s instead of 17.9 s, start-up 28 s instead of 46-158 s. Where a service has cores of its own and runs
     * for days (deploy/k8s) both tiers stay on. {@code DOORSTEP_SERVICE_JVM_OPTIONS} adds options after these (the
     * later wins: {@code -XX:TieredStopAtLevel=4} brings C2 back). A service that runs out of heap exits (as in
     * deploy/k8s) rather than run on with threads that died of it: {@code ./doorstep status} shows it down.
     */
    public static List<String> jvmOptions() {
        return jvmOptions(System.getenv("DOORSTEP_SERVICE_JVM_OPTIONS"));
    }

    /** The defaults, then {@code extra} (whitespace-separated, e.g. {@code DOORSTEP_SERVICE_JVM_OPTIONS="-Xmx1g"}): the later wins. */
    static List<String> jvmOptions(String extra) {
        return JvmOptions.of(List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:+ExitOnOutOfMemoryError"), extra);
    }
}
