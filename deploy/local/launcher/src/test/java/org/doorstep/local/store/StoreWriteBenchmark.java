package org.doorstep.local.store;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Date;
import java.util.Locale;
import java.util.function.IntFunction;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;

/**
 * Benchmark (a main class, not a test): the local platform's store (journal backend, over TCP, one client) taking
 * the write shapes the services send at load, in bulks of 500 by {@code _id}: notification-service's inbox upserts
 * (new items: {@code $set} of a dozen fields, with the inbox's indexes: a unique sparse {@code feedKey}, and
 * {@code seekerId} and {@code expiresAt}), its day index updates ({@code $push $each $slice} on an existing
 * document) and matching-service's ledger upserts (a unique index over {@code _id} and {@code revision}). Prints
 * documents per second and the process's CPU per document for each shape, per round; the first round warms up.
 * Compare two versions of the store by running this class against each one's classes, alternating.
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) org.doorstep.local.store.StoreWriteBenchmark [rounds] [documents]
 * </pre>
 */
public final class StoreWriteBenchmark {

    private static final int BULK = 500;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int documents = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        Path folder = Files.createTempDirectory("store-bench");
        MongoServer server = new MongoServer(JournaledBackend.open(folder.resolve("bench.journal")));
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort())) {
            var database = client.getDatabase("bench");
            MongoCollection<Document> inbox = database.getCollection("inbox");
            inbox.createIndex(Indexes.ascending("feedKey"), new IndexOptions().unique(true).sparse(true));
            inbox.createIndex(Indexes.ascending("seekerId"));
            inbox.createIndex(Indexes.ascending("expiresAt"));
            MongoCollection<Document> days = database.getCollection("feed_index");
            MongoCollection<Document> ledger = database.getCollection("ledger");
            ledger.createIndex(Indexes.ascending("_id", "revision"), new IndexOptions().unique(true));
            String match = "x".repeat(900);
            for (int round = 0; round < rounds; round++) {
                int base = round * documents;
                measure(round, "inbox upsert (new item)", inbox, documents, i -> new UpdateOneModel<>(Filters.eq("_id", "m-" + (base + i)),
                        new Document("$set", item(match, "u", base + i)), new UpdateOptions().upsert(true)));
                measure(round, "inbox insert (new item)", inbox, documents, i -> new InsertOneModel<>(
                        withId("n-" + (base + i), item(match, "i", base + i))));
                measure(round, "day index push (existing)", days, documents, i -> new UpdateOneModel<>(Filters.eq("_id", "s-" + (i % 20_000) + "|2026-12-05"),
                        Updates.combine(Updates.pushEach("seqs", List.of((long) base + i), new PushOptions().slice(-1000)),
                                Updates.pushEach("items", List.of((base + i) + "|m-" + i), new PushOptions().slice(-1000)),
                                Updates.set("expiresAt", new Date())),
                        new UpdateOptions().upsert(true)));
                measure(round, "ledger upsert (pair, revision)", ledger, documents, i -> new UpdateOneModel<>(Filters.eq("_id", "p-" + (base + i) + "|s-" + i),
                        Updates.combine(Updates.set("revision", 1), Updates.set("score", 0.5), Updates.set("published", true)),
                        new UpdateOptions().upsert(true)));
            }
        } finally {
            server.shutdownNow();
        }
    }

    /** An inbox item's fields as notification-service writes them (the match JSON about 900 bytes). */
    private static Document item(String match, String kind, int n) {
        String seeker = "s-" + (n % 20_000);
        return new Document("seekerId", seeker).append("postingId", "p-" + (n / 200)).append("partnerId", "board-1")
                .append("match", match).append("receivedAt", new Date()).append("expiresAt", new Date())
                .append("delivery", "PUSHED").append("holdUntil", null).append("feedKey", seeker + "|" + kind + n);
    }

    private static Document withId(String id, Document fields) {
        Document document = new Document("_id", id);
        document.putAll(fields);
        return document;
    }

    private static void measure(int round, String shape, MongoCollection<Document> collection, int documents,
                                IntFunction<WriteModel<Document>> write) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        for (int from = 0; from < documents; from += BULK) {
            List<WriteModel<Document>> bulk = new ArrayList<>(BULK);
            for (int i = from; i < Math.min(documents, from + BULK); i++) {
                bulk.add(write.apply(i));
            }
            collection.bulkWrite(bulk, new com.mongodb.client.model.BulkWriteOptions().ordered(false));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMicros = (os.getProcessCpuTime() - cpu) / 1e3 / documents;
        System.out.printf(Locale.ROOT, "round %d %-32s %,9.0f docs/s  %6.1f us CPU per document (client and store)%n",
                round, shape, documents / seconds, cpuMicros);
    }

    private StoreWriteBenchmark() {
    }
}
