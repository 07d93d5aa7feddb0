package org.doorstep.matching.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.HdrHistogram.Histogram;
import org.doorstep.matching.index.PostingIndex;
import org.doorstep.matching.index.Ranked;
import org.doorstep.matching.index.Retrieved;
import org.doorstep.matching.index.SeekerIndex;
import org.doorstep.matching.messaging.EventReplay;
import org.doorstep.matching.scoring.MatchScorer;
import org.doorstep.matching.scoring.MatchingPolicy;
import org.doorstep.matching.scoring.Posting;
import org.doorstep.matching.scoring.Seeker;
import org.doorstep.matching.taxonomy.BuiltInVocabulary;
import org.doorstep.matching.taxonomy.EscoLoader;
import org.doorstep.matching.taxonomy.Taxonomy;
import org.doorstep.matching.taxonomy.TaxonomyBuilder;

/**
 * The matching benchmark (DESIGN 8), on data generated from ../shared/data with a fixed seed:
 * <ol>
 * <li>one posting against N indexed seekers (default 1,000,000), top 200: latency percentiles of the
 * index path, and of a full scan with the same scoring in the same run, and whether both agree;</li>
 * <li>heap per indexed seeker (compact store + Lucene), and the time to build the index;</li>
 * <li>the consumer's path from seeker event to index entry (JSON, taxonomy, index), as a rate;</li>
 * <li>one profile against M open postings (default 200,000), top 200.</li>
 * </ol>
 * Run: see matching-service/README.md. Arguments: {@code [seekers] [postings] [queries]}.
 */
public final class MatchingBenchmark {

    private static final long SEED = 20261125L;
    /** Queries run before measuring, so that the JIT has compiled the query path. */
    private static final int WARM_UP = 1_000;
    private static final java.lang.management.ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        int seekerCount = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int postingCount = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        int scans = Math.min(queries, 30);
        Path data = SharedData.require();
        Instant now = Instant.parse("2026-11-25T08:00:00Z");
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

        TaxonomyBuilder builder = new TaxonomyBuilder();
        BuiltInVocabulary.addTo(builder);
        EscoLoader.addTo(builder, data.resolve("esco"), null);
        Taxonomy taxonomy = builder.build();
        Workload workload = new Workload(data, taxonomy, now);
        MatchingPolicy policy = MatchingPolicy.defaults();
        MatchScorer scorer = new MatchScorer(policy, taxonomy);
        print("machine: %d processors, load average %.1f (wall-clock figures suffer when others share the cores; CPU-time figures less so)",
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        print("data: %d Chinese cities (GeoNames), %d ESCO occupations with >= 5 essential skills, seed %d",
                workload.cityCount(), workload.jobCount(), SEED);

        // 1 + 2: seekers
        long before = usedHeap(memory);
        long start = System.nanoTime();
        SeekerIndex seekers = new SeekerIndex(policy);
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < seekerCount; i++) {
            seekers.upsert(workload.seeker(random));
        }
        seekers.optimise();
        double buildSeconds = (System.nanoTime() - start) / 1e9;
        long after = usedHeap(memory);
        print("seeker index: %,d seekers built in %.1f s (%,.0f seekers/s, including the final merge)",
                seekers.size(), buildSeconds, seekerCount / buildSeconds);
        print("heap per indexed seeker: %.0f bytes (%,d MB for %,d; Lucene files in heap: %,d MB)",
                (after - before) / (double) seekerCount, (after - before) >> 20, seekerCount, seekers.luceneBytes() >> 20);

        SplittableRandom postingRandom = new SplittableRandom(SEED + 1);
        Posting[] probes = new Posting[queries + WARM_UP];
        for (int i = 0; i < probes.length; i++) {
            probes[i] = workload.posting(postingRandom, i);
        }
        for (int i = 0; i < WARM_UP; i++) {
            seekers.match(probes[i], scorer, 200, now);
        }
        Histogram indexed = new Histogram(3);
        Histogram indexedCpu = new Histogram(3);
        Histogram indexedCandidates = new Histogram(3);
        long candidates = 0;
        long results = 0;
        for (int i = WARM_UP; i < probes.length; i++) {
            long c = CPU.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            Retrieved<Seeker> r = seekers.match(probes[i], scorer, 200, now);
            indexed.recordValue((System.nanoTime() - t) / 1000);
            indexedCpu.recordValue(Math.max(1, (CPU.getCurrentThreadCpuTime() - c) / 1000));
            candidates += r.candidates();
            indexedCandidates.recordValue(r.candidates());
            results += r.ranked().size();
        }
        report("posting -> seekers, index, top 200", indexed);
        cpu("  thread CPU time per query (mean)", indexedCpu);
        print("  mean candidates scored %.0f (p90 %d, p99 %d, max %d), mean matches returned %.1f",
                candidates / (double) queries, indexedCandidates.getValueAtPercentile(90),
                indexedCandidates.getValueAtPercentile(99), indexedCandidates.getMaxValue(), results / (double) queries);
        Histogram scanned = new Histogram(3);
        Histogram scannedCpu = new Histogram(3);
        int agree = 0;
        double[] pairedRatios = new double[scans];
        long pairedScan = 0;
        long pairedIndex = 0;
        for (int i = WARM_UP; i < WARM_UP + scans; i++) {
            long c = CPU.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            Retrieved<Seeker> full = seekers.scan(probes[i], scorer, 200, now);
            long scanNanos = System.nanoTime() - t;
            scanned.recordValue(scanNanos / 1000);
            scannedCpu.recordValue(Math.max(1, (CPU.getCurrentThreadCpuTime() - c) / 1000));
            // the same posting through the index right after its scan: a pair measured under the same load
            t = System.nanoTime();
            Retrieved<Seeker> viaIndex = seekers.match(probes[i], scorer, 200, now);
            long indexNanos = Math.max(1, System.nanoTime() - t);
            pairedRatios[i - WARM_UP] = scanNanos / (double) indexNanos;
            pairedScan += scanNanos;
            pairedIndex += indexNanos;
            if (same(full.ranked(), viaIndex.ranked())) {
                agree++;
            }
        }
        Arrays.sort(pairedRatios);
        report("posting -> seekers, full scan, top 200 (" + scans + " postings)", scanned);
        cpu("  thread CPU time per scan (mean)", scannedCpu);
        print("  speed-up of the index over the full scan: %.0fx at p50, %.0fx at p99, %.0fx in the mean; same top 200 for %d of %d",
                scanned.getValueAtPercentile(50) / (double) indexed.getValueAtPercentile(50),
                scanned.getValueAtPercentile(99) / (double) indexed.getValueAtPercentile(99),
                scanned.getMean() / indexed.getMean(), agree, scans);
        print("  in mean CPU time: %.0fx", scannedCpu.getMean() / indexedCpu.getMean());
        print("  paired (each of the %d postings through the scan, then at once through the index): %.0fx in total time,"
                + " per posting %.0fx median, %.0fx lowest", scans, pairedScan / (double) pairedIndex,
                pairedRatios[scans / 2], pairedRatios[0]);

        // 3: the consumer path, event bytes to index entry
        EventReplay replay = new EventReplay(taxonomy);
        int events = Math.min(seekerCount, 200_000);
        SplittableRandom eventRandom = new SplittableRandom(SEED + 2);
        byte[][] values = new byte[events][];
        String[] keys = new String[events];
        for (int i = 0; i < events; i++) {
            Seeker s = workload.seeker(eventRandom);
            keys[i] = s.id();
            values[i] = replay.seekerEvent(s);
        }
        try (SeekerIndex rebuilt = new SeekerIndex(policy)) {
            start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                rebuilt.upsert(replay.read(keys[i], values[i]));
            }
            rebuilt.optimise();
            double seconds = (System.nanoTime() - start) / 1e9;
            print("rebuild from seeker events (JSON -> taxonomy -> index, no broker): %,d events in %.1f s = %,.0f events/s;"
                    + " %,d seekers would take about %.0f s plus the broker read", events, seconds, events / seconds,
                    seekerCount, seekerCount / (events / seconds));
        }
        values = null;

        // 4: postings
        try (PostingIndex postings = new PostingIndex(policy)) {
            SplittableRandom r = new SplittableRandom(SEED + 3);
            start = System.nanoTime();
            for (int i = 0; i < postingCount; i++) {
                postings.upsert(workload.posting(r, i));
            }
            postings.optimise();
            print("posting index: %,d open postings built in %.1f s", postings.size(), (System.nanoTime() - start) / 1e9);
            SplittableRandom seekerRandom = new SplittableRandom(SEED + 4);
            Seeker[] profiles = new Seeker[queries + WARM_UP];
            for (int i = 0; i < profiles.length; i++) {
                profiles[i] = workload.seeker(seekerRandom);
            }
            for (int i = 0; i < WARM_UP; i++) {
                postings.match(profiles[i], scorer, 200, now);
            }
            Histogram profile = new Histogram(3);
            Histogram profileCpu = new Histogram(3);
            candidates = 0;
            for (int i = WARM_UP; i < profiles.length; i++) {
                long c = CPU.getCurrentThreadCpuTime();
                long t = System.nanoTime();
                candidates += postings.match(profiles[i], scorer, 200, now).candidates();
                profile.recordValue((System.nanoTime() - t) / 1000);
                profileCpu.recordValue(Math.max(1, (CPU.getCurrentThreadCpuTime() - c) / 1000));
            }
            report("profile -> postings, index, top 200", profile);
            cpu("  thread CPU time per query (mean)", profileCpu);
            print("  mean candidates scored %.0f", candidates / (double) queries);
            Histogram profileScan = new Histogram(3);
            agree = 0;
            for (int i = WARM_UP; i < WARM_UP + scans; i++) {
                long t = System.nanoTime();
                Retrieved<Posting> full = postings.scan(profiles[i], scorer, 200, now);
                profileScan.recordValue((System.nanoTime() - t) / 1000);
                if (same(full.ranked(), postings.match(profiles[i], scorer, 200, now).ranked())) {
                    agree++;
                }
            }
            report("profile -> postings, full scan (" + scans + " profiles)", profileScan);
            print("  speed-up %.0fx at p50; same top 200 for %d of %d",
                    profileScan.getValueAtPercentile(50) / (double) profile.getValueAtPercentile(50), agree, scans);
        }
        seekers.close();
    }

    private static <T> boolean same(List<Ranked<T>> a, List<Ranked<T>> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).item() != b.get(i).item() || a.get(i).score() != b.get(i).score()) {
                return false;
            }
        }
        return true;
    }

    private static long usedHeap(MemoryMXBean memory) {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static void report(String what, Histogram h) {
        print("%s: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (n=%d)", what,
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, h.getTotalCount());
    }

    /** CPU time is accounted in scheduler ticks on a busy machine: only its mean over many runs means much. */
    private static void cpu(String what, Histogram h) {
        print("%s: %.2f ms (p99 %.2f ms)", what, h.getMean() / 1000.0, h.getValueAtPercentile(99) / 1000.0);
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    private MatchingBenchmark() {
    }
}
