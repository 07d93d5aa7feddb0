package org.doorstep.local.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal store over TCP with the real driver: what a client was told is written survives a restart or a kill. */
class JournaledBackendTest {

    @TempDir
    Path folder;

    private final List<MongoServer> servers = new ArrayList<>();
    private final List<MongoClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(MongoClient::close);
        servers.forEach(MongoServer::shutdownNow);
    }

    @Test
    void everyKindOfWriteSurvivesARestartExactly() throws IOException {
        MongoCollection<Document> items = start().getDatabase("app").getCollection("items");
        items.insertMany(List.of(new Document("_id", "a").append("n", 1).append("tags", List.of("x", "y")),
                new Document("_id", "b").append("n", 2), new Document("_id", "c").append("n", 3)));
        items.updateOne(Filters.eq("_id", "a"), Updates.combine(Updates.inc("n", 10), Updates.push("tags", "z")));
        items.updateOne(Filters.eq("_id", "d"), Updates.set("n", 4), new UpdateOptions().upsert(true));
        items.findOneAndUpdate(Filters.eq("_id", "counter"), Updates.inc("value", 1),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        items.findOneAndUpdate(Filters.eq("_id", "counter"), Updates.inc("value", 1));
        items.bulkWrite(List.of(new UpdateOneModel<>(Filters.eq("_id", "b"), Updates.set("bulk", true))));
        items.deleteOne(Filters.eq("_id", "c"));
        items.replaceOne(Filters.eq("_id", "d"), new Document("_id", "d").append("replaced", true));
        List<Document> before = items.find().sort(new Document("_id", 1)).into(new ArrayList<>());
        restart();

        List<Document> after = client().getDatabase("app").getCollection("items").find().sort(new Document("_id", 1)).into(new ArrayList<>());
        assertThat(after).isEqualTo(before);
        assertThat(after).extracting(d -> d.get("_id")).containsExactly("a", "b", "counter", "d");
        assertThat(after.get(0).getInteger("n")).isEqualTo(11);
        assertThat(after.get(2).getInteger("value")).isEqualTo(2);
    }

    @Test
    void aListOfKeysFindsExactlyTheDocumentsThatHoldThem() throws IOException {
        MongoCollection<Document> items = start().getDatabase("app").getCollection("items");
        items.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true).sparse(true).name("code_unique"));
        items.insertMany(List.of(new Document("_id", "a").append("n", 1).append("code", "x"),
                new Document("_id", "b").append("n", 2).append("code", "y"),
                new Document("_id", "c").append("n", 2), new Document("_id", 7).append("n", 7)));

        // answered from the index without a second match (KeyedInQuery), in the order of the listed keys
        assertThat(ids(items.find(Filters.in("_id", "c", "zz", "a", "a")))).containsExactly("a", "c");
        assertThat(ids(items.find(Filters.in("code", "y", "nope")))).containsExactly("b");
        assertThat(ids(items.find(Filters.in("_id", List.of())))).isEmpty();
        // everything else is matched as before
        assertThat(ids(items.find(Filters.and(Filters.in("_id", "a", "b", "c"), Filters.eq("n", 2))))).containsExactlyInAnyOrder("b", "c");
        assertThat(ids(items.find(Filters.in("_id", "b", 7)))).containsExactlyInAnyOrder("b", 7);
        assertThat(ids(items.find(Filters.nin("_id", "a", "b", 7)))).containsExactly("c");
        items.updateMany(Filters.in("_id", "a", "c", "zz"), Updates.set("seen", true));
        assertThat(ids(items.find(Filters.eq("seen", true)))).containsExactlyInAnyOrder("a", "c");
        items.deleteMany(Filters.in("code", "x", "y"));
        assertThat(ids(items.find())).containsExactlyInAnyOrder("c", 7);
    }

    private static List<Object> ids(Iterable<Document> found) {
        List<Object> ids = new ArrayList<>();
        found.forEach(d -> ids.add(d.get("_id")));
        return ids;
    }

    @Test
    void aUniqueIndexStillRefusesDuplicatesAfterARestart() throws IOException {
        MongoCollection<Document> partners = start().getDatabase("app").getCollection("partners");
        partners.createIndex(Indexes.ascending("externalId"), new IndexOptions().unique(true).name("externalId_unique"));
        partners.insertOne(new Document("_id", 1).append("externalId", "board-7"));
        restart();

        MongoCollection<Document> reopened = client().getDatabase("app").getCollection("partners");
        assertThatThrownBy(() -> reopened.insertOne(new Document("_id", 2).append("externalId", "board-7")))
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        assertThat(reopened.find(Filters.eq("externalId", "board-7")).first()).containsEntry("_id", 1);
    }

    @Test
    void aUniqueIndexOverPlainFieldsRefusesDuplicatesOnInsertAndUpdateAndFreesAKeyWhenItsDocumentMovesOrGoes() throws IOException {
        MongoCollection<Document> ledger = start().getDatabase("app").getCollection("ledger");
        ledger.createIndex(Indexes.ascending("_id", "revision"), new IndexOptions().unique(true).name("pair_revision"));
        ledger.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true).name("code_unique"));
        ledger.insertMany(List.of(new Document("_id", "p1|s1").append("revision", 1).append("code", "a"),
                new Document("_id", "p2|s1").append("revision", 1).append("code", "b")));

        // numbers are compared as the store normalises them: 1.0 is the key 1
        assertThatThrownBy(() -> ledger.insertOne(new Document("_id", "x").append("code", "a")))
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key").hasMessageContaining("code_unique");
        ledger.insertOne(new Document("_id", 7).append("code", "c"));
        assertThatThrownBy(() -> ledger.insertOne(new Document("_id", 7.0).append("code", "d")))
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        assertThatThrownBy(() -> ledger.updateOne(Filters.eq("_id", "p2|s1"), Updates.set("code", "a")))
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        assertThat(ledger.find(Filters.eq("_id", "p2|s1")).first()).containsEntry("code", "b");

        ledger.updateOne(Filters.eq("_id", "p1|s1"), Updates.combine(Updates.set("code", "e"), Updates.inc("revision", 1)));
        ledger.insertOne(new Document("_id", "y").append("code", "a")); // "a" is free again
        assertThat(ledger.find(Filters.eq("code", "e")).first()).containsEntry("_id", "p1|s1").containsEntry("revision", 2);
        assertThat(ledger.find(Filters.and(Filters.eq("_id", "p1|s1"), Filters.eq("revision", 2))).first()).isNotNull();
        ledger.deleteOne(Filters.eq("_id", "y"));
        ledger.insertOne(new Document("_id", "z").append("code", "a"));
        restart();

        MongoCollection<Document> reopened = client().getDatabase("app").getCollection("ledger");
        assertThat(reopened.find(Filters.eq("code", "a")).first()).containsEntry("_id", "z");
        assertThatThrownBy(() -> reopened.insertOne(new Document("_id", "w").append("code", "e")))
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
    }

    @Test
    void aSparseUniqueIndexLeavesOutDocumentsWithoutItsFieldButIndexesAnExplicitNull() throws IOException {
        MongoCollection<Document> inbox = start().getDatabase("app").getCollection("inbox");
        inbox.createIndex(Indexes.ascending("feedKey"), new IndexOptions().unique(true).sparse(true).name("feedKey_unique"));
        inbox.insertMany(List.of(new Document("_id", "m1"), new Document("_id", "m2"), new Document("_id", "m3").append("feedKey", null)));
        assertThatThrownBy(() -> inbox.insertOne(new Document("_id", "m4").append("feedKey", null)))
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");

        inbox.updateOne(Filters.eq("_id", "m1"), Updates.set("feedKey", "s-1|1"));
        inbox.updateOne(Filters.eq("_id", "m2"), Updates.set("other", true));
        assertThat(inbox.find(Filters.eq("feedKey", "s-1|1")).first()).containsEntry("_id", "m1");
        assertThatThrownBy(() -> inbox.updateOne(Filters.eq("_id", "m2"), Updates.set("feedKey", "s-1|1")))
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        inbox.updateOne(Filters.eq("_id", "m1"), Updates.unset("feedKey"));
        inbox.updateOne(Filters.eq("_id", "m2"), Updates.set("feedKey", "s-1|1"));
        assertThat(inbox.find(Filters.eq("feedKey", "s-1|1")).first()).containsEntry("_id", "m2");
    }

    @Test
    void aUniqueIndexOverArraysOrDottedPathsKeepsTheLibrarysRules() throws IOException {
        MongoCollection<Document> items = start().getDatabase("app").getCollection("items");
        items.createIndex(Indexes.ascending("tags"), new IndexOptions().unique(true).name("tags_unique"));
        items.createIndex(Indexes.ascending("owner.id"), new IndexOptions().unique(true).sparse(true).name("owner_unique"));
        items.insertOne(new Document("_id", 1).append("tags", List.of("a", "b")).append("owner", new Document("id", "o1")));

        assertThatThrownBy(() -> items.insertOne(new Document("_id", 2).append("tags", "b")))
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        assertThatThrownBy(() -> items.insertOne(new Document("_id", 3).append("tags", "c").append("owner", new Document("id", "o1"))))
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        items.insertOne(new Document("_id", 4).append("tags", "c").append("owner", new Document("id", "o2")));
        items.updateOne(Filters.eq("_id", 1), Updates.set("tags", List.of("d")));
        items.insertOne(new Document("_id", 5).append("tags", "a"));
        assertThat(items.countDocuments()).isEqualTo(3);
    }

    @Test
    void whatWasAcknowledgedIsInTheJournalWithoutAnOrderlyStop() throws IOException {
        MongoCollection<Document> inbox = start().getDatabase("app").getCollection("inbox");
        inbox.insertMany(IntStream.range(0, 500).mapToObj(i -> new Document("_id", "m" + i).append("seq", i)).toList());
        inbox.deleteOne(Filters.eq("_id", "m7"));

        // like kill -9: the first server is never closed; a second one reads the same journal
        JournaledBackend second = JournaledBackend.open(journal());
        assertThat(second.resolveDatabase("app").resolveCollection("inbox", true).count()).isEqualTo(499);
        second.close();
    }

    @Test
    void aRecordCutShortByACrashIsDroppedAndEverythingBeforeItKept() throws IOException {
        MongoCollection<Document> items = start().getDatabase("app").getCollection("items");
        items.insertOne(new Document("_id", "kept"));
        items.insertOne(new Document("_id", "cut").append("text", "x".repeat(200)));
        stopAll();
        try (RandomAccessFile file = new RandomAccessFile(journal().toFile(), "rw")) {
            file.setLength(file.length() - 50);
        }

        JournaledBackend reopened = JournaledBackend.open(journal());
        assertThat(reopened.resolveDatabase("app").resolveCollection("items", true).queryAll())
                .extracting(d -> d.get("_id")).containsExactly("kept");
        reopened.close();
    }

    @Test
    void aRestartRewritesTheJournalToTheLiveDocumentsOnly() throws IOException {
        MongoCollection<Document> counters = start().getDatabase("app").getCollection("counters");
        counters.insertOne(new Document("_id", "c").append("value", 0));
        for (int i = 0; i < 300; i++) {
            counters.updateOne(Filters.eq("_id", "c"), Updates.inc("value", 1));
        }
        long grown = Files.size(journal());
        restart();

        assertThat(Files.size(journal())).isLessThan(grown / 10);
        assertThat(client().getDatabase("app").getCollection("counters").find().first()).containsEntry("value", 300);
    }

    @Test
    void aDroppedCollectionStaysDropped() throws IOException {
        MongoClient client = start();
        client.getDatabase("app").getCollection("old").insertOne(new Document("_id", 1).append("key", "k"));
        client.getDatabase("app").getCollection("old").createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
        client.getDatabase("app").getCollection("kept").insertOne(new Document("_id", 2));
        client.getDatabase("app").getCollection("old").drop();
        restart();

        assertThat(client().getDatabase("app").listCollectionNames().into(new ArrayList<>())).containsExactly("kept");
    }

    /**
     * A full heap (a full collection that left more than 90% in use) makes the store refuse what adds data at once,
     * with MongoDB's OutOfDiskSpace, which every service's {@code StoreOutage} takes for the store being away (503);
     * reads and deletes go on, and once a collection leaves room, writes are accepted again.
     */
    @Test
    void aFullHeapRefusesWritesThatAddDataAtOnceAndAcceptsThemAgainWhenThereIsRoom() throws IOException {
        HeapGuard heap = new HeapGuard();
        MongoCollection<Document> items = start(heap).getDatabase("app").getCollection("items");
        items.insertMany(List.of(new Document("_id", "a"), new Document("_id", "b")));

        heap.collected(false, 0.95);
        assertThat(heap.full()).as("a young collection is no proof").isFalse();
        heap.collected(true, 0.95);
        assertThat(heap.full()).isTrue();
        assertThatThrownBy(() -> items.insertOne(new Document("_id", "c")))
                .isInstanceOfSatisfying(MongoServerException.class, e -> assertThat(e.getCode()).isEqualTo(14031))
                .hasMessageContaining("DOORSTEP_STORE_HEAP");
        assertThatThrownBy(() -> items.bulkWrite(List.of(new UpdateOneModel<>(Filters.eq("_id", "a"),
                Updates.set("n", 1)))))
                .isInstanceOfSatisfying(MongoServerException.class, e -> assertThat(e.getCode()).isEqualTo(14031));
        assertThat(items.find(Filters.eq("_id", "a")).first()).isEqualTo(new Document("_id", "a"));
        assertThat(items.deleteOne(Filters.eq("_id", "b")).getDeletedCount()).isEqualTo(1);

        heap.collected(false, 0.85);
        assertThat(heap.full()).as("not yet below 80%").isTrue();
        heap.collected(false, 0.5);
        items.insertOne(new Document("_id", "c"));
        assertThat(items.countDocuments()).isEqualTo(2);
    }

    private MongoClient start() throws IOException {
        return start(new HeapGuard());
    }

    private MongoClient start(HeapGuard heap) throws IOException {
        MongoServer server = new MongoServer(JournaledBackend.open(journal(), heap));
        server.bind("127.0.0.1", 0);
        servers.add(server);
        InetSocketAddress address = server.getLocalAddress();
        MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        clients.add(client);
        return client;
    }

    private void restart() throws IOException {
        stopAll();
        start();
    }

    private void stopAll() {
        clients.forEach(MongoClient::close);
        clients.clear();
        servers.forEach(MongoServer::shutdown);
        servers.clear();
    }

    private MongoClient client() {
        return clients.getLast();
    }

    private Path journal() {
        return folder.resolve("doorstep.journal");
    }
}
