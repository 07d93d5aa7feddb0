package org.doorstep.matching.platform;

import org.springframework.dao.DataAccessResourceFailureException;

import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

/** Which failures mean "the store is out of reach" (a client may retry later), wherever they are wrapped. */
public final class StoreFailures {

    private static final int MAX_DEPTH = 10;

    private StoreFailures() {
    }

    public static boolean unreachable(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++) {
            if (cause instanceof MongoTimeoutException || cause instanceof MongoSocketException
                    || cause instanceof MongoNotPrimaryException || cause instanceof MongoNodeIsRecoveringException
                    || cause instanceof DataAccessResourceFailureException) {
                return true;
            }
            cause = cause.getCause();
        }
        return false;
    }
}
