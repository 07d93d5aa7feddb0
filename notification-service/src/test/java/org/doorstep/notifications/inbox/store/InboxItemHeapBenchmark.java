package org.doorstep.notifications.inbox.store;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.doorstep.notifications.Events;
import reactor.core.publisher.Mono;

/**
 * Heap the local store (the wire server's memory backend, as {@code ./doorstep up} runs it) holds per inbox item, with
 * the match stored as a string (before) and as UTF-8 bytes ({@link StoredMatch}): a figure, not a test. The items
 * are shaped as {@code MongoInboxStore} writes them, the match being the contract's example (a Chinese title) with its
 * own ids. Alternates the two layouts {@code -Drounds} times, each in a fresh backend over TCP, and prints the heap in
 * use after a full collection per item, and the ratio.
 * <pre>
 * java -Xmx2g -cp target/test-classes:target/classes:$(cat /tmp/ns.cp) org.doorstep.notifications.inbox.store.InboxItemHeapBenchmark
 * </pre>
 */
public final class InboxItemHeapBenchmark {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    public static void main(String[] args) {
        int items = Integer.getInteger("items", 50_000);
        int rounds = Integer.getInteger("rounds", 3);
        for (int round = 1; round <= rounds; round++) {
            double string = bytesPerItem(items, false);
            double binary = bytesPerItem(items, true);
            System.out.printf("round %d: %,d items; heap per item: match as string %,.0f B, as UTF-8 bytes %,.0f B "
                    + "(%.2fx)%n", round, items, string, binary, binary / string);
        }
    }

    private static double bytesPerItem(int items, boolean binary) {
        MemoryBackend backend = new MemoryBackend();
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            MongoCollection<Document> inbox = client.getDatabase("notifications").getCollection("inbox");
            Mono.from(inbox.insertOne(item(binary))).block();
            long before = heapAfterCollection();
            List<Document> batch = new ArrayList<>();
            for (int i = 1; i < items; i++) {
                batch.add(item(binary));
                if (batch.size() == 1_000) {
                    Mono.from(inbox.insertMany(batch)).block();
                    batch = new ArrayList<>();
                }
            }
            if (!batch.isEmpty()) {
                Mono.from(inbox.insertMany(batch)).block();
            }
            return (double) (heapAfterCollection() - before) / (items - 1);
        } finally {
            server.shutdownNow();
        }
    }

    private static Document item(boolean binary) {
        String seekerId = UUID.randomUUID().toString();
        String postingId = UUID.randomUUID().toString();
        String match = Events.JSON.writeValueAsString(Events.matchFound(seekerId, postingId, UUID.randomUUID().toString(), 0.8));
        Instant now = Instant.now();
        return new Document("_id", "m-" + postingId + "-" + seekerId).append("seekerId", seekerId)
                .append("postingId", postingId).append("partnerId", UUID.randomUUID().toString())
                .append("match", binary ? StoredMatch.of(match) : match)
                .append("receivedAt", Date.from(now)).append("expiresAt", Date.from(now.plusSeconds(30L * 86_400)))
                .append("delivery", "LIVE").append("holdUntil", null).append("feedKey", seekerId + "|0000000000000001");
    }

    private static long heapAfterCollection() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
