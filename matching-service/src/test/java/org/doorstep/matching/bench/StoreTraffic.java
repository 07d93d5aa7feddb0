package org.doorstep.matching.bench;

import java.util.concurrent.atomic.AtomicLong;

import org.bson.BsonDocument;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;

/**
 * The commands a MongoDB client sends, as a benchmark counts them: round trips that write (insert, update,
 * delete, findAndModify) and the statements in them (one per document a bulk write addresses), and reads.
 */
final class StoreTraffic implements CommandListener {

    private final AtomicLong writeCommands = new AtomicLong();
    private final AtomicLong writeStatements = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        BsonDocument command = event.getCommand();
        switch (event.getCommandName()) {
            case "insert" -> write(command.getArray("documents").size());
            case "update" -> write(command.getArray("updates").size());
            case "delete" -> write(command.getArray("deletes").size());
            case "findAndModify" -> write(1);
            case "find" -> reads.incrementAndGet();
            default -> {
                // index creation, hello, getMore: not counted
            }
        }
    }

    private void write(int statements) {
        writeCommands.incrementAndGet();
        writeStatements.addAndGet(statements);
    }

    long writeCommands() {
        return writeCommands.get();
    }

    long writeStatements() {
        return writeStatements.get();
    }

    long reads() {
        return reads.get();
    }
}
