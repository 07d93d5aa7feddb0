package org.doorstep.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;

/** The Markdown report of a run (and its SVG chart beside it). */
public final class BenchReport {

    private static final double TARGET_P50_MS = 100;
    private static final double TARGET_P99_MS = 500;
    private static final double TARGET_DELIVERED_PER_SECOND = 10_000;
    private static final int TIMELINE_STEP = 10;

    private BenchReport() {
    }

    /** Writes report.md and chart.svg into {@code dir}; returns the report's text. */
    public static String write(BenchResult result, String command, Path dir) throws IOException {
        Files.createDirectories(dir);
        String markdown = markdown(result, command);
        Files.writeString(dir.resolve("report.md"), markdown);
        Files.writeString(dir.resolve("chart.svg"), SvgChart.render(result));
        return markdown;
    }

    public static String markdown(BenchResult result, String command) {
        Throughput throughput = Throughput.of(result.samples());
        BenchOptions o = result.options();
        StringBuilder md = new StringBuilder();
        line(md, "# Doorstep bench %s", result.runId());
        line(md, "");
        line(md, "`%s` at %s: %,d seekers, %d postings/s for %d s, %d watched seekers, seed %d; %d notification-service instance(s); %d cores, load average %s at the end.",
                command, result.startedAt(), o.seekers(), o.rate(), o.seconds(), o.watched(), o.seed(), result.notificationInstances(),
                Runtime.getRuntime().availableProcessors(), loadAverage());
        line(md, "");
        line(md, "![latency and lag over time](chart.svg)");
        line(md, "");
        line(md, "## Summary");
        line(md, "");
        line(md, "| what | measured | target (DESIGN 8) |");
        line(md, "|---|---|---|");
        line(md, "| seekers registered through the API | %,d + %d watched in %.1f s (%.0f/s) | |", result.seekersRegistered(), o.watched(),
                result.registrationSeconds(), (result.seekersRegistered() + o.watched()) / Math.max(0.001, result.registrationSeconds()));
        line(md, "| warm-up (index caught up, one match per watched seeker) | %d of %d watched seekers in %.1f s | |", result.warmDelivered(), o.watched(), result.warmUpSeconds());
        if (o.warmup() > 0) {
            line(md, "| warm-up load, not measured (%d postings/s for %d s while the JIT compiles the hot paths) | %,d accepted, %,d delivered; HTTP 201 -> SSE p50 / p99 %s / %s ms | |",
                    o.rate(), o.warmup(), result.warmLoad().accepted(), result.warmLoad().latency().getTotalCount(),
                    ms(result.warmLoad().latency(), 50), ms(result.warmLoad().latency(), 99));
        }
        line(md, "| postings accepted (HTTP 201) | %,d of %,d in %.1f s%s%s | |", result.accepted(), o.postings(), result.loadSeconds(),
                result.rateLimitedRetries() == 0 ? "" : String.format(Locale.ROOT, " (%,d answered 429 and sent again after 1 s)", result.rateLimitedRetries()),
                result.refusals().isEmpty() ? "" : ", refused " + result.refusals());
        line(md, "| postings delivered to their watched seeker | %,d of %,d (%,d missing after %.0f s of drain) | all |", result.delivered(), result.accepted(),
                result.missing(), result.drainSeconds());
        line(md, "| HTTP 201 -> SSE, p50 / p99 | %s / %s ms | <= %.0f / <= %.0f ms: **%s** |", ms(result.endToEnd(), 50), ms(result.endToEnd(), 99),
                TARGET_P50_MS, TARGET_P99_MS, met(result.everyWatchedPostingDelivered() && result.endToEnd().getValueAtPercentile(50) / 1e3 <= TARGET_P50_MS
                        && result.endToEnd().getValueAtPercentile(99) / 1e3 <= TARGET_P99_MS));
        line(md, "| Kafka two-hop floor, p50 / p99 | %s / %s ms | |", ms(result.floor(), 50), ms(result.floor(), 99));
        line(md, "| end-to-end / floor | %s at p50, %s at p99 | |", ratio(result.endToEnd(), result.floor(), 50), ratio(result.endToEnd(), result.floor(), 99));
        line(md, "| matches delivered/s (notification-service's committed offsets on %s) | %,.0f on average, %,.0f peak over %d s | >= %,.0f/s per instance: **%s** |",
                ConsumerLag.MATCHES_TOPIC, throughput.deliveredPerSecond(), throughput.peakDeliveredPerSecond(), Throughput.WINDOW,
                TARGET_DELIVERED_PER_SECOND, met(throughput.deliveredPerSecond() / result.notificationInstances() >= TARGET_DELIVERED_PER_SECOND));
        line(md, "| matches produced/s (end offsets of %s) | %,.0f on average, %,.0f per posting | |", ConsumerLag.MATCHES_TOPIC,
                throughput.producedPerSecond(), result.accepted() == 0 ? 0 : throughput.producedPerSecond() * timelineSpan(result) / Math.max(1, result.accepted()));
        if (result.deliveredCounterBefore() != null && result.deliveredCounterAfter() != null) {
            line(md, "| notification-service's `doorstep_notifications_matches_total` | +%,.0f during the run (%,.0f/s) | |",
                    result.deliveredCounterAfter() - result.deliveredCounterBefore(),
                    (result.deliveredCounterAfter() - result.deliveredCounterBefore()) / Math.max(0.001, result.loadSeconds() + result.drainSeconds()));
        }
        line(md, "| live streams | %d watched, %d reconnects | |", o.watched(), result.streamReconnects());
        line(md, "");
        line(md, "## Latency (ms)");
        line(md, "");
        line(md, "| path | count | p50 | p95 | p99 | max |");
        line(md, "|---|---|---|---|---|---|");
        latencyRow(md, "HTTP 201 -> match on the watched seeker's SSE stream", result.endToEnd());
        latencyRow(md, "Kafka floor: produce -> consume -> produce -> consume", result.floor());
        latencyRow(md, "posting PUT -> HTTP 201 (postings-service)", result.postResponse());
        line(md, "");
        line(md, "## Consumer lag (records)");
        line(md, "");
        line(md, "| group / topic | max | at the end |");
        line(md, "|---|---|---|");
        throughput.maxLag().forEach((key, max) -> line(md, "| %s | %,d | %,d |", key, max, throughput.finalLag().getOrDefault(key, 0L)));
        line(md, "");
        line(md, "## Processes (from /proc, over the load and drain)");
        line(md, "");
        line(md, "| process | peak RSS (MB) | CPU, average (100%% = one core) | CPU, peak over %d s |", Throughput.WINDOW);
        line(md, "|---|---|---|---|");
        throughput.processes().forEach((name, p) -> line(md, "| %s | %,.0f | %.0f%% | %.0f%% |", name, p.peakRssMb(), p.averageCpuPercent(), p.peakCpuPercent()));
        line(md, "");
        if (!result.brokerRequests().isEmpty()) {
            line(md, "## Broker requests (per second, over the load; Kafka's RequestsPerSec by type)");
            line(md, "");
            line(md, "| request | per second |");
            line(md, "|---|---|");
            result.brokerRequests().forEach((type, rate) -> line(md, "| %s | %,.1f |", type, rate));
            line(md, "");
        }
        line(md, "## Over time (every %d s)", TIMELINE_STEP);
        line(md, "");
        line(md, "Postings by the second they were accepted in; lag and matches as sampled at the end of each step.");
        line(md, "");
        line(md, "| seconds | postings accepted | of them delivered | their latency p50 / max (ms) | matches delivered (notification) | notification lag (matches) | matching backlog (postings unread + read, not judged) |");
        line(md, "|---|---|---|---|---|---|---|");
        List<Timeline.Sample> samples = result.samples();
        long deliveredAtStart = samples.isEmpty() ? 0 : samples.getFirst().kafka().notificationCommitted();
        double end = samples.isEmpty() ? 0 : samples.getLast().second();
        for (int from = 0; from < end; from += TIMELINE_STEP) {
            int to = from + TIMELINE_STEP;
            BenchResult.Window window = result.window(from, to);
            Histogram latency = window.latency();
            int limit = to;
            Timeline.Sample sample = samples.stream().filter(s -> s.second() <= limit + 0.5).reduce((a, b) -> b).orElse(samples.getFirst());
            line(md, "| %d-%d | %d | %d | %s | %,d | %,d | %,d |", from, to, window.accepted(), latency.getTotalCount(),
                    latency.getTotalCount() == 0 ? "-" : ms(latency, 50) + " / " + String.format(Locale.ROOT, "%.1f", latency.getMaxValue() / 1e3),
                    sample.kafka().notificationCommitted() - deliveredAtStart, lagOf(sample, "notification", ConsumerLag.MATCHES_TOPIC),
                    lagOf(sample, "matching", "doorstep.postings.v1") + sample.kafka().lag().getOrDefault(Timeline.MATCHING_WAITING, 0L));
        }
        return md.toString();
    }

    private static long lagOf(Timeline.Sample sample, String groupPrefix, String topic) {
        return sample.kafka().lag().entrySet().stream()
                .filter(e -> e.getKey().startsWith(groupPrefix) && e.getKey().endsWith(" / " + topic))
                .mapToLong(Map.Entry::getValue).max().orElse(0);
    }

    private static double timelineSpan(BenchResult result) {
        return result.samples().size() < 2 ? 0 : result.samples().getLast().second() - result.samples().getFirst().second();
    }

    private static void latencyRow(StringBuilder md, String path, Histogram h) {
        line(md, "| %s | %,d | %s | %s | %s | %s |", path, h.getTotalCount(), ms(h, 50), ms(h, 95), ms(h, 99),
                h.getTotalCount() == 0 ? "-" : String.format(Locale.ROOT, "%.1f", h.getMaxValue() / 1e3));
    }

    static String ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? "-" : String.format(Locale.ROOT, "%.1f", h.getValueAtPercentile(percentile) / 1e3);
    }

    private static String ratio(Histogram a, Histogram b, double percentile) {
        if (a.getTotalCount() == 0 || b.getTotalCount() == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.0fx", (double) a.getValueAtPercentile(percentile) / Math.max(1, b.getValueAtPercentile(percentile)));
    }

    private static String met(boolean met) {
        return met ? "met" : "not met";
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static void line(StringBuilder md, String format, Object... args) {
        md.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
