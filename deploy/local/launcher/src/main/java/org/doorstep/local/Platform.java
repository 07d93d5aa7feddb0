package org.doorstep.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Starts, reports and stops the local platform: Kafka, the MongoDB-wire server, the four services and the web console. */
final class Platform {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final PlatformSettings settings;
    private final PlatformState state;
    private final Console console;
    private final StartupCache startupCache;
    private final WebConsole webConsole;

    Platform(PlatformSettings settings, Console console) {
        this.settings = settings;
        this.state = new PlatformState(settings.home());
        this.console = console;
        this.startupCache = new StartupCache(settings, console);
        this.webConsole = new WebConsole(settings);
    }

    /** Starts everything with one instance of each service (see {@link #up(Replicas)}). */
    Map<String, String> up() {
        return up(Replicas.single());
    }

    /**
     * Starts everything, {@code replicas} instances of each service, waits for every readiness probe,
     * provisions the demo partner, writes credentials.
     */
    Map<String, String> up(Replicas replicas) {
        List<ManagedProcess> running = state.running();
        if (!running.isEmpty()) {
            throw new PlatformException("The platform already runs here (" + names(running) + "). Stop it first: ./doorstep down");
        }
        state.forgetProcesses();
        List<ServiceInstance> instances = instances(replicas);
        checkPortsFree(instances);
        long started = System.nanoTime();
        Map<String, String> secrets = state.secrets();
        try {
            startInfrastructure();
            startupCache.prepare(service -> environment(ServiceInstance.of(service, 1, settings), secrets));
            long t0 = System.nanoTime();
            ManagedProcess web = startConsole();
            startServices(instances, secrets);
            awaitConsole(web, t0);
            Map<String, String> credentials = credentials(instances, secrets, new DemoPartner(settings, state).ensure(secrets));
            state.writeCredentials(credentials);
            console.line("All services ready in %.1f s", seconds(started));
            return credentials;
        } catch (RuntimeException e) {
            console.line("Start-up failed; stopping what was started.");
            down();
            throw e;
        }
    }

    private void startInfrastructure() {
        long t0 = System.nanoTime();
        ManagedProcess mongo = startStore();
        KafkaBroker kafka = new KafkaBroker(settings);
        ManagedProcess broker = startBroker(kafka);
        awaitStore(mongo, t0);
        awaitBroker(kafka, broker, t0);
        kafka.createTopics();
    }

    private ManagedProcess startStore() {
        ManagedProcess mongo = ManagedProcess.start("mongo", settings.javaCommand(), settings.home(),
                JvmOptions.of(List.of("-Xmx" + settings.storeHeap(), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        "-cp", settings.launcherClasspath()), System.getenv("DOORSTEP_STORE_JVM_OPTIONS")),
                List.of(MongoWireServer.class.getName(), String.valueOf(settings.mongoPort()),
                        settings.home().resolve("mongo").toString(), settings.storeKind()),
                Map.of(), settings.logs().resolve("mongo.log"));
        state.record(mongo);
        return mongo;
    }

    private void awaitStore(ManagedProcess mongo, long t0) {
        Readiness.await(mongo, () -> Readiness.tcpAccepts(settings.mongoPort()), START_TIMEOUT);
        console.line("  ready  %-33s%-28s %5.1f s", "MongoDB-wire server (" + settings.storeKind() + ")", settings.mongoUri(), seconds(t0));
    }

    private ManagedProcess startBroker(KafkaBroker kafka) {
        ManagedProcess broker = kafka.start();
        state.record(broker);
        return broker;
    }

    private void awaitBroker(KafkaBroker kafka, ManagedProcess broker, long t0) {
        Readiness.await(broker, () -> Readiness.tcpAccepts(settings.kafkaPort()) && kafka.answers(), START_TIMEOUT);
        console.line("  ready  Kafka broker (KRaft)             %-28s %5.1f s", settings.kafkaBootstrap(), seconds(t0));
    }

    private List<ServiceInstance> instances(Replicas replicas) {
        List<ServiceInstance> instances = new ArrayList<>();
        for (DoorstepService service : DoorstepService.values()) {
            for (int index = 1; index <= replicas.of(service); index++) {
                instances.add(ServiceInstance.of(service, index, settings));
            }
        }
        return instances;
    }

    private void startServices(List<ServiceInstance> instances, Map<String, String> secrets) {
        long t0 = System.nanoTime();
        List<CompletableFuture<Void>> readiness = new ArrayList<>();
        for (ServiceInstance instance : instances) {
            ManagedProcess process = startService(instance, secrets);
            readiness.add(CompletableFuture.runAsync(() -> awaitService(instance, process, t0)));
        }
        try {
            CompletableFuture.allOf(readiness.toArray(CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    private ManagedProcess startService(ServiceInstance instance, Map<String, String> secrets) {
        ManagedProcess process = ManagedProcess.start(instance.name(), settings.javaCommand(), settings.home(),
                startupCache.launch(instance.service()), List.of(), environment(instance, secrets),
                settings.logs().resolve(instance.name() + ".log"));
        state.record(process);
        return process;
    }

    private void awaitService(ServiceInstance instance, ManagedProcess process, long t0) {
        Readiness.await(process, () -> Readiness.httpReady(instance.port()), START_TIMEOUT);
        console.line("  ready  %-32s %-28s %5.1f s", instance.name(), settings.url(instance.port()), seconds(t0));
    }

    private ManagedProcess startConsole() {
        ManagedProcess process = webConsole.start();
        state.record(process);
        return process;
    }

    private void awaitConsole(ManagedProcess process, long t0) {
        Readiness.await(process, () -> Readiness.httpReady(settings.consolePort()), START_TIMEOUT);
        console.line("  ready  %-32s %-28s %5.1f s", WebConsole.NAME + " (web)", settings.url(settings.consolePort()), seconds(t0));
    }

    /**
     * Stops one process of the running platform ({@code postings-service}, {@code matching-service-2}, {@code kafka},
     * {@code mongo}; short names such as {@code matching} or {@code notification-2} too) if it still runs, and starts
     * it again as {@code up} did; returns when it is ready. The rest of the platform keeps running.
     */
    void restart(String name) {
        List<ManagedProcess> running = state.running();
        if (running.isEmpty()) {
            throw new PlatformException("Doorstep is not running. Start it: ./doorstep up");
        }
        String process = ProcessName.canonical(name);
        if (!state.recordedNames().contains(process)) {
            throw new PlatformException(name + " is not a process of this platform (" + String.join(", ", state.recordedNames()) + ")");
        }
        running.stream().filter(p -> p.name().equals(process)).forEach(p -> p.stop(STOP_GRACE));
        long t0 = System.nanoTime();
        switch (process) {
            case "mongo" -> awaitStore(startStore(), t0);
            case "kafka" -> {
                KafkaBroker kafka = new KafkaBroker(settings);
                awaitBroker(kafka, startBroker(kafka), t0);
            }
            case WebConsole.NAME -> awaitConsole(startConsole(), t0);
            default -> {
                ServiceInstance instance = ProcessName.instance(process, settings);
                awaitService(instance, startService(instance, state.secrets()), t0);
            }
        }
    }

    /** Each process the platform started, running or not, with its health now. */
    List<ProcessHealth> health() {
        List<ManagedProcess> running = state.running();
        List<ProcessHealth> health = new ArrayList<>();
        for (String name : state.recordedNames()) {
            Optional<ManagedProcess> process = running.stream().filter(p -> p.name().equals(name)).findFirst();
            health.add(new ProcessHealth(name, process, process.map(p -> healthOf(name)).orElse("exited")));
        }
        return health;
    }

    private String healthOf(String name) {
        return switch (name) {
            case "mongo" -> Readiness.tcpAccepts(settings.mongoPort()) ? "accepting" : "not accepting";
            case "kafka" -> Readiness.tcpAccepts(settings.kafkaPort()) ? "accepting" : "not accepting";
            case WebConsole.NAME -> Readiness.httpReady(settings.consolePort()) ? "ready" : "not ready";
            default -> Readiness.httpReady(ProcessName.instance(name, settings).port()) ? "ready" : "not ready";
        };
    }

    private Map<String, String> environment(ServiceInstance instance, Map<String, String> secrets) {
        Map<String, String> env = new LinkedHashMap<>(DoorstepService.environment(instance.port(), settings.kafkaBootstrap(),
                settings.mongoUri(), secrets));
        env.put("DOORSTEP_INSTANCE_ID", instance.instanceId());
        return env;
    }

    private Map<String, String> credentials(List<ServiceInstance> instances, Map<String, String> secrets, Map<String, String> partner) {
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("DOORSTEP_OPERATOR_TOKEN", secrets.get("DOORSTEP_OPERATOR_TOKEN"));
        credentials.put("DOORSTEP_AUDITOR_TOKEN", secrets.get("DOORSTEP_AUDITOR_TOKEN"));
        credentials.put("DOORSTEP_PARTNER_KEY", partner.get("DOORSTEP_PARTNER_KEY"));
        credentials.put("DOORSTEP_POSTINGS_URL", settings.url(settings.postingsPort()));
        credentials.put("DOORSTEP_SEEKERS_URL", settings.url(settings.seekersPort()));
        credentials.put("DOORSTEP_MATCHING_URL", settings.url(settings.matchingPort()));
        credentials.put("DOORSTEP_NOTIFICATIONS_URL", settings.url(settings.notificationPort()));
        credentials.put("DOORSTEP_CONSOLE_URL", settings.url(settings.consolePort()));
        // every instance, for clients that spread over them (./doorstep bench); the single URLs name instance 1
        credentials.put("DOORSTEP_MATCHING_URLS", urls(instances, DoorstepService.MATCHING));
        credentials.put("DOORSTEP_NOTIFICATIONS_URLS", urls(instances, DoorstepService.NOTIFICATION));
        credentials.put("KAFKA_BOOTSTRAP_SERVERS", settings.kafkaBootstrap());
        credentials.put("MONGODB_URI", settings.mongoUri());
        return credentials;
    }

    private String urls(List<ServiceInstance> instances, DoorstepService service) {
        return String.join(",", instances.stream().filter(i -> i.service() == service).map(i -> settings.url(i.port())).toList());
    }

    /** Stops every process this platform started (services first, then Kafka, then MongoDB), and only those. */
    int down() {
        List<ManagedProcess> running = new ArrayList<>(state.running());
        List<ManagedProcess> services = running.stream().filter(p -> !p.name().equals("kafka") && !p.name().equals("mongo")).toList();
        CompletableFuture.allOf(services.stream()
                .map(p -> CompletableFuture.runAsync(() -> p.stop(STOP_GRACE)))
                .toArray(CompletableFuture[]::new)).join();
        running.stream().filter(p -> p.name().equals("kafka")).forEach(p -> p.stop(STOP_GRACE));
        running.stream().filter(p -> p.name().equals("mongo")).forEach(p -> p.stop(STOP_GRACE));
        state.forgetProcesses();
        return running.size();
    }

    List<ManagedProcess> status() {
        return state.running();
    }

    /** Blocks while every started process runs; returns when one of them exits. */
    ManagedProcess awaitFirstExit() {
        List<ManagedProcess> running = state.running();
        CompletableFuture<?>[] exits = running.stream()
                .map(p -> ProcessHandle.of(p.pid()).map(ProcessHandle::onExit).orElse(CompletableFuture.completedFuture(null))
                        .thenApply(ignored -> p))
                .toArray(CompletableFuture[]::new);
        return (ManagedProcess) CompletableFuture.anyOf(exits).join();
    }

    private void checkPortsFree(List<ServiceInstance> instances) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("DOORSTEP_KAFKA_PORT", settings.kafkaPort());
        ports.put("DOORSTEP_KAFKA_CONTROLLER_PORT", settings.kafkaControllerPort());
        ports.put("DOORSTEP_MONGO_PORT", settings.mongoPort());
        ports.put("DOORSTEP_POSTINGS_PORT", settings.postingsPort());
        ports.put("DOORSTEP_SEEKERS_PORT", settings.seekersPort());
        ports.put("DOORSTEP_MATCHING_PORT", settings.matchingPort());
        ports.put("DOORSTEP_NOTIFICATION_PORT", settings.notificationPort());
        ports.put("DOORSTEP_CONSOLE_PORT", settings.consolePort());
        for (ServiceInstance instance : instances) {
            if (instance.index() > 1) {
                ports.put(portVariable(instance.service()) + " + " + ServiceInstance.PORT_STEP * (instance.index() - 1)
                        + " for " + instance.name(), instance.port());
            }
        }
        List<String> taken = new ArrayList<>();
        ports.forEach((variable, port) -> {
            if (!free(port)) {
                taken.add("port " + port + " (" + variable + ")");
            }
        });
        if (!taken.isEmpty()) {
            throw new PlatformException("Already in use: " + String.join(", ", taken)
                    + ". Stop what holds it, or choose another port, e.g. " + taken.get(0).replaceAll(".*\\(([A-Z_]+).*\\)", "$1") + "=19092 ./doorstep up");
        }
    }

    private static String portVariable(DoorstepService service) {
        return switch (service) {
            case POSTINGS -> "DOORSTEP_POSTINGS_PORT";
            case SEEKERS -> "DOORSTEP_SEEKERS_PORT";
            case MATCHING -> "DOORSTEP_MATCHING_PORT";
            case NOTIFICATION -> "DOORSTEP_NOTIFICATION_PORT";
        };
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String names(List<ManagedProcess> processes) {
        return String.join(", ", processes.stream().map(p -> p.name() + " pid " + p.pid()).toList());
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    boolean homeExists() {
        return Files.isDirectory(settings.home());
    }
}
