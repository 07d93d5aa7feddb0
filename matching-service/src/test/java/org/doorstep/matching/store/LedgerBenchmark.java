package org.doorstep.matching.store;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.doorstep.matching.match.LedgerEntry;
import org.doorstep.matching.match.MatchId;
import org.doorstep.matching.match.MatchLedger.Claim;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The ledger's cost per posting trigger on the MongoDB-wire server (memory backend, over TCP, as the
 * tests and {@code ./doorstep up} reach it), as the ledger grows: read the posting's pairs, claim 200
 * new pairs in one write, settle the round in one more. A main class, not part of the test run:
 * {@code java -cp ... org.doorstep.matching.store.LedgerBenchmark [pairs already recorded] [triggers]}.
 */
public final class LedgerBenchmark {

    private static final int MATCHES_PER_TRIGGER = 200;
    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

    public static void main(String[] args) {
        int recorded = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int triggers = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            MongoMatchLedger ledger = new MongoMatchLedger(new ReactiveMongoTemplate(client, "ledger-benchmark"));
            long start = System.nanoTime();
            for (int p = 0; p < recorded / MATCHES_PER_TRIGGER; p++) {
                ledger.settle(ledger.claim(claims("old-" + p), List.of(), List.of()));
            }
            System.out.printf("recorded %,d pairs in %.1f s%n", recorded, (System.nanoTime() - start) / 1e9);
            Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            // CPU of the whole process (client and server): less swayed than wall time by other work on the host
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu = 0;
            for (int t = 0; t < triggers; t++) {
                String posting = "new-" + t;
                List<Claim> claims = claims(posting);
                long began = System.nanoTime();
                long cpuBefore = os.getProcessCpuTime();
                ledger.forPosting(posting, claims.stream().map(c -> c.next().seekerId()).toList());
                ledger.settle(ledger.claim(claims, List.of(), List.of()));
                if (t >= triggers / 4) { // the first quarter warms up
                    histogram.recordValue(System.nanoTime() - began);
                    cpu += os.getProcessCpuTime() - cpuBefore;
                }
            }
            System.out.printf("per trigger of %d matches with %,d pairs recorded: p50 %.2f ms, p99 %.2f ms, max %.2f ms, mean %.2f ms; process CPU %.2f ms (%d triggers)%n",
                    MATCHES_PER_TRIGGER, recorded + triggers * MATCHES_PER_TRIGGER,
                    histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(99) / 1e6,
                    histogram.getMaxValue() / 1e6, histogram.getMean() / 1e6, cpu / 1e6 / histogram.getTotalCount(),
                    histogram.getTotalCount());
        } finally {
            server.shutdownNow();
        }
    }

    private static List<Claim> claims(String posting) {
        List<Claim> claims = new ArrayList<>(MATCHES_PER_TRIGGER);
        for (int s = 0; s < MATCHES_PER_TRIGGER; s++) {
            String seeker = "seeker-" + s;
            claims.add(new Claim(new LedgerEntry(MatchId.of(posting, seeker), seeker, posting, "partner", 1, 0.5,
                    LedgerEntry.Status.ACTIVE, false, List.of(), List.of(), "CN-51", NOW), 0));
        }
        return claims;
    }
}
