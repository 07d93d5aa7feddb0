package org.doorstep.local;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code ./doorstep up [--detach] [--demo] [--replicas notification=2,matching=2] | down | status | restart <process> | demo | bench}:
 * the one-command local platform and its load benchmark.
 * See the README for what each command does.
 */
public final class Doorstep {

    private Doorstep() {
    }

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // the admin client's connection warnings while the broker starts are expected noise
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error");
        Console console = new Console(System.out);
        List<String> arguments = Arrays.asList(args);
        String command = arguments.isEmpty() ? "help" : arguments.get(0);
        try {
            PlatformSettings settings = PlatformSettings.fromEnvironment(System.getenv());
            int exit = switch (command) {
                case "up" -> up(new Platform(settings, console), settings, console, replicas(arguments),
                        arguments.contains("--detach") || arguments.contains("-d"), arguments.contains("--demo"));
                case "down" -> down(new Platform(settings, console), console);
                case "status" -> status(new Platform(settings, console), console);
                case "restart" -> restart(new Platform(settings, console), console, arguments);
                case "demo" -> new Demo(settings, console).run();
                case "bench" -> new BenchCommand(settings, console).run(arguments.subList(1, arguments.size()));
                default -> help(console);
            };
            System.exit(exit);
        } catch (PlatformException e) {
            console.line("doorstep %s: %s", command, e.getMessage());
            System.exit(1);
        }
    }

    /** {@code --replicas notification=2,matching=2} or {@code --replicas=notification=2,...}. */
    static Replicas replicas(List<String> arguments) {
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.startsWith("--replicas=")) {
                return Replicas.parse(argument.substring("--replicas=".length()));
            }
            if (argument.equals("--replicas")) {
                if (i + 1 >= arguments.size()) {
                    throw new PlatformException("--replicas needs a value, e.g. --replicas notification=2,matching=2");
                }
                return Replicas.parse(arguments.get(i + 1));
            }
        }
        return Replicas.single();
    }

    private static int up(Platform platform, PlatformSettings settings, Console console, Replicas replicas, boolean detach, boolean demo) {
        console.line("Starting Doorstep from %s (logs in %s)", settings.projectRoot(), settings.logs());
        AtomicBoolean stopping = new AtomicBoolean();
        Thread stopOnInterrupt = new Thread(() -> {
            if (stopping.compareAndSet(false, true) && !platform.status().isEmpty()) {
                console.line("Stopping Doorstep ...");
                console.line("Stopped %d processes.", platform.down());
            }
        }, "doorstep-stop");
        Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
        Map<String, String> credentials = platform.up(replicas);
        printSummary(settings, console, credentials);
        if (demo) {
            try {
                new Demo(settings, console).run();
            } catch (PlatformException e) {
                console.line("The demo failed: %s (the platform keeps running)", e.getMessage());
            }
        }
        if (detach) {
            Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
            console.line("Running in the background. Stop it with: ./doorstep down");
            return 0;
        }
        console.line("Press Ctrl-C to stop everything (or run ./doorstep down in another terminal).");
        ManagedProcess exited = platform.awaitFirstExit();
        if (!stopping.get()) {
            console.line("%s exited (see %s); stopping the rest.", exited.name(), exited.log());
        }
        return stopping.get() ? 0 : 1;
    }

    private static void printSummary(PlatformSettings settings, Console console, Map<String, String> credentials) {
        console.line("");
        console.line("  console (web)         %s   (seeker app: %s/#/seeker, operator console: %s/#/operator)",
                credentials.get("DOORSTEP_CONSOLE_URL"), credentials.get("DOORSTEP_CONSOLE_URL"), credentials.get("DOORSTEP_CONSOLE_URL"));
        console.line("  postings-service      %s   (partners: Authorization: Bearer $DOORSTEP_PARTNER_KEY)", credentials.get("DOORSTEP_POSTINGS_URL"));
        console.line("  seekers-service       %s   (mobile apps: POST /api/v1/seekers returns a seeker token)", credentials.get("DOORSTEP_SEEKERS_URL"));
        console.line("  matching-service      %s   (operators: Authorization: Bearer $DOORSTEP_OPERATOR_TOKEN or $DOORSTEP_AUDITOR_TOKEN)", credentials.get("DOORSTEP_MATCHING_URL"));
        console.line("  notification-service  %s   (SSE: /api/v1/me/matches/stream with a seeker token)", credentials.get("DOORSTEP_NOTIFICATIONS_URL"));
        for (String key : List.of("DOORSTEP_MATCHING_URLS", "DOORSTEP_NOTIFICATIONS_URLS")) {
            String urls = credentials.getOrDefault(key, "");
            if (urls.contains(",")) {
                console.line("  all instances         %s   ($%s)", urls, key);
            }
        }
        console.line("  OpenAPI               <service URL>/v3/api-docs, Swagger UI at <service URL>/swagger-ui.html");
        console.line("  Kafka                 %s    MongoDB  %s", credentials.get("KAFKA_BOOTSTRAP_SERVERS"), credentials.get("MONGODB_URI"));
        console.line("");
        console.line("  operator token        %s", credentials.get("DOORSTEP_OPERATOR_TOKEN"));
        console.line("  auditor token         %s   (reads only: campaigns, partners, stats, metrics)", credentials.get("DOORSTEP_AUDITOR_TOKEN"));
        console.line("  demo partner key      %s", credentials.get("DOORSTEP_PARTNER_KEY"));
        console.line("  credentials           . %s", settings.home().resolve("credentials.env"));
        console.line("");
        console.line("Next: ./doorstep demo   (publishes sample postings and seekers, shows matches arriving live)");
    }

    private static int down(Platform platform, Console console) {
        int stopped = platform.down();
        console.line(stopped == 0 ? "Nothing was running." : "Stopped " + stopped + " processes.");
        return 0;
    }

    private static int status(Platform platform, Console console) {
        List<ProcessHealth> processes = platform.health();
        if (processes.stream().noneMatch(p -> p.process().isPresent())) {
            console.line("Doorstep is not running. Start it: ./doorstep up");
            return 1;
        }
        for (ProcessHealth p : processes) {
            console.line("  %-22s %-14s %-10s %s", p.name(), p.health(),
                    p.process().map(m -> "pid " + m.pid()).orElse("-"),
                    p.process().map(m -> "log " + m.log()).orElse("restart it: ./doorstep restart " + p.name()));
        }
        return processes.stream().allMatch(ProcessHealth::healthy) ? 0 : 2;
    }

    private static int restart(Platform platform, Console console, List<String> arguments) {
        if (arguments.size() < 2) {
            throw new PlatformException("restart needs a process, e.g. ./doorstep restart notification (see ./doorstep status)");
        }
        for (String name : arguments.subList(1, arguments.size())) {
            console.line("Restarting %s ...", name);
            platform.restart(name);
        }
        return 0;
    }

    private static int help(Console console) {
        console.line("""
                Usage: ./doorstep <command>
                  up [--detach] [--demo] [--replicas notification=2,matching=2]
                                 build what is missing, start Kafka, the MongoDB-wire server and the four services,
                                 wait until all are ready, print URLs and credentials (Ctrl-C stops everything);
                                 --demo then runs the demo, --detach returns and leaves the platform running;
                                 --replicas runs several instances of matching and/or notification (instance n on the
                                 service's port + 100 x (n - 1), e.g. 8184 for the second notification-service)
                  demo           publish sample postings and seekers and show one seeker's matches arriving live
                  bench [--quick] [--seekers N] [--rate R] [--seconds S] [--watched W] [--data DIR] [--seed N]
                                 the load benchmark against the running platform: registers seekers, publishes postings
                                 at R/s for S s, measures HTTP 201 -> SSE latency at W watched seekers, lag, throughput,
                                 CPU and memory; writes .doorstep/bench/<time>/report.md and chart.svg
                  status         each process the platform started: running or exited, ready or not (exit status 2
                                 when one is not), pid and log
                  restart <process>...
                                 stop one process if it runs and start it again as up did (mongo, kafka, postings,
                                 seekers, matching, notification, matching-2, ...); the rest keeps running
                  down           stop every process the platform started, and only those
                Ports: DOORSTEP_KAFKA_PORT (9092), DOORSTEP_KAFKA_CONTROLLER_PORT (9093), DOORSTEP_MONGO_PORT (27017),
                       DOORSTEP_POSTINGS_PORT (8081), DOORSTEP_SEEKERS_PORT (8082), DOORSTEP_MATCHING_PORT (8083),
                       DOORSTEP_NOTIFICATION_PORT (8084). Data and logs: .doorstep/ (DOORSTEP_HOME).""");
        return 0;
    }
}
