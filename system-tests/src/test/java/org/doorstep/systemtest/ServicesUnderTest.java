package org.doorstep.systemtest;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.doorstep.local.DoorstepService;
import org.doorstep.local.ManagedProcess;
import org.doorstep.local.Readiness;
import org.doorstep.local.WebConsole;
import org.doorstep.testkit.SharedInfrastructure;

/**
 * The four services, each started from its packaged jar as its own JVM process (as in production),
 * against the test JVM's real Kafka broker and MongoDB-wire server, on free ports. Started once per
 * test JVM; stopped when it exits.
 */
final class ServicesUnderTest {

    static final String OPERATOR_TOKEN = "op_system-test-operator-token-0123456789";
    static final String AUDITOR_TOKEN = "au_system-test-auditor-token-0123456789";
    static final String SEEKER_JWT_SECRET = "system-test-seeker-jwt-secret-0123456789-abcdefghijklmnop";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    private static ServicesUnderTest instance;

    private final Map<DoorstepService, Integer> ports = new EnumMap<>(DoorstepService.class);
    private final Map<DoorstepService, ManagedProcess> processes = new EnumMap<>(DoorstepService.class);
    private final Path root = projectRoot();
    private final Path home = root.resolve("system-tests/target/system-test");
    private final String java = ProcessHandle.current().info().command().orElse("java");
    private ManagedProcess console;
    private int consolePort;

    private ServicesUnderTest() {
    }

    static synchronized ServicesUnderTest get() {
        if (instance == null) {
            instance = new ServicesUnderTest();
            instance.start();
        }
        return instance;
    }

    String url(DoorstepService service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    /** The service processes by name, and this JVM (which runs the broker and the MongoDB-wire server in tests). */
    synchronized Map<String, Long> processes() {
        Map<String, Long> pids = new java.util.LinkedHashMap<>();
        pids.put("test JVM (Kafka, MongoDB-wire server, load)", ProcessHandle.current().pid());
        processes.forEach((service, process) -> pids.put(service.module(), process.pid()));
        return pids;
    }

    private void start() {
        for (DoorstepService service : DoorstepService.values()) {
            ports.put(service, freePort());
            launch(service);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> processes.values().parallelStream()
                .forEach(p -> p.stop(Duration.ofSeconds(15))), "system-test-services-stop"));
        CompletableFuture.allOf(processes.keySet().stream()
                .map(service -> CompletableFuture.runAsync(() -> awaitReady(service)))
                .toArray(CompletableFuture[]::new)).join();
    }

    /**
     * The web console (module {@code console}) forwarding to these services: started on first use only (the browser
     * tests), from its packaged jar, as {@code ./doorstep up} starts it; stopped when the test JVM exits.
     */
    synchronized String consoleUrl() {
        if (console == null) {
            Path jar = root.resolve("console/target/console-0.1.0-SNAPSHOT.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("No jar at " + jar + ": run the build from the project root (./mvnw -B verify)");
            }
            consolePort = freePort();
            console = ManagedProcess.start(WebConsole.NAME, java, home, WebConsole.jvmOptions(), List.of("-jar", jar.toString()),
                    WebConsole.environment(consolePort, url(DoorstepService.POSTINGS), url(DoorstepService.SEEKERS),
                            url(DoorstepService.MATCHING), url(DoorstepService.NOTIFICATION)),
                    home.resolve("logs").resolve("console.log"));
            ManagedProcess started = console;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> started.stop(Duration.ofSeconds(10)), "system-test-console-stop"));
            Readiness.await(console, () -> Readiness.httpReady(consolePort), START_TIMEOUT);
        }
        return "http://127.0.0.1:" + consolePort;
    }

    /** Kills the service's process without warning (SIGKILL, no graceful shutdown), as a crash would. */
    synchronized void crash(DoorstepService service) {
        ProcessHandle.of(processes.get(service).pid()).ifPresent(handle -> {
            handle.destroyForcibly();
            handle.onExit().join();
        });
    }

    /** Starts the service again on its port, with the same configuration, and waits until it is ready. */
    synchronized void restart(DoorstepService service) {
        processes.get(service).stop(Duration.ofSeconds(15));
        launch(service);
        awaitReady(service);
    }

    private void launch(DoorstepService service) {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        Path jar = root.resolve(service.module()).resolve("target").resolve(service.module() + "-0.1.0-SNAPSHOT.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No jar at " + jar + ": run the build from the project root (./mvnw -B verify)");
        }
        Map<String, String> env = DoorstepService.environment(ports.get(service), infrastructure.bootstrapServers(),
                infrastructure.mongoUri(), Map.of("DOORSTEP_OPERATOR_TOKEN", OPERATOR_TOKEN, "DOORSTEP_AUDITOR_TOKEN", AUDITOR_TOKEN,
                        "DOORSTEP_SEEKER_JWT_SECRET", SEEKER_JWT_SECRET));
        processes.put(service, ManagedProcess.start(service.module(), java, home, DoorstepService.jvmOptions(),
                List.of("-jar", jar.toString()), env, home.resolve("logs").resolve(service.module() + ".log")));
    }

    private void awaitReady(DoorstepService service) {
        Readiness.await(processes.get(service), () -> Readiness.httpReady(ports.get(service)), START_TIMEOUT);
    }

    /** The project root: the nearest folder holding the services, from the module (tests) or the root (benchmarks). */
    static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("postings-service/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Run from the Doorstep project or one of its modules");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
