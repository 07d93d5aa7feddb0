package org.doorstep.local.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the timeline says about throughput, lag and processes over the measured window. */
record Throughput(double deliveredPerSecond, double peakDeliveredPerSecond, double producedPerSecond,
                  Map<String, Long> maxLag, Map<String, Long> finalLag, Map<String, ProcessFigures> processes) {

    /** A process's peak resident memory (MB) and its CPU use (100% = one core), average and peak over 5 s. */
    record ProcessFigures(double peakRssMb, double averageCpuPercent, double peakCpuPercent) {
    }

    static final int WINDOW = 5;

    static Throughput of(List<Timeline.Sample> samples) {
        if (samples.size() < 2) {
            return new Throughput(0, 0, 0, Map.of(), Map.of(), Map.of());
        }
        Timeline.Sample first = samples.getFirst();
        Timeline.Sample last = samples.getLast();
        double span = last.second() - first.second();
        double delivered = (last.kafka().notificationCommitted() - first.kafka().notificationCommitted()) / span;
        double produced = (last.kafka().matchesProduced() - first.kafka().matchesProduced()) / span;
        double peak = 0;
        for (int i = WINDOW; i < samples.size(); i++) {
            Timeline.Sample a = samples.get(i - WINDOW);
            Timeline.Sample b = samples.get(i);
            peak = Math.max(peak, (b.kafka().notificationCommitted() - a.kafka().notificationCommitted()) / (b.second() - a.second()));
        }
        if (samples.size() <= WINDOW) {
            peak = delivered;
        }
        Map<String, Long> maxLag = new TreeMap<>();
        samples.forEach(s -> s.kafka().lag().forEach((key, value) -> maxLag.merge(key, value, Math::max)));
        Map<String, ProcessFigures> processes = new LinkedHashMap<>();
        for (String name : first.processes().keySet()) {
            double peakRss = 0;
            double peakCpu = 0;
            for (int i = 0; i < samples.size(); i++) {
                ProcessUsage usage = samples.get(i).processes().get(name);
                if (usage == null) {
                    continue;
                }
                peakRss = Math.max(peakRss, Math.max(usage.rssKb(), usage.peakRssKb()) / 1024.0);
                if (i >= WINDOW && samples.get(i - WINDOW).processes().containsKey(name)) {
                    Timeline.Sample a = samples.get(i - WINDOW);
                    peakCpu = Math.max(peakCpu, cpuPercent(a.processes().get(name), usage, samples.get(i).second() - a.second()));
                }
            }
            ProcessUsage end = last.processes().get(name);
            double average = end == null ? 0 : cpuPercent(first.processes().get(name), end, span);
            processes.put(name, new ProcessFigures(peakRss, average, peakCpu));
        }
        return new Throughput(delivered, peak, produced, maxLag, new TreeMap<>(last.kafka().lag()), processes);
    }

    private static double cpuPercent(ProcessUsage from, ProcessUsage to, double seconds) {
        return (to.cpuTicks() - from.cpuTicks()) / ProcessUsage.TICKS_PER_SECOND / seconds * 100;
    }
}
