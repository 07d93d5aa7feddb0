package org.doorstep.local.store;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The append-only log that makes the in-memory store durable: every change to a stored document is appended
 * as its effect (the whole document after the change, or the removed {@code _id}), never as the command that
 * caused it, so a replay is idempotent and needs no clock or generated id. Records reach the operating system
 * before the server answers the command (a killed store loses nothing the services were told was written);
 * they are forced to disk once a second (a power cut loses at most that second).
 *
 * <p>Record: op byte, database (modified UTF-8), collection, then a BSON document (length-prefixed) for
 * {@link Op#PUT} (the document), {@link Op#DELETE} ({@code {_id}}) and {@link Op#INDEX} (the index description).
 */
final class StoreJournal implements AutoCloseable {

    enum Op { PUT, DELETE, INDEX, DROP_INDEX, DROP_COLLECTION }

    /** What a replay hands each record to. */
    interface Sink {
        void apply(Op op, String database, String collection, Document document, String name);
    }

    private final Path file;
    private final FileChannel channel;
    private final DataOutputStream out;
    private final ScheduledExecutorService syncer;
    private boolean dirty;
    private boolean closed;
    private long records;

    private StoreJournal(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        this.out = new DataOutputStream(new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16));
        this.syncer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "store-journal-sync");
            thread.setDaemon(true);
            return thread;
        });
        syncer.scheduleWithFixedDelay(this::force, 1, 1, TimeUnit.SECONDS);
    }

    /** Opens the journal for appending (creating it if missing). */
    static StoreJournal append(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return new StoreJournal(file);
    }

    /**
     * Hands every complete record of {@code file} to {@code sink}, in order, and returns how many there were.
     * A record cut short by a crash (the last one) is ignored.
     */
    static long replay(Path file, Sink sink) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        long count = 0;
        try (InputStream stream = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(stream, 1 << 16))) {
            while (true) {
                int opCode = in.read();
                if (opCode < 0) {
                    return count;
                }
                try {
                    Op op = Op.values()[opCode];
                    String database = in.readUTF();
                    String collection = in.readUTF();
                    Document document = null;
                    String name = null;
                    switch (op) {
                        case PUT, DELETE, INDEX -> document = readDocument(in);
                        case DROP_INDEX -> name = in.readUTF();
                        case DROP_COLLECTION -> { }
                    }
                    sink.apply(op, database, collection, document, name);
                    count++;
                } catch (EOFException | ArrayIndexOutOfBoundsException cut) {
                    return count;
                }
            }
        }
    }

    /** Writes {@code writer}'s records to a new file and puts it in place of {@code file} in one rename. */
    static void rewrite(Path file, java.util.function.Consumer<StoreJournal> writer) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.deleteIfExists(next);
        try (StoreJournal journal = new StoreJournal(next)) {
            writer.accept(journal);
            journal.flush();
            journal.channel.force(true);
        }
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    void put(String database, String collection, Document document) {
        write(Op.PUT, database, collection, encode(document), null);
    }

    void delete(String database, String collection, Object id) {
        write(Op.DELETE, database, collection, encode(new Document("_id", id)), null);
    }

    void index(String database, String collection, Document description) {
        write(Op.INDEX, database, collection, encode(description), null);
    }

    void dropIndex(String database, String collection, String indexName) {
        write(Op.DROP_INDEX, database, collection, null, indexName);
    }

    void dropCollection(String database, String collection) {
        write(Op.DROP_COLLECTION, database, collection, null, null);
    }

    long records() {
        return records;
    }

    Path file() {
        return file;
    }

    /** Hands what was appended to the operating system; called before the server answers a command. */
    synchronized void flush() {
        if (!dirty || closed) {
            return;
        }
        try {
            out.flush();
            dirty = false;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the store journal " + file, e);
        }
    }

    private synchronized void write(Op op, String database, String collection, byte[] bson, String name) {
        try {
            out.writeByte(op.ordinal());
            out.writeUTF(database);
            out.writeUTF(collection);
            if (bson != null) {
                out.writeInt(bson.length);
                out.write(bson);
            }
            if (name != null) {
                out.writeUTF(name);
            }
            dirty = true;
            records++;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the store journal " + file, e);
        }
    }

    private void force() {
        try {
            flush();
            channel.force(false);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("store journal: could not force " + file + " to disk: " + e.getMessage());
        }
    }

    private static byte[] encode(Document document) {
        ByteBuf buffer = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, buffer);
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            return bytes;
        } finally {
            buffer.release();
        }
    }

    private static Document readDocument(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 5) {
            throw new EOFException("a document of " + length + " bytes");
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("cut short");
        }
        ByteBuf buffer = Unpooled.wrappedBuffer(bytes);
        try {
            return BsonDecoder.decodeBson(buffer);
        } finally {
            buffer.release();
        }
    }

    @Override
    public void close() {
        syncer.shutdownNow();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                out.flush();
                channel.force(false);
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not close the store journal " + file, e);
            }
        }
    }
}
