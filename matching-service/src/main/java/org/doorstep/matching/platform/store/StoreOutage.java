package org.doorstep.matching.platform.store;

import java.util.List;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Recognises "the store cannot be reached" (no server selected in time, a broken or refused connection, a node
 * that is not primary or is recovering) and "the store has no room" (MongoDB's OutOfDiskSpace; the local store's
 * full heap answers the same), raw from the driver or translated by Spring Data, anywhere in the cause chain.
 * Such a failure is the client's cue to retry (503), not a bug (500).
 */
public final class StoreOutage {

    private static final List<Class<? extends Throwable>> UNREACHABLE = List.of(MongoTimeoutException.class,
            MongoSocketException.class, MongoNotPrimaryException.class, MongoNodeIsRecoveringException.class,
            DataAccessResourceFailureException.class);
    /** MongoDB's OutOfDiskSpace. */
    private static final int NO_ROOM = 14031;

    /** Deep enough for any real chain; a chain that loops on itself ends here. */
    private static final int MAX_DEPTH = 16;

    private StoreOutage() {
    }

    public static boolean causes(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            Throwable current = cause;
            if (UNREACHABLE.stream().anyMatch(type -> type.isInstance(current)) || noRoom(current)) {
                return true;
            }
        }
        return false;
    }

    private static boolean noRoom(Throwable failure) {
        if (failure instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream().anyMatch(error -> error.getCode() == NO_ROOM);
        }
        return failure instanceof MongoServerException server && server.getCode() == NO_ROOM;
    }
}
