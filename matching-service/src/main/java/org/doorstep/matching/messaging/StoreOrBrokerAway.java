package org.doorstep.matching.messaging;

import java.util.List;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.apache.kafka.common.errors.RetriableException;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The failures that say the store or the broker is out of reach rather than that the record is bad: the MongoDB
 * driver finding no server or losing its connection (also as Spring's translation), and a publish that timed out
 * or hit another failure Kafka calls retriable. {@link DeadLetters} retries these until they pass.
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
}
