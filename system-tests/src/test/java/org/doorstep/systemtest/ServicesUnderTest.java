package org.doorstep.systemtest;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.doorstep.local.DoorstepService;
import org.doorstep.local.ManagedProcess;
import org.doorstep.local.Readiness;
import org.doorstep.testkit.SharedInfrastructure;

/**
 * The four services, each started from its packaged jar as its own JVM process (as in production),
 * against the test JVM's real Kafka broker and MongoDB-wire server, on free ports. Started once per
 * test JVM; stopped when it exits.
 */
final class ServicesUnderTest {

    static final String OPERATOR_TOKEN = "op_system-test-operator-token-0123456789";
    static final String SEEKER_JWT_SECRET = "system-test-seeker-jwt-secret-0123456789-abcdefghijklmnop";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    private static ServicesUnderTest instance;

    private final Map<DoorstepService, Integer> ports = new EnumMap<>(DoorstepService.class);

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

    private void start() {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        Path root = Path.of("").toAbsolutePath().getParent();
        Path home = Path.of("target/system-test").toAbsolutePath();
        String java = ProcessHandle.current().info().command().orElse("java");
        Map<DoorstepService, ManagedProcess> processes = new EnumMap<>(DoorstepService.class);
        for (DoorstepService service : DoorstepService.values()) {
            int port = freePort();
            ports.put(service, port);
            Path jar = root.resolve(service.module()).resolve("target").resolve(service.module() + "-0.1.0-SNAPSHOT.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("No jar at " + jar + ": run the build from the project root (./mvnw -B verify)");
            }
            Map<String, String> env = new LinkedHashMap<>();
            env.put("SERVER_PORT", String.valueOf(port));
            env.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.bootstrapServers());
            env.put("MONGODB_URI", infrastructure.mongoUri());
            env.put("DOORSTEP_OPERATOR_TOKEN", OPERATOR_TOKEN);
            env.put("DOORSTEP_SEEKER_JWT_SECRET", SEEKER_JWT_SECRET);
            env.put("SPRING_PROFILES_ACTIVE", "local");
            processes.put(service, ManagedProcess.start(service.module(), java, home, DoorstepService.jvmOptions(),
                    List.of("-jar", jar.toString()), env, home.resolve("logs").resolve(service.module() + ".log")));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> processes.values().parallelStream()
                .forEach(p -> p.stop(Duration.ofSeconds(15))), "system-test-services-stop"));
        CompletableFuture.allOf(processes.entrySet().stream()
                .map(e -> CompletableFuture.runAsync(() -> Readiness.await(e.getValue(),
                        () -> Readiness.httpReady(ports.get(e.getKey())), START_TIMEOUT)))
                .toArray(CompletableFuture[]::new)).join();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
