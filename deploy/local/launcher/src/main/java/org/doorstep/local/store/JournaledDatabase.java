package org.doorstep.local.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;

/** A database of the in-memory store whose collections and index changes go to the journal. */
final class JournaledDatabase extends MemoryDatabase {

    private final JournaledBackend backend;
    private final Map<String, JournaledCollection> data = new ConcurrentHashMap<>();

    JournaledDatabase(String name, CursorRegistry cursors, JournaledBackend backend) {
        super(name, cursors);
        this.backend = backend;
    }

    /** The journal, once the backend has finished replaying it (empty during the replay). */
    Optional<StoreJournal> journal() {
        return backend == null ? Optional.empty() : backend.journal();
    }

    @Override
    protected JournaledCollection openOrCreateCollection(String name, CollectionOptions options) {
        JournaledCollection collection = new JournaledCollection(this, name, options, cursorRegistry);
        if (!name.startsWith("system.")) {
            data.put(name, collection);
        }
        return collection;
    }

    /** Unique indexes over plain fields read their keys directly ({@link PlainFieldIndex}); the _id index is one. */
    @Override
    protected Index<Integer> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        return PlainFieldIndex.of(indexName, keys, sparse);
    }

    @Override
    protected void addIndex(Document description) {
        super.addIndex(description);
        journal().ifPresent(j -> j.index(getDatabaseName(), collectionOf(description), description));
    }

    @Override
    protected void dropIndex(MongoCollection<Integer> collection, String indexName) {
        super.dropIndex(collection, indexName);
        if (indexName.equals("_id_")) {
            return; // only a collection's drop removes it, and that is journaled
        }
        journal().ifPresent(j -> j.dropIndex(getDatabaseName(), collection.getCollectionName(), indexName));
    }

    @Override
    public void dropCollection(String name, Oplog oplog) {
        super.dropCollection(name, oplog);
        if (!name.startsWith("system.")) {
            data.remove(name);
            journal().ifPresent(j -> j.dropCollection(getDatabaseName(), name));
        }
    }

    /** Inserts documents read from the journal (before it is open again: nothing is appended). */
    void load(String collectionName, List<Document> documents) {
        MongoCollection<Integer> collection = resolveOrCreateCollection(collectionName);
        collection.addDocuments(documents.stream());
    }

    /** Creates an index read from the journal, over the documents already loaded. */
    void replayIndex(Document description) {
        addIndex(description);
    }

    /** Writes what this database holds now as journal records: its indexes, then its documents. */
    void writeTo(StoreJournal journal) {
        MongoCollection<Integer> indexes = resolveCollection("system.indexes", false);
        if (indexes != null) {
            for (Document description : indexes.queryAll()) {
                String collection = collectionOf(description);
                if (data.containsKey(collection)) {
                    journal.index(getDatabaseName(), collection, description);
                }
            }
        }
        data.forEach((name, collection) -> collection.forEachDocument(d -> journal.put(getDatabaseName(), name, d)));
    }

    /** The collection an index description's namespace ({@code <database>.<collection>}) names. */
    private String collectionOf(Document indexDescription) {
        return String.valueOf(indexDescription.get("ns")).substring(getDatabaseName().length() + 1);
    }
}
