package org.doorstep.seekers.platform.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.ServerAddress;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

/** The same copy in every service (ServiceCopiesTest): what counts as the store being away. */
class StoreOutageRecognitionTest {

    private static MongoCommandException commandFailed(int code) {
        return new MongoCommandException(new BsonDocument("ok", new BsonInt32(0)).append("code", new BsonInt32(code))
                .append("errmsg", new BsonString("refused")), new ServerAddress());
    }

    @Test
    void aStoreOutOfRoomIsAnOutageWhereverItIsInTheChain() {
        assertThat(StoreOutage.causes(commandFailed(14031))).isTrue();
        assertThat(StoreOutage.causes(new DataIntegrityViolationException("translated", commandFailed(14031)))).isTrue();
        MongoBulkWriteException bulk = new MongoBulkWriteException(BulkWriteResult.unacknowledged(),
                List.of(new BulkWriteError(14031, "no room", new BsonDocument(), 0)), null, new ServerAddress(), java.util.Set.of());
        assertThat(StoreOutage.causes(bulk)).isTrue();
    }

    @Test
    void otherServerErrorsAreNot() {
        assertThat(StoreOutage.causes(commandFailed(11000))).as("duplicate key").isFalse();
        MongoBulkWriteException duplicate = new MongoBulkWriteException(BulkWriteResult.unacknowledged(),
                List.of(new BulkWriteError(11000, "dup", new BsonDocument(), 0)), null, new ServerAddress(), java.util.Set.of());
        assertThat(StoreOutage.causes(duplicate)).isFalse();
        assertThat(StoreOutage.causes(new IllegalStateException("bug"))).isFalse();
    }
}
