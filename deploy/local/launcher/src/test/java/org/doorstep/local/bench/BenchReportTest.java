package org.doorstep.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class BenchReportTest {

    @TempDir
    Path dir;

    @Test
    void reportsLatencyAgainstTheFloorThroughputLagAndProcessesAndDrawsTheChart() throws IOException {
        Histogram endToEnd = histogram(40_000, 60_000, 900_000);
        Histogram floor = histogram(2_000, 3_000, 9_000);
        List<BenchResult.Posting> postings = List.of(new BenchResult.Posting(0.2, 40_000), new BenchResult.Posting(1.1, 60_000),
                new BenchResult.Posting(1.7, 900_000), new BenchResult.Posting(2.5, -1));
        List<Timeline.Sample> samples = List.of(
                sample(0, 0, 1_000, 0, 100),
                sample(5, 50_000, 60_000, 12_000, 300),
                sample(10, 100_000, 101_000, 0, 500));
        BenchResult result = new BenchResult(BenchOptions.quick(dir), "20261202-100000", Instant.parse("2026-12-02T10:00:00Z"), 1,
                2_000, 10, 5, 8, new BenchResult.WarmLoad(50, histogram(2_000_000)), 4, 3, Map.of(503, 1), 2, endToEnd, floor, histogram(5_000), postings, samples, 20, 5, 0, null, null,
                Map.of("Produce", 139.3, "OffsetCommit", 98.6));

        String report = BenchReport.write(result, "./doorstep bench --quick", dir);

        assertThat(report)
                .contains("| postings delivered to their watched seeker | 3 of 4 (1 missing")
                .contains("| warm-up load, not measured (5 postings/s for 10 s while the JIT compiles the hot paths) | 50 accepted, 1 delivered; HTTP 201 -> SSE p50 / p99 2000")
                .contains("| HTTP 201 -> SSE, p50 / p99 | 60.0 / 900.1 ms | <= 100 / <= 500 ms: **not met** |")
                .contains("| end-to-end / floor | 20x at p50")
                .contains("10,000 on average, 10,000 peak")
                .contains("25,000 per posting")
                .contains("| notification-service / doorstep.matches.v1 | 12,000 | 0 |")
                .contains("| kafka | 500 |")
                .contains("(2 answered 429 and sent again after 1 s), refused {503=1}")
                .contains("## Broker requests").contains("| Produce | 139.3 |").contains("| OffsetCommit | 98.6 |");
        assertThat(Files.readString(dir.resolve("report.md"))).isEqualTo(report);
        String svg = Files.readString(dir.resolve("chart.svg"));
        assertThat(svg).startsWith("<svg").contains("notification-service / doorstep.matches.v1").contains("p99");
        assertThat(svg.split("<polyline", -1)).hasSize(5);
    }

    @Test
    void roundsAxesUpToReadableValues() {
        assertThat(SvgChart.niceCeiling(73)).isEqualTo(100);
        assertThat(SvgChart.niceCeiling(180)).isEqualTo(200);
        assertThat(SvgChart.niceCeiling(2_100)).isEqualTo(2_500);
    }

    private static Timeline.Sample sample(double second, long delivered, long produced, long notificationLag, long kafkaRssMb) {
        return new Timeline.Sample(second, new ConsumerLag.Reading(Map.of("notification-service / doorstep.matches.v1", notificationLag,
                "matching / doorstep.postings.v1", 0L), delivered, produced),
                Map.of("kafka", new ProcessUsage((long) (second * 50), kafkaRssMb * 1024, kafkaRssMb * 1024)));
    }

    private static Histogram histogram(long... micros) {
        Histogram histogram = new Histogram(3);
        for (long value : micros) {
            histogram.recordValue(value);
        }
        return histogram;
    }
}
