package org.doorstep.local.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
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

    private volatile StoreJournal journal;

    private JournaledBackend() {
    }

    /** Loads {@code file} (if it exists), compacts it and returns a backend that appends to it. */
    public static JournaledBackend open(Path file) throws IOException {
        JournaledBackend backend = new JournaledBackend();
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
