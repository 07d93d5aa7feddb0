package org.doorstep.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.doorstep.local.bench.Bench;
import org.doorstep.local.bench.BenchOptions;
import org.doorstep.local.bench.BenchReport;
import org.doorstep.local.bench.BenchResult;
import org.doorstep.local.bench.BenchTarget;

/**
 * {@code ./doorstep bench [options]}: runs the load benchmark against the platform that {@code ./doorstep up}
 * started (it does not start one: the figures should come from the platform as the user runs it, replicas
 * included), then prints the report and writes it to {@code .doorstep/bench/<time>/}.
 */
final class BenchCommand {

    private final PlatformSettings settings;
    private final Console console;

    BenchCommand(PlatformSettings settings, Console console) {
        this.settings = settings;
        this.console = console;
    }

    int run(List<String> arguments) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(arguments, defaultDataDir());
        } catch (IllegalArgumentException e) {
            throw new PlatformException(e.getMessage() + ". Usage: ./doorstep bench [--quick] [--seekers N] [--rate R] [--seconds S] [--watched W] [--seed N] [--data DIR] [--drain S]");
        }
        Path credentialsFile = settings.home().resolve("credentials.env");
        List<ManagedProcess> running = new PlatformState(settings.home()).running();
        if (running.isEmpty() || !Files.exists(credentialsFile)) {
            throw new PlatformException("Doorstep is not running. Start it first: ./doorstep up --detach"
                    + " (or ./doorstep up --detach --replicas notification=2,matching=2), then run ./doorstep bench again");
        }
        Map<String, String> credentials = PlatformState.readEnv(credentialsFile);
        Map<String, Long> processes = new LinkedHashMap<>();
        running.forEach(p -> processes.put(p.name(), p.pid()));
        BenchTarget target = new BenchTarget(credentials.get("DOORSTEP_POSTINGS_URL"), credentials.get("DOORSTEP_SEEKERS_URL"),
                urls(credentials.getOrDefault("DOORSTEP_NOTIFICATIONS_URLS", credentials.get("DOORSTEP_NOTIFICATIONS_URL"))),
                urls(credentials.getOrDefault("DOORSTEP_MATCHING_URLS", credentials.get("DOORSTEP_MATCHING_URL"))),
                credentials.get("DOORSTEP_OPERATOR_TOKEN"), credentials.get("KAFKA_BOOTSTRAP_SERVERS"), processes);
        BenchResult result;
        try {
            result = new Bench(options, target, console).run();
        } catch (IllegalStateException e) {
            throw new PlatformException(e.getMessage(), e);
        } catch (Exception e) {
            throw new PlatformException("the benchmark failed: " + e, e);
        }
        Path dir = settings.home().resolve("bench").resolve(result.runId());
        try {
            String report = BenchReport.write(result, "./doorstep bench " + String.join(" ", arguments), dir);
            console.line("");
            console.line(report);
        } catch (java.io.IOException e) {
            throw new PlatformException("Writing the report to " + dir + " failed: " + e.getMessage(), e);
        }
        console.line("Report: %s (chart: %s)", dir.resolve("report.md"), dir.resolve("chart.svg"));
        return result.everyWatchedPostingDelivered() ? 0 : 3;
    }

    private Path defaultDataDir() {
        String configured = System.getenv("DOORSTEP_SHARED_DATA");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : settings.projectRoot().resolve("../shared/data").normalize();
    }

    private static List<String> urls(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
