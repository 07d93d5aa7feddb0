package org.doorstep.local.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples, once a second while the load runs, the consumer lag of every matching and notification group and the
 * postings matching has read and not judged yet,
 * the matches produced and delivered so far, and the CPU time and memory of every platform process.
 */
final class Timeline implements AutoCloseable {

    /** One sample, {@code second} seconds after the load started. */
    record Sample(double second, ConsumerLag.Reading kafka, Map<String, ProcessUsage> processes) {
    }

    /** What matching has read and not judged yet: its backlog, which its consumer's lag does not show (it reads ahead). */
    static final String MATCHING_WAITING = "matching / postings read, not judged";

    private final ConsumerLag lag;
    private final PrometheusSum matching;
    private final Map<String, Long> pids;
    private final long start;
    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("bench-timeline").unstarted(r));

    Timeline(ConsumerLag lag, PrometheusSum matching, Map<String, Long> pids, long start) {
        this.lag = lag;
        this.matching = matching;
        this.pids = pids;
        this.start = start;
    }

    void startSampling() {
        sample();
        scheduler.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    private void sample() {
        try {
            Map<String, ProcessUsage> usage = new LinkedHashMap<>();
            pids.forEach((name, pid) -> ProcessUsage.of(pid).ifPresent(u -> usage.put(name, u)));
            ConsumerLag.Reading kafka = lag.read();
            Double waiting = matching.of("doorstep_matching_postings_waiting");
            Sample sample = new Sample((System.nanoTime() - start) / 1e9,
                    waiting == null ? kafka : kafka.with(MATCHING_WAITING, waiting.longValue()), usage);
            synchronized (samples) {
                samples.add(sample);
            }
        } catch (Exception e) {
            System.err.println("timeline sample skipped: " + e);
        }
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
    }
}
