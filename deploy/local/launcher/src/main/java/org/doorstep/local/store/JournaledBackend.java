package org.doorstep.local.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * The local platform's store: the wire server's memory backend (documents in the heap, the fastest the wire
 * server offers) made durable by {@link StoreJournal}. On start it folds the journal into its final state
 * ({@link JournalReplay}), loads it, and rewrites the journal compactly (the live documents and indexes only)
 * when more than a tenth of it was superseded, before it accepts a connection; every write is appended and
 * handed to the operating system before the command is answered.
 */
public final class JournaledBackend extends MemoryBackend {

    /** MongoDB's code for a server out of room to store: clients treat it as the store being away (503). */
    static final int OUT_OF_SPACE = 14031;
    /** The commands that add data; with a full heap they are refused (reads and deletes go on). */
    private static final Set<String> ADDING = Set.of("insert", "update", "findandmodify", "createindexes", "create");

    private volatile StoreJournal journal;
    private final HeapGuard heap;

    private JournaledBackend(HeapGuard heap) {
        this.heap = heap;
    }

    /** Loads {@code file} (if it exists), compacts it and returns a backend that appends to it. */
    public static JournaledBackend open(Path file) throws IOException {
        return open(file, HeapGuard.watchingThisProcess());
    }

    static JournaledBackend open(Path file, HeapGuard heap) throws IOException {
        JournaledBackend backend = new JournaledBackend(heap);
        JournalReplay replay = new JournalReplay();
        long replayed = StoreJournal.replay(file, replay);
        replay.applyTo(backend);
        if (replayed > replay.liveRecords() + replay.liveRecords() / 10) {
            StoreJournal.rewrite(file, compact -> backend.listDatabaseNames().forEach(name ->
                    backend.resolveDatabase(name).writeTo(compact)));
        }
        backend.journal = StoreJournal.append(file);
        System.out.printf("store journal %s: %,d records replayed%n", file, replayed);
        return backend;
    }

    @Override
    public JournaledDatabase resolveDatabase(String database) {
        return (JournaledDatabase) super.resolveDatabase(database);
    }

    Optional<StoreJournal> journal() {
        return Optional.ofNullable(journal);
    }

    @Override
    public JournaledDatabase openOrCreateDatabase(String databaseName) {
        return new JournaledDatabase(databaseName, getCursorRegistry(), this);
    }

    /** Every command (OP_MSG and legacy) ends here: what it appended reaches the operating system before the answer. */
    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        if (heap.full() && ADDING.contains(command.toLowerCase(Locale.ROOT))) {
            throw new MongoServerError(OUT_OF_SPACE, "OutOfDiskSpace", String.format(Locale.ROOT,
                    "the local store's heap is full (%.0f%% in use after a full collection): writes that add data are "
                            + "refused until deletes or expiry make room; restart the platform with a larger "
                            + "DOORSTEP_STORE_HEAP", heap.occupancy() * 100));
        }
        try {
            return super.handleCommand(channel, database, command, query);
        } finally {
            flush();
        }
    }

    @Override
    public void close() {
        super.close();
        StoreJournal open = journal;
        if (open != null) {
            open.close();
        }
    }

    private void flush() {
        StoreJournal open = journal;
        if (open != null) {
            open.flush();
        }
    }
}
