package org.doorstep.notifications;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoBackend;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.micrometer.core.instrument.MeterRegistry;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.doorstep.notifications.inbox.FeedEvent;
import org.doorstep.notifications.inbox.LiveFeed;
import org.doorstep.notifications.stream.MatchStream;
import org.doorstep.testkit.SharedInfrastructure;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * Throughput of one notification-service instance against the MongoDB-wire server (a figure, not a
 * test). In one JVM: the embedded KRaft broker, the wire server (memory backend, or H2 on a file with
 * {@code -Dbackend=h2}, as {@code ./doorstep up} runs it) and the service itself.
 * <ol>
 * <li>the store's own ceiling: insertMany of 500 inbox-sized documents, one client (the bound for any
 *     design that writes each match once);</li>
 * <li>drain: {@code -Dmatches} match.found records for {@code -Dseekers} seekers produced before the
 *     service starts, then the time the service takes to deliver them all (inbox, feed, live push);</li>
 * <li>sustained: {@code -Drate} matches/s for {@code -Dseconds}, with {@code -Dwatched} seekers on
 *     in-process live streams; latency from the producer's send to the event reaching the stream
 *     (HdrHistogram), delivered matches/s, lag at the end;</li>
 * <li>10,000 idle streams: heap they take, and the store commands sent while they stay idle.</li>
 * </ol>
 * For the drain and the sustained run it also prints what the service wrote per match delivered: write
 * commands, documents (inserted, updated or deleted) and the BSON bytes of those commands, by collection
 * (counted by a driver command listener, in the service's process; the bytes only with {@code -DwriteBytes=true},
 * since encoding each command once more takes a tenth of the run's CPU); with {@code -Dbackend=journal} (the
 * local platform's journal store; put the launcher jar, {@code org.doorstep:doorstep-launcher}, on the class
 * path) also the growth of the store's journal file, which holds every new version of every document written.
 * Run from the project root after {@code ./mvnw -B -o -pl notification-service -am -DskipTests install}:
 * {@code ./mvnw -B -o -pl notification-service test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.doorstep.notifications.DeliveryThroughputBenchmark -Dmatches=200000 -Drate=12000 -Dseconds=30}
 */
public final class DeliveryThroughputBenchmark {

    private static final String TOPIC = "doorstep.matches.v1";

    private final int matches = Integer.getInteger("matches", 200_000);
    private final int seekers = Integer.getInteger("seekers", 20_000);
    private final int rate = Integer.getInteger("rate", 12_000);
    private final int seconds = Integer.getInteger("seconds", 30);
    private final int watched = Integer.getInteger("watched", 200);
    private final int idleStreams = Integer.getInteger("idleStreams", 10_000);
    private final String backend = System.getProperty("backend", "memory");
    /** Partitions of the matches topic (0: the broker's default, 3); run with DOORSTEP_MATCH_CONSUMERS to match. */
    private final int partitions = Integer.getInteger("partitions", 0);
    /** Encoding every write command once more to count its bytes costs the service's driver threads ~10% (JFR): opt-in. */
    private final boolean writeBytes = Boolean.getBoolean("writeBytes");
    private final AtomicLong storeCommands = new AtomicLong();
    private final Map<String, Writes> writes = new ConcurrentHashMap<>();
    private Path journal;
    /** When the phase being measured started (wall clock), to find it in a flight recording. */
    private java.time.LocalTime phaseStart;

    public static void main(String[] args) throws Exception {
        new DeliveryThroughputBenchmark().run();
        System.exit(0);
    }

    void run() throws Exception {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        String mongoUri = switch (backend) {
            case "h2" -> startH2();
            case "journal" -> startJournal();
            default -> infrastructure.mongoUri();
        };
        System.out.printf("backend %s, %,d matches for %,d seekers; then %,d/s for %d s%n", backend, matches, seekers, rate, seconds);

        storeCeiling(mongoUri);

        if (partitions > 0) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
        }
        KafkaProducer<String, byte[]> producer = producer(infrastructure.bootstrapServers());
        List<byte[]> payloads = payloads();
        Random random = new Random(20261202L);
        long produceStart = System.nanoTime();
        for (int i = 0; i < matches; i++) {
            String seeker = "s-" + random.nextInt(seekers);
            producer.send(record(seeker, "drain-" + i, payloads, i));
        }
        producer.flush();
        System.out.printf("produced %,d records in %.1f s%n", matches, (System.nanoTime() - produceStart) / 1e9);

        writes.clear();
        phaseStart = java.time.LocalTime.now().withNano(0);
        long journalBefore = journalBytes();
        ConfigurableApplicationContext context = start(infrastructure.bootstrapServers(), mongoUri);
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        long drainStart = System.nanoTime();
        ThreadCpu drainCpu = new ThreadCpu();
        long firstAt = -1;
        while (records(meters) < matches) {
            if (firstAt < 0 && records(meters) > 0) {
                firstAt = System.nanoTime();
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        long drainEnd = System.nanoTime();
        double drainSeconds = (drainEnd - (firstAt < 0 ? drainStart : firstAt)) / 1e9;
        System.out.printf("DRAIN: %,d matches delivered in %.2f s after the first batch = %,.0f matches/s (%.2f s incl. start-up)%n",
                matches, drainSeconds, matches / drainSeconds, (drainEnd - drainStart) / 1e9);
        System.out.println(drainCpu.perMatch("DRAIN", matches));
        batchFigures(meters);
        writeFigures("DRAIN", matches, journalBytes() - journalBefore);

        sustained(context, meters, producer, payloads);
        idleStreams(context);
        producer.close();
        context.close();
    }

    private void storeCeiling(String mongoUri) {
        try (MongoClient client = MongoClients.create(mongoUri)) {
            var collection = client.getDatabase("ceiling-" + System.currentTimeMillis()).getCollection("inbox");
            String match = new String(payloadsSample(), StandardCharsets.UTF_8);
            int total = Math.min(matches, 100_000);
            long start = 0;
            for (int i = 0; i < total; i += 500) {
                if (i == 10_000) {
                    start = System.nanoTime();
                }
                List<Document> docs = new ArrayList<>(500);
                for (int j = 0; j < 500; j++) {
                    docs.add(new Document("_id", "m-" + i + "-" + j).append("seekerId", "s-" + j)
                            .append("match", Document.parse(match)).append("delivery", "LIVE"));
                }
                Mono.from(collection.insertMany(docs, new InsertManyOptions().ordered(false))).block();
            }
            double secs = (System.nanoTime() - start) / 1e9;
            System.out.printf("STORE CEILING: insertMany of 500 inbox documents, one client: %,.0f docs/s%n",
                    (total - 10_000) / secs);
        }
    }

    private void sustained(ConfigurableApplicationContext context, MeterRegistry meters,
                           KafkaProducer<String, byte[]> producer, List<byte[]> payloads) throws InterruptedException {
        LiveFeed live = context.getBean(LiveFeed.class);
        Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        List<LiveFeed.Listener> listeners = new ArrayList<>();
        List<Disposable> subscriptions = new ArrayList<>();
        for (int w = 0; w < watched; w++) {
            LiveFeed.Listener listener = live.listen("w-" + w);
            listeners.add(listener);
            subscriptions.add(listener.events().subscribe(event -> record(latency, event)));
        }
        Random random = new Random(7L);
        writes.clear();
        phaseStart = java.time.LocalTime.now().withNano(0);
        long journalBefore = journalBytes();
        double before = records(meters);
        ThreadCpu cpu = new ThreadCpu();
        long start = System.nanoTime();
        long sent = 0;
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / Math.max(1, rate);
        long lastReport = start;
        double lastCount = before;
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(seconds)) {
            long due = (System.nanoTime() - start) / periodNanos;
            while (sent < due) {
                boolean watchedOne = sent % 50 == 0;
                String seeker = watchedOne ? "w-" + random.nextInt(watched) : "s-" + random.nextInt(seekers);
                producer.send(record(seeker, "live-" + sent, payloads, (int) sent));
                sent++;
            }
            if (System.nanoTime() - lastReport >= TimeUnit.SECONDS.toNanos(5)) {
                double now = records(meters);
                System.out.printf("  t=%2d s  delivered %,.0f/s  lag %,d%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start),
                        (now - lastCount) / ((System.nanoTime() - lastReport) / 1e9), (long) (sent - (now - before)));
                lastReport = System.nanoTime();
                lastCount = now;
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
        producer.flush();
        double elapsed = (System.nanoTime() - start) / 1e9;
        double deliveredInWindow = records(meters) - before;
        long drainedAt = System.nanoTime();
        while (records(meters) - before < sent && System.nanoTime() - drainedAt < TimeUnit.SECONDS.toNanos(60)) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        System.out.printf("SUSTAINED: offered %,d matches in %.1f s (%,.0f/s); delivered %,.0f/s in the window; "
                        + "lag at the end %,d, all delivered %.2f s later%n", sent, elapsed, sent / elapsed,
                deliveredInWindow / elapsed, (long) (sent - deliveredInWindow), (System.nanoTime() - drainedAt) / 1e9);
        System.out.printf("SUSTAINED latency send -> live stream (%,d watched events): p50 %.1f ms, p95 %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms%n", latency.getTotalCount(),
                latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(95) / 1000.0,
                latency.getValueAtPercentile(99) / 1000.0, latency.getMaxValue() / 1000.0);
        System.out.println(cpu.perMatch("SUSTAINED", records(meters) - before));
        writeFigures("SUSTAINED", records(meters) - before, journalBytes() - journalBefore);
        subscriptions.forEach(Disposable::dispose);
        listeners.forEach(LiveFeed.Listener::close);
    }

    /** Write commands, documents and BSON bytes the service sent per match delivered, by collection. */
    private void writeFigures(String phase, double delivered, long journalGrowth) {
        Map<String, Writes> byCollection = new TreeMap<>(writes);
        long commands = 0;
        long documents = 0;
        long bytes = 0;
        StringBuilder split = new StringBuilder();
        for (Map.Entry<String, Writes> entry : byCollection.entrySet()) {
            Writes w = entry.getValue();
            commands += w.commands.sum();
            documents += w.documents.sum();
            bytes += w.bytes.sum();
            split.append(String.format("%n    %-20s %6.3f commands, %5.2f documents", entry.getKey(),
                    w.commands.sum() / delivered, w.documents.sum() / delivered));
            if (writeBytes) {
                split.append(String.format(", %,7.0f bytes", w.bytes.sum() / delivered));
            }
            split.append(" per match");
        }
        System.out.printf("%s (%s to %s) WRITES per match delivered (%,.0f): %.3f write commands, %.2f documents, %s%s%n",
                phase, phaseStart, java.time.LocalTime.now().withNano(0), delivered, commands / delivered, documents / delivered,
                writeBytes ? String.format("%,.0f BSON bytes", bytes / delivered) : "bytes not counted (-DwriteBytes=true)", split);
        if (journal != null) {
            System.out.printf("%s JOURNAL growth: %,d bytes = %,.0f bytes per match%n", phase, journalGrowth,
                    journalGrowth / delivered);
        }
    }

    /** Counts a write command the service sends: its collection, its documents (statements) and its BSON size. */
    private void countWrite(CommandStartedEvent event) {
        String name = event.getCommandName();
        String field = switch (name) {
            case "insert" -> "documents";
            case "update" -> "updates";
            case "delete" -> "deletes";
            case "findAndModify" -> "";
            default -> null;
        };
        if (field == null) {
            return;
        }
        // encoded within the call: the event's document lives in a network buffer released after it
        BsonDocument command = event.getCommand();
        String collection = command.getString(name).getValue();
        Writes w = writes.computeIfAbsent(collection, c -> new Writes());
        w.commands.increment();
        w.documents.add(field.isEmpty() ? 1 : command.getArray(field).size());
        if (writeBytes) {
            w.bytes.add(new RawBsonDocument(command, new BsonDocumentCodec()).getByteBuffer().remaining());
        }
    }

    private static final class Writes {
        final LongAdder commands = new LongAdder();
        final LongAdder documents = new LongAdder();
        final LongAdder bytes = new LongAdder();
    }

    private void idleStreams(ConfigurableApplicationContext context) throws InterruptedException {
        MatchStream stream = context.getBean(MatchStream.class);
        long quietStart = storeCommands.get();
        TimeUnit.SECONDS.sleep(10);
        long withoutStreams = storeCommands.get() - quietStart;
        System.gc();
        TimeUnit.MILLISECONDS.sleep(500);
        long heapBefore = usedHeap();
        long commandsBefore = storeCommands.get();
        List<Disposable> open = new ArrayList<>(idleStreams);
        for (int i = 0; i < idleStreams; i++) {
            open.add(stream.follow("idle-" + i, 0).subscribe());
        }
        long commandsAfterOpen = storeCommands.get();
        TimeUnit.SECONDS.sleep(2);
        System.gc();
        TimeUnit.MILLISECONDS.sleep(500);
        long heapAfter = usedHeap();
        long idleStart = storeCommands.get();
        TimeUnit.SECONDS.sleep(10);
        long idleCommands = storeCommands.get() - idleStart;
        System.out.printf("IDLE STREAMS: %,d open; heap %+.1f MB (%,d bytes each); store commands to open them %,d "
                        + "(%.1f each); store commands in 10 s with them idle: %d, in 10 s before they were opened: %d "
                        + "(the service's own periodic jobs)%n",
                idleStreams, (heapAfter - heapBefore) / 1e6, (heapAfter - heapBefore) / idleStreams,
                commandsAfterOpen - commandsBefore, (commandsAfterOpen - commandsBefore) / (double) idleStreams,
                idleCommands, withoutStreams);
        open.forEach(Disposable::dispose);
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void record(Histogram latency, FeedEvent event) {
        int at = event.data().indexOf("\"matchedAt\":\"");
        if (at < 0) {
            return;
        }
        int from = at + 13;
        Instant sentAt = Instant.parse(event.data().substring(from, event.data().indexOf('"', from)));
        long micros = TimeUnit.NANOSECONDS.toMicros(java.time.Duration.between(sentAt, Instant.now()).toNanos());
        latency.recordValue(Math.max(0, Math.min(micros, latency.getHighestTrackableValue())));
    }

    private ConfigurableApplicationContext start(String kafka, String mongoUri) {
        SpringApplication app = new SpringApplication(NotificationsApplication.class);
        app.addInitializers(context -> context.getBeanFactory().registerSingleton("countStoreCommands",
                (MongoClientSettingsBuilderCustomizer) builder -> builder.addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        storeCommands.incrementAndGet();
                        countWrite(event);
                    }
                })));
        return app.run("--server.port=0", "--KAFKA_BOOTSTRAP_SERVERS=" + kafka,
                "--spring.kafka.bootstrap-servers=" + kafka, "--MONGODB_URI=" + mongoUri,
                "--spring.mongodb.uri=" + mongoUri, "--MONGODB_DATABASE=bench-" + System.currentTimeMillis(),
                "--logging.level.root=WARN", "--logging.level.org.doorstep=INFO");
    }

    private static double records(MeterRegistry meters) {
        var counter = meters.find("doorstep.notifications.records").counter();
        return counter == null ? 0 : counter.count();
    }

    private static void batchFigures(MeterRegistry meters) {
        var timer = meters.find("doorstep.notifications.batch").timer();
        if (timer != null) {
            System.out.printf("  batches: %,d, mean %.1f ms, max %.1f ms, mean size %.0f records%n", timer.count(),
                    timer.mean(TimeUnit.MILLISECONDS), timer.max(TimeUnit.MILLISECONDS),
                    records(meters) / Math.max(1, timer.count()));
        }
        for (var step : meters.find("doorstep.notifications.batch.step").timers()) {
            System.out.printf("    step %-14s %,6d times, mean %7.1f ms, max %7.1f ms%n", step.getId().getTag("step"),
                    step.count(), step.mean(TimeUnit.MILLISECONDS), step.max(TimeUnit.MILLISECONDS));
        }
    }

    private String startH2() throws Exception {
        Path file = Files.createTempFile("notification-bench", ".mv");
        Files.delete(file);
        MongoServer server = new MongoServer(new H2Backend(file.toString()));
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    /** The local platform's store (the launcher's journal over the memory backend), on a new file. */
    private String startJournal() throws Exception {
        journal = Files.createTempFile("notification-bench", ".journal");
        Files.delete(journal);
        MongoBackend store = (MongoBackend) Class.forName("org.doorstep.local.store.JournaledBackend")
                .getMethod("open", Path.class).invoke(null, journal);
        MongoServer server = new MongoServer(store);
        server.bind("127.0.0.1", 0);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
    }

    private long journalBytes() {
        try {
            return journal == null ? 0 : Files.size(journal);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.CLIENT_ID_CONFIG, "benchmark",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new StringSerializer(), new ByteArraySerializer());
    }

    private byte[] payloadsSample() {
        return payloads().getFirst();
    }

    /** A few match.found bodies from the contract example; seeker, match id and time are spliced in per record. */
    private List<byte[]> payloads() {
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ObjectNode match = Events.matchFound("SEEKER", "POSTING", "partner-" + i, 0.5 + i / 10.0);
            bodies.add(Events.JSON.writeValueAsBytes(match));
        }
        return bodies;
    }

    private static ProducerRecord<String, byte[]> record(String seeker, String posting, List<byte[]> payloads, int i) {
        String body = new String(payloads.get(i % payloads.size()), StandardCharsets.UTF_8)
                .replace("m-POSTING-SEEKER", "m-" + posting + "-" + seeker)
                .replace("\"SEEKER\"", "\"" + seeker + "\"")
                .replace("\"POSTING\"", "\"" + posting + "\"");
        body = body.replaceFirst("\"matchedAt\":\"[^\"]*\"", "\"matchedAt\":\"" + Instant.now() + "\"");
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, seeker, body.getBytes(StandardCharsets.UTF_8));
        header(record, "ce_id", posting + "/" + seeker);
        header(record, "ce_type", "org.doorstep.match.found.v1");
        header(record, "ce_source", "//doorstep/benchmark");
        header(record, "ce_specversion", "1.0");
        header(record, "content-type", "application/json");
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
