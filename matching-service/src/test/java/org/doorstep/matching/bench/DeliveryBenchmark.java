package org.doorstep.matching.bench;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.doorstep.matching.index.PostingIndex;
import org.doorstep.matching.index.SeekerIndex;
import org.doorstep.matching.store.Ledgers;
import org.doorstep.matching.match.MatchEngine;
import org.doorstep.matching.match.MatchLedger;
import org.doorstep.matching.match.MatchPublisher;
import org.doorstep.matching.match.PostingChange;
import org.doorstep.matching.messaging.MatchPublishers;
import org.doorstep.matching.scoring.MatchScorer;
import org.doorstep.matching.scoring.MatchingPolicy;
import org.doorstep.matching.scoring.Posting;
import org.doorstep.matching.scoring.Seeker;
import org.doorstep.matching.taxonomy.BuiltInVocabulary;
import org.doorstep.matching.taxonomy.Taxonomy;
import org.doorstep.testkit.SharedInfrastructure;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import org.bson.Document;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.connection.TransportSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;

import io.netty.buffer.PooledByteBufAllocator;
import reactor.core.publisher.Mono;

/**
 * Delivery of posting triggers (issue 12): the real {@link MatchEngine}, the service's MongoDB ledger and its
 * Kafka publisher, against the test kit's embedded Kafka broker and the MongoDB-wire server (memory backend, over
 * TCP, counting what a journaling store would write: {@link CountingStore}). Seekers in clusters
 * ({@link ClusteredWorkload}); each posting matches about one cluster. For each path:
 * <ol>
 * <li>warm-up postings (not measured);</li>
 * <li>closed loop: postings as fast as the path takes them, the paths taking turns: triggers/s, matches/s,
 * processing time and process CPU per posting, ledger round trips, statements and journaled bytes per trigger;</li>
 * <li>open loop: postings arriving at a fixed rate (default 50/s, DESIGN 8), taken as a consumer poll would take
 * them (everything arrived so far, up to 100, the binding's max.poll.records): latency from arrival to published and settled.</li>
 * </ol>
 * A main class, not part of the test run. Arguments:
 * {@code [seekers=20000] [cluster=200] [postings=600] [rate=50] [seconds=20] [warm-up=200] [history=0] [paths=1,2,3]};
 * {@code history}: earlier postings each seeker's listing names before the run (the platform bench's listings
 * reached 34 KB, about 750 postings).
 */
public final class DeliveryBenchmark {

    private static final long SEED = 20261203L;
    private static final int MAX_POLL = 100;
    /** The closed loop's postings are measured in this many turns per path. */
    private static final int TURNS = 6;
    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /**
     * How one path takes postings: the ledger it writes, how postings reach the engine, and how it lists earlier
     * postings for a seeker (to start from listings of a given size).
     */
    record Path(String name, Function<ReactiveMongoTemplate, MatchLedger> ledger, Delivery delivery,
                Function<Map<String, List<String>>, List<WriteModel<Document>>> listings) {
    }

    interface Delivery {
        /** Processes these postings, in order; returns when every one is published and settled. */
        void deliver(MatchEngine engine, List<Posting> postings);
    }

    /** One posting at a time, as the record-mode consumer called the engine before issue 12. */
    static final Delivery ONE_BY_ONE = (engine, postings) -> postings.forEach(engine::postingChanged);

    /** A poll at a time, as the batch-mode consumer calls the engine. */
    static final Delivery BY_POLL = (engine, postings) -> engine.postingsChanged(
            postings.stream().map(p -> (PostingChange) new PostingChange.Upserted(p, 0)).toList());

    private static List<Path> paths() {
        return List.of(
                new Path("before: 1b412e7's ledger writes (PerMatchLedger), one posting at a time", PerMatchLedger::new,
                        ONE_BY_ONE, DeliveryBenchmark::unbucketedListings),
                new Path("now: rounds and bucketed seeker listings, one posting at a time", Ledgers::mongo, ONE_BY_ONE,
                        Ledgers::seekerListings),
                new Path("now: rounds and bucketed seeker listings, a poll at a time", Ledgers::mongo, BY_POLL,
                        Ledgers::seekerListings));
    }

    /** The single listing per seeker of the ledger before buckets. */
    private static List<WriteModel<Document>> unbucketedListings(Map<String, List<String>> postingsOfSeekers) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        postingsOfSeekers.forEach((seeker, postings) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", "seeker:" + seeker),
                Updates.combine(Updates.addEachToSet("postings", postings), Updates.inc("revision", 1)),
                new UpdateOptions().upsert(true))));
        return writes;
    }

    public static void main(String[] args) {
        try {
            run(args);
        } finally {
            System.exit(0); // the embedded broker's threads
        }
    }

    /**
     * The matches topic, created and led before the first publish: an idempotent producer's first batches to a
     * topic the broker creates on demand got OUT_OF_ORDER_SEQUENCE_NUMBER here until the publish timed out.
     */
    private static void createTopic(String brokers, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create " + topic, e);
        }
    }

    private static void run(String[] args) {
        int seekerCount = arg(args, 0, 20_000);
        int clusterSize = arg(args, 1, 200);
        int postings = arg(args, 2, 600);
        int rate = arg(args, 3, 50);
        int seconds = arg(args, 4, 20);
        int warmUp = arg(args, 5, 200);
        int history = arg(args, 6, 0);
        List<Integer> chosen = args.length > 7 ? java.util.Arrays.stream(args[7].split(",")).map(Integer::valueOf).toList()
                : List.of(1, 2, 3);
        Instant now = Instant.now();
        Taxonomy taxonomy = BuiltInVocabulary.load();
        MatchingPolicy policy = MatchingPolicy.defaults();
        MatchScorer scorer = new MatchScorer(policy, taxonomy);
        String brokers = SharedInfrastructure.get().bootstrapServers();
        print("machine: %d processors, load average %.1f; seekers %,d in clusters of %d; %d postings measured per path"
                        + " (in %d turns, the paths taking turns), then %d s at %d postings/s",
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                seekerCount, clusterSize, postings, TURNS, seconds, rate);
        StoreTraffic traffic = new StoreTraffic();
        List<Lane> lanes = new ArrayList<>();
        try (CountingStore store = new CountingStore(); MongoClient client = client(store.uri(), traffic)) {
            measure(lanes, store, client, traffic, taxonomy, scorer, brokers, chosen, seekerCount, clusterSize, postings,
                    rate, seconds, warmUp, history, now);
        } finally {
            lanes.forEach(Lane::close);
        }
    }

    private static void measure(List<Lane> lanes, CountingStore store, MongoClient client, StoreTraffic traffic,
                                Taxonomy taxonomy, MatchScorer scorer, String brokers, List<Integer> chosen,
                                int seekerCount, int clusterSize, int postings, int rate, int seconds, int warmUp,
                                int history, Instant now) {
        MatchingPolicy policy = scorer.policy();
        List<Path> paths = paths();
        for (int number : chosen) {
            Path path = paths.get(number - 1);
            ReactiveMongoTemplate database = new ReactiveMongoTemplate(client, "delivery-bench-" + number);
            String topic = "delivery-bench.matches." + number + "." + UUID.randomUUID().toString().substring(0, 8);
            createTopic(brokers, topic);
            Lane lane = new Lane(path, new ClusteredWorkload(taxonomy, seekerCount, clusterSize, SEED, now), database,
                    path.ledger().apply(database), MatchPublishers.kafka(brokers, topic, Clock.systemUTC()),
                    new SeekerIndex(policy), new PostingIndex(policy), scorer);
            lanes.add(lane);
            List<Seeker> all = lane.workload.seekers();
            all.forEach(lane.seekers::upsert);
            listEarlierPostings(path, database, all, history);
            path.delivery().deliver(lane.engine, lane.workload.nextPostings(warmUp));
        }
        // the paths take turns, so that a change of load on the shared machine falls on all of them
        for (int turn = 0; turn < TURNS; turn++) {
            for (Lane lane : lanes) {
                lane.closedLoop(postings / TURNS, traffic, store);
            }
        }
        for (Lane lane : lanes) {
            print("");
            print("== %s ==", lane.path.name());
            lane.printClosedLoop();
            openLoop(lane.path, lane.engine, lane.workload, rate, seconds);
        }
    }

    /** One path's engine, indexes, ledger and publisher, and what its closed loop measured. */
    private static final class Lane {
        final Path path;
        final ClusteredWorkload workload;
        final ReactiveMongoTemplate database;
        final MatchPublisher publisher;
        final SeekerIndex seekers;
        final PostingIndex postings;
        final MatchEngine engine;
        final Histogram perPosting = new Histogram(TimeUnit.MINUTES.toNanos(10), 3);
        long measured;
        long nanos;
        long cpu;
        long matches;
        long writeCommands;
        long writeStatements;
        long reads;
        long documents;
        long bytes;

        Lane(Path path, ClusteredWorkload workload, ReactiveMongoTemplate database, MatchLedger ledger,
             MatchPublisher publisher, SeekerIndex seekers, PostingIndex postings, MatchScorer scorer) {
            this.path = path;
            this.workload = workload;
            this.database = database;
            this.publisher = publisher;
            this.seekers = seekers;
            this.postings = postings;
            this.engine = new MatchEngine(seekers, postings, scorer, ledger, publisher, Clock.systemUTC());
        }

        /** Postings as fast as the path takes them; a batch delivery gets polls of 50 (the target's postings per second). */
        void closedLoop(int count, StoreTraffic traffic, CountingStore store) {
            long matchesBefore = found(engine);
            long commandsBefore = traffic.writeCommands();
            long statementsBefore = traffic.writeStatements();
            long readsBefore = traffic.reads();
            long documentsBefore = store.documentsWritten();
            long bytesBefore = store.bytesWritten();
            List<Posting> all = workload.nextPostings(count);
            long cpuBefore = CPU.getProcessCpuTime();
            long start = System.nanoTime();
            int chunk = path.delivery() == ONE_BY_ONE ? 1 : 50;
            for (int i = 0; i < all.size(); i += chunk) {
                List<Posting> batch = all.subList(i, Math.min(all.size(), i + chunk));
                long began = System.nanoTime();
                path.delivery().deliver(engine, batch);
                long took = System.nanoTime() - began;
                for (int k = 0; k < batch.size(); k++) {
                    perPosting.recordValue(took);
                }
            }
            nanos += System.nanoTime() - start;
            cpu += CPU.getProcessCpuTime() - cpuBefore;
            measured += count;
            matches += found(engine) - matchesBefore;
            writeCommands += traffic.writeCommands() - commandsBefore;
            writeStatements += traffic.writeStatements() - statementsBefore;
            reads += traffic.reads() - readsBefore;
            documents += store.documentsWritten() - documentsBefore;
            bytes += store.bytesWritten() - bytesBefore;
        }

        void printClosedLoop() {
            double elapsed = nanos / 1e9;
            int chunk = path.delivery() == ONE_BY_ONE ? 1 : 50;
            print("closed loop: %d postings in %.1f s: %.1f triggers/s, %,.0f matches/s (%.0f matches per posting)",
                    measured, elapsed, measured / elapsed, matches / elapsed, matches / (double) measured);
            print("  processing time per posting%s: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms",
                    chunk == 1 ? "" : " (its batch of " + chunk + ")", ms(perPosting, 50), ms(perPosting, 90),
                    ms(perPosting, 99), perPosting.getMaxValue() / 1e6);
            print("  process CPU per posting (engine, ledger client, store, broker: all in this JVM): %.1f ms",
                    cpu / 1e6 / measured);
            print("  ledger per trigger: %.2f write round trips, %.1f write statements, %.2f reads; store wrote %.1f documents,"
                            + " %.1f KB (what a journal appends)",
                    writeCommands / (double) measured, writeStatements / (double) measured, reads / (double) measured,
                    documents / (double) measured, bytes / 1024.0 / measured);
        }

        void close() {
            MatchPublishers.close(publisher);
            seekers.close();
            postings.close();
        }
    }

    /** Each seeker's listing starts out naming {@code history} earlier postings, in the path's format. */
    private static void listEarlierPostings(Path path, ReactiveMongoTemplate database, List<Seeker> seekers, int history) {
        if (history == 0) {
            return;
        }
        long start = System.nanoTime();
        for (int from = 0; from < seekers.size(); from += 200) {
            Map<String, List<String>> postingsOfSeekers = new LinkedHashMap<>();
            for (Seeker seeker : seekers.subList(from, Math.min(seekers.size(), from + 200))) {
                List<String> earlier = new ArrayList<>(history);
                for (int h = 0; h < history; h++) {
                    earlier.add(UUID.randomUUID().toString());
                }
                postingsOfSeekers.put(seeker.id(), earlier);
            }
            List<WriteModel<Document>> writes = path.listings().apply(postingsOfSeekers);
            database.getCollection("matches").flatMap(c -> Mono.from(c.bulkWrite(writes))).block();
        }
        print("listings of %,d seekers start with %d earlier postings each (%.1f s)", seekers.size(), history,
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * Postings arrive at {@code rate} per second for {@code seconds}; each round takes what has arrived (up to
     * {@link #MAX_POLL}), as a consumer's poll does. Latency: arrival to published and settled. Postings not taken
     * within twice the arrival time are the backlog.
     */
    private static void openLoop(Path path, MatchEngine engine, ClusteredWorkload workload, int rate, int seconds) {
        int total = rate * seconds;
        List<Posting> all = workload.nextPostings(total);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        Histogram latency = new Histogram(TimeUnit.MINUTES.toNanos(10), 3);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(2L * seconds);
        int next = 0;
        int polls = 0;
        while (next < total && System.nanoTime() < deadline) {
            long now = System.nanoTime();
            int arrived = (int) Math.min(total, (now - start) / interval + 1);
            if (arrived <= next) {
                LockSupport.parkNanos(start + next * interval - now);
                continue;
            }
            int end = Math.min(arrived, next + MAX_POLL);
            List<Posting> poll = all.subList(next, end);
            polls++;
            if (path.delivery() == ONE_BY_ONE) {
                int taken = 0;
                while (taken < poll.size() && System.nanoTime() < deadline) {
                    engine.postingChanged(poll.get(taken));
                    latency.recordValue(System.nanoTime() - (start + (next + taken) * interval));
                    taken++;
                }
                end = next + taken;
            } else {
                path.delivery().deliver(engine, poll);
                long done = System.nanoTime();
                for (int i = 0; i < poll.size(); i++) {
                    latency.recordValue(done - (start + (next + i) * interval));
                }
            }
            next = end;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        print("open loop at %d postings/s for %d s: %d of %d postings processed in %.1f s (%.1f per poll); backlog %d",
                rate, seconds, next, total, elapsed, next / (double) Math.max(1, polls), total - next);
        print("  latency arrival -> published and settled: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms",
                ms(latency, 50), ms(latency, 90), ms(latency, 99), latency.getMaxValue() / 1e6);
    }

    private static long found(MatchEngine engine) {
        return ((Number) engine.counters().get("matchesFound")).longValue();
    }

    private static MongoClient client(String uri, StoreTraffic traffic) {
        // as the service's client: Netty with heap buffers (MongoTransportConfiguration)
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .transportSettings(TransportSettings.nettyBuilder().allocator(new PooledByteBufAllocator(false)).build())
                .addCommandListener(traffic)
                .build());
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    private static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    private DeliveryBenchmark() {
    }
}
