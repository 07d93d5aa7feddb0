package org.doorstep.notifications;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of this JVM's threads by part (the broker, the store, the benchmark itself: its main thread and its
 * producer, and the service: every other thread), for a benchmark that runs them all in one process: what the service itself costs per match, apart
 * from the broker and the store it shares the cores with. Counts live threads only: a thread that ends within a
 * phase takes its CPU time with it (the service's threads live as long as it does).
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, String> names = new HashMap<>();
    private final Map<Long, Long> start = cpuById();
    private final long gcStart = gcMillis();
    private final long wallStart = System.nanoTime();

    /** What each part used per match delivered since this object was made, and the matches a core would deliver. */
    String perMatch(String phase, double delivered) {
        Map<String, Long> used = sinceStart();
        if (Boolean.getBoolean("threads")) { // -Dthreads=true: the 40 busiest threads, to check what counts where
            Map<Long, Long> now = cpuById();
            now.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue() - start.getOrDefault(b.getKey(), 0L), a.getValue() - start.getOrDefault(a.getKey(), 0L)))
                    .limit(40).forEach(e -> System.out.printf("    %-70s %-18s %,8.0f ms%n", names.get(e.getKey()), part(names.get(e.getKey())),
                            (e.getValue() - start.getOrDefault(e.getKey(), 0L)) / 1e6));
        }
        StringBuilder line = new StringBuilder(String.format("%s CPU per match delivered (%,.0f):", phase, delivered));
        used.forEach((part, nanos) -> line.append(String.format(" %s %.1f us,", part, nanos / 1e3 / delivered)));
        long service = used.getOrDefault("service", 0L);
        line.append(String.format(" so the service alone would deliver %,.0f matches/s on one core", delivered * 1e9 / service));
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double threads = used.values().stream().mapToLong(Long::longValue).sum() / 1e9;
        double gc = (gcMillis() - gcStart) / 1e3;
        line.append(String.format("; over %.1f s the threads used %.2f cores and garbage collection (not in the threads) %.2f s,"
                + " %.0f us per match", wall, threads / wall, gc, gc * 1e6 / delivered));
        return line.toString();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(gc -> Math.max(0, gc.getCollectionTime())).sum();
    }

    /** CPU nanoseconds each part used since this object was made. */
    Map<String, Long> sinceStart() {
        Map<String, Long> byPart = new TreeMap<>();
        cpuById().forEach((id, cpu) -> byPart.merge(part(names.get(id)), cpu - start.getOrDefault(id, 0L), Long::sum));
        return byPart;
    }

    private Map<Long, Long> cpuById() {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long nanos = THREADS.getThreadCpuTime(info.getThreadId());
            if (nanos >= 0) {
                cpu.put(info.getThreadId(), nanos);
                names.put(info.getThreadId(), info.getThreadName());
            }
        }
        return cpu;
    }

    /** The part a thread belongs to, by the names the broker, the store and the clients give their threads. */
    static String part(String name) {
        if (name == null) {
            return "service";
        }
        if (name.startsWith("mongo-server") || name.startsWith("store-journal") || name.startsWith("H2 ")) {
            return "store";
        }
        if (name.contains("| benchmark") || name.equals("main")) {
            return "benchmark";
        }
        if (name.startsWith("kafka-producer-network-thread") || name.startsWith("kafka-coordinator-heartbeat")) {
            return "service";
        }
        if (name.contains("kafka-request-handler") || name.contains("kafka-network-thread") || name.startsWith("kafka-")
                || name.startsWith("raft") || name.contains("controller") || name.startsWith("broker-")
                || name.startsWith("ExpirationReaper") || name.contains("coordinator") || name.startsWith("LogDirFailure")
                || name.startsWith("data-plane") || name.startsWith("ReplicaFetcher") || name.startsWith("log-cleaner")) {
            return "broker";
        }
        return "service";
    }
}
