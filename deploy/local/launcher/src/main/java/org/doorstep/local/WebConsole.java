package org.doorstep.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The web console (module {@code console}): the operator console and the reference seeker app, one process that
 * serves the front end and forwards {@code /svc/{service}/...} to instance 1 of each service. It needs neither Kafka
 * nor MongoDB, so it starts beside the services; it is not a Doorstep service (no events, no store, no replicas).
 */
public final class WebConsole {

    public static final String NAME = "console";
    public static final String MODULE = "console";

    private final PlatformSettings settings;

    WebConsole(PlatformSettings settings) {
        this.settings = settings;
    }

    ManagedProcess start() {
        List<String> jvm = new java.util.ArrayList<>(jvmOptions());
        jvm.addAll(List.of("-jar", settings.serviceJar(MODULE).toString()));
        return ManagedProcess.start(NAME, settings.javaCommand(), settings.home(), jvm, List.of(),
                environment(settings.consolePort(), settings.url(settings.postingsPort()), settings.url(settings.seekersPort()),
                        settings.url(settings.matchingPort()), settings.url(settings.notificationPort())),
                settings.logs().resolve(NAME + ".log"));
    }

    /** The console's environment: its port and the base URL of each service it forwards to (the system tests use it too). */
    public static Map<String, String> environment(int port, String postings, String seekers, String matching, String notifications) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", String.valueOf(port));
        env.put("DOORSTEP_POSTINGS_URL", postings);
        env.put("DOORSTEP_SEEKERS_URL", seekers);
        env.put("DOORSTEP_MATCHING_URL", matching);
        env.put("DOORSTEP_NOTIFICATIONS_URL", notifications);
        return env;
    }

    /** A small heap and the C1 JIT, as the services (it only forwards requests and serves a few files). */
    public static List<String> jvmOptions() {
        return List.of("-Xms32m", "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    }
}
