package org.doorstep.matching.bench;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The MongoDB-wire server the tests use (memory backend, over TCP), counting what the local platform's journaling
 * store would append for each change: the whole new document on every insert and update (as its
 * {@code JournaledCollection} does), an id on every removal. So a benchmark can show bytes written per trigger,
 * which is what a 34 KB listing rewritten per match costs there.
 */
final class CountingStore implements AutoCloseable {

    private final MongoServer server;
    private final AtomicLong documents = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong removals = new AtomicLong();

    CountingStore() {
        server = new MongoServer(new Backend());
        server.bind("127.0.0.1", 0);
    }

    String uri() {
        InetSocketAddress address = server.getLocalAddress();
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    /** Documents written whole (inserted or updated) so far. */
    long documentsWritten() {
        return documents.get();
    }

    /** BSON bytes of the documents written whole so far. */
    long bytesWritten() {
        return bytes.get();
    }

    long removals() {
        return removals.get();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    private void written(Document document) {
        ByteBuf buffer = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, buffer);
            documents.incrementAndGet();
            bytes.addAndGet(buffer.readableBytes());
        } finally {
            buffer.release();
        }
    }

    private final class Backend extends MemoryBackend {
        @Override
        public MemoryDatabase openOrCreateDatabase(String databaseName) {
            return new Database(databaseName, getCursorRegistry());
        }
    }

    private final class Database extends MemoryDatabase {
        Database(String name, CursorRegistry cursors) {
            super(name, cursors);
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String name, CollectionOptions options) {
            return name.startsWith("system.") ? super.openOrCreateCollection(name, options)
                    : new Collection(this, name, options, cursorRegistry);
        }
    }

    private final class Collection extends MemoryCollection {
        Collection(MemoryDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
            super(database, name, options, cursors);
        }

        @Override
        protected Integer addDocumentInternal(Document document) {
            Integer position = super.addDocumentInternal(document);
            written(document);
            return position;
        }

        @Override
        protected void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
            super.handleUpdate(position, oldDocument, newDocument);
            written(newDocument);
        }

        @Override
        protected void removeDocument(Integer position) {
            super.removeDocument(position);
            removals.incrementAndGet();
        }
    }
}
