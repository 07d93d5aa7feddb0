package org.doorstep.local.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.bson.Document;

/**
 * The state a journal describes, folded in memory before anything is inserted: the last version of each
 * document by namespace and {@code _id} (a removal or a dropped collection forgets it), and the indexes that
 * still exist. Applying it inserts each live document once and builds each index once over the final data,
 * instead of replaying every intermediate version (a journal rewrites a growing document in full on every
 * change) through the store's query machinery.
 */
final class JournalReplay implements StoreJournal.Sink {

    private final Map<String, Map<Object, Document>> documents = new LinkedHashMap<>();
    private final Map<String, Map<String, Document>> indexes = new LinkedHashMap<>();

    @Override
    public void apply(StoreJournal.Op op, String database, String collection, Document document, String name) {
        String namespace = database + "." + collection;
        switch (op) {
            case PUT -> documents.computeIfAbsent(namespace, n -> new LinkedHashMap<>()).put(document.get("_id"), document);
            case DELETE -> {
                Map<Object, Document> live = documents.get(namespace);
                if (live != null) {
                    live.remove(document.get("_id"));
                }
            }
            case INDEX -> indexes.computeIfAbsent(namespace, n -> new LinkedHashMap<>()).put(String.valueOf(document.get("name")), document);
            case DROP_INDEX -> {
                Map<String, Document> live = indexes.get(namespace);
                if (live != null) {
                    live.remove(name);
                }
            }
            case DROP_COLLECTION -> {
                documents.remove(namespace);
                indexes.remove(namespace);
            }
        }
    }

    /** How many records the folded state holds: what a compact journal of it would have. */
    long liveRecords() {
        return documents.values().stream().mapToLong(Map::size).sum() + indexes.values().stream().mapToLong(Map::size).sum();
    }

    /** Inserts every live document, then builds every index, database by database. */
    void applyTo(JournaledBackend backend) {
        documents.forEach((namespace, live) -> {
            if (!live.isEmpty()) {
                database(backend, namespace).load(collection(namespace), new ArrayList<>(live.values()));
            }
        });
        indexes.forEach((namespace, live) -> {
            List<Document> descriptions = new ArrayList<>(live.values());
            descriptions.forEach(description -> database(backend, namespace).replayIndex(description));
        });
    }

    private static JournaledDatabase database(JournaledBackend backend, String namespace) {
        return backend.resolveDatabase(namespace.substring(0, namespace.indexOf('.')));
    }

    private static String collection(String namespace) {
        return namespace.substring(namespace.indexOf('.') + 1);
    }
}
