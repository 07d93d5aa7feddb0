package org.doorstep.systemtest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.doorstep.local.Console;
import org.doorstep.local.DoorstepService;
import org.doorstep.local.bench.Bench;
import org.doorstep.local.bench.BenchOptions;
import org.doorstep.local.bench.BenchReport;
import org.doorstep.local.bench.BenchResult;
import org.doorstep.local.bench.BenchTarget;
import org.doorstep.testkit.DoorstepInfrastructure;
import org.doorstep.testkit.SharedInfrastructure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code ./doorstep bench --quick --fanout 40} as a smoke test, against the system tests' own platform (the four
 * service jars as processes over the test JVM's broker and MongoDB-wire server). The figures are printed
 * and written to {@code target/bench/}, not asserted: only that every watched posting arrived and the
 * report and chart were written.
 */
@DoorstepInfrastructure
class BenchSmokeTest {

    /**
     * The quick mode with clusters of 40 seekers instead of 250 (fan-out up to 40 instead of 200), so that
     * the smoke stays short on a busy 2-core CI machine, and up to 3 minutes for the last deliveries (it
     * returns as soon as all have arrived); the full fan-out is what {@code ./doorstep bench} measures.
     */
    private static final java.util.function.Function<Path, BenchOptions> SMOKE = data -> {
        BenchOptions quick = BenchOptions.quick(data).withClusterSize(40);
        return quick.with(quick.seekers(), quick.rate(), quick.seconds(), quick.watched(), quick.seed(), data, java.time.Duration.ofMinutes(3));
    };

    @Test
    void quickBenchmarkDeliversEveryWatchedPostingAndWritesItsReportAndChart() throws Exception {
        Path data = ServicesUnderTest.projectRoot().resolve("../shared/data").normalize();
        assumeTrue(Files.isDirectory(data), "skipped: the benchmark resamples ../shared/data, absent at " + data);
        ServicesUnderTest services = ServicesUnderTest.get();
        BenchTarget target = new BenchTarget(services.url(DoorstepService.POSTINGS), services.url(DoorstepService.SEEKERS),
                List.of(services.url(DoorstepService.NOTIFICATION)), List.of(services.url(DoorstepService.MATCHING)),
                ServicesUnderTest.OPERATOR_TOKEN,
                SharedInfrastructure.get().bootstrapServers(), services.processes());

        BenchResult result = new Bench(SMOKE.apply(data), target, new Console(System.out)).run();
        Path dir = ServicesUnderTest.projectRoot().resolve("system-tests/target/bench").resolve(result.runId());
        String report = BenchReport.write(result, "BenchSmokeTest (./doorstep bench --quick --fanout 40)", dir);
        System.out.println(report);

        assertThat(result.accepted()).isEqualTo(SMOKE.apply(data).rate() * SMOKE.apply(data).seconds());
        assertThat(result.everyWatchedPostingDelivered()).as(report).isTrue();
        assertThat(report).contains("HTTP 201 -> match on the watched seeker's SSE stream", "Kafka floor", "notification-service / doorstep.matches.v1",
                // read from the services' Prometheus endpoints (text only: a JSON Accept got 406 and left both out)
                "matching / postings read, not judged", "notification-service's `doorstep_notifications_matches_total`");
        assertThat(Files.readString(dir.resolve("chart.svg"))).startsWith("<svg").contains("<polyline");
    }
}
