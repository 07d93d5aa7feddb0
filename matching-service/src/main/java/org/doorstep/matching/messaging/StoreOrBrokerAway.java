package org.doorstep.matching.messaging;

import java.util.List;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.apache.kafka.common.errors.RetriableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The failures that say the store or the broker is out of reach rather than that the record is bad: the MongoDB
 * driver finding no server or losing its connection (also as Spring's translation), and a publish that timed out
 * or hit another failure Kafka calls retriable. {@link DeadLetters} and {@link PostingJudge} retry these until
 * they pass.
 */
final class StoreOrBrokerAway {

    static final List<Class<? extends Throwable>> FAILURES = List.of(
            MongoTimeoutException.class,
            MongoSocketException.class,
            DataAccessResourceFailureException.class,
            RetriableException.class,
            java.util.concurrent.TimeoutException.class);

    private StoreOrBrokerAway() {
    }

    /** Whether one of these failures is in the cause chain. */
    static boolean isCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Throwable at = cause;
            if (FAILURES.stream().anyMatch(type -> type.isInstance(at))) {
                return true;
            }
        }
        return false;
    }

    /** How long to wait between attempts while one lasts: 200 ms, doubling up to 5 s apart, with no last attempt. */
    static ExponentialBackOff backOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(5_000);
        return backOff;
    }
}
