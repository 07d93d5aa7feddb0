package org.doorstep.local;

import java.util.List;
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

    /** JVM options of a service process: small heaps suit the local platform on a laptop. */
    public static List<String> jvmOptions() {
        return List.of("-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    }
}
