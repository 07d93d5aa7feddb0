package org.doorstep.local.store;

import java.util.function.Consumer;

import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A collection of the in-memory store that appends every change of a stored document to the journal, from the
 * three places every write of the wire server ends in (insert, update or upsert, removal), under the
 * collection's lock, so the journal holds each document's changes in the order they happened.
 */
final class JournaledCollection extends MemoryCollection {

    private final JournaledDatabase database;
    private final boolean system;

    JournaledCollection(JournaledDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
        super(database, name, options, cursors);
        this.database = database;
        this.system = name.startsWith("system.");
    }

    @Override
    protected Integer addDocumentInternal(Document document) {
        Integer position = super.addDocumentInternal(document);
        journal().ifPresent(j -> j.put(getDatabaseName(), getCollectionName(), document));
        return position;
    }

    @Override
    protected void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
        super.handleUpdate(position, oldDocument, newDocument);
        journal().ifPresent(j -> j.put(getDatabaseName(), getCollectionName(), newDocument));
    }

    @Override
    protected void removeDocument(Integer position) {
        Object id = getDocument(position).get(getIdField());
        super.removeDocument(position);
        journal().ifPresent(j -> j.delete(getDatabaseName(), getCollectionName(), id));
    }

    /**
     * Documents an index found: matched against the query again, except a query the index answers exactly
     * ({@link KeyedInQuery}), which would cost a comparison per listed value for every document found.
     */
    @Override
    protected QueryResult matchDocuments(Document query, Iterable<Integer> positions, Document orderBy, int numberToSkip,
                                         int limit, int batchSize, Document fieldSelector) {
        return super.matchDocuments(KeyedInQuery.answeredByIndex(query) ? new Document() : query, positions, orderBy, numberToSkip,
                limit, batchSize, fieldSelector);
    }

    /**
     * No running total of the collection's BSON size (only {@code collStats} reports it): keeping it encodes every
     * document once more on insert and twice on update, which the profile of a replay showed as 44% of its time.
     */
    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    /** Every stored document, under the collection's lock (for writing a compact journal). */
    synchronized void forEachDocument(Consumer<Document> action) {
        streamAllDocumentsWithPosition().forEach(d -> action.accept(d.getDocument()));
    }

    private java.util.Optional<StoreJournal> journal() {
        return system ? java.util.Optional.empty() : database.journal();
    }
}
