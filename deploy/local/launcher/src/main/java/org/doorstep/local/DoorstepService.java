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
     * JVM options of a service process: small heaps suit the local platform on a laptop. Both JIT tiers stay on:
     * C1 alone starts a little faster, but a service under load needs the optimising compiler.
     */
    public static List<String> jvmOptions() {
        return List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC");
    }
}
