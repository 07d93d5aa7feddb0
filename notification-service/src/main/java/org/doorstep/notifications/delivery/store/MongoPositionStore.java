package org.doorstep.notifications.delivery.store;

import java.time.Duration;

import org.bson.Document;
import org.doorstep.notifications.delivery.PositionStore;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** One document per partition of doorstep.matches.v1, {@code _id = "matches-<partition>"}; written only by the jobs. */
@Repository
class MongoPositionStore implements PositionStore {

    static final String COLLECTION = "stream_positions";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ReactiveMongoTemplate mongo;

    MongoPositionStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    private static String id(int partition) {
        return "matches-" + partition;
    }

    @Override
    public long jobSequence(int partition) {
        Document doc = mongo.findById(id(partition), Document.class, COLLECTION).block(TIMEOUT);
        return doc == null ? 0 : ((Number) doc.get("jobSeq")).longValue();
    }

    @Override
    public void reserve(int partition, long sequence) {
        mongo.upsert(Query.query(Criteria.where("_id").is(id(partition))), new Update().max("jobSeq", sequence), COLLECTION)
                .block(TIMEOUT);
    }
}
