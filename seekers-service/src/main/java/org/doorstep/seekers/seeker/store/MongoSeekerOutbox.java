package org.doorstep.seekers.seeker.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.doorstep.seekers.outbox.OutboxMessage;
import org.doorstep.seekers.outbox.PendingOutbox;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The outbox inside seeker documents, for the relay (which runs on its own thread, so blocking is fine). */
@Component
class MongoSeekerOutbox implements PendingOutbox {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ReactiveMongoTemplate mongo;

    MongoSeekerOutbox(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A scan of the collection: the relay runs it at start-up and at its full-sweep interval only. */
    @Override
    public List<String> aggregatesWithPending(int limit) {
        Query pending = query(where("outbox.0").exists(true)).limit(limit);
        pending.fields().include("_id");
        return mongo.find(pending, Document.class, SeekerDocument.COLLECTION)
                .map(d -> d.getString("_id"))
                .collectList()
                .block(TIMEOUT);
    }

    @Override
    public Optional<OutboxMessage> next(String aggregateId) {
        return Optional.ofNullable(mongo.findById(aggregateId, SeekerDocument.class).block(TIMEOUT))
                .map(SeekerDocument::outbox)
                .filter(outbox -> !outbox.isEmpty())
                .map(List::getFirst);
    }

    @Override
    public void markSent(String aggregateId, String ceId) {
        mongo.updateFirst(query(where("_id").is(aggregateId)), new Update().pull("outbox", new Document("ceId", ceId)),
                SeekerDocument.COLLECTION).block(TIMEOUT);
    }

    @Override
    public void drained(String aggregateId) {
        // read by _id, then removed at the version read: keyed, and a change meanwhile keeps the document
        SeekerDocument stub = mongo.findById(aggregateId, SeekerDocument.class).block(TIMEOUT);
        if (stub != null && stub.erased() && (stub.outbox() == null || stub.outbox().isEmpty())) {
            mongo.remove(query(where("_id").is(aggregateId).and("version").is(stub.version())),
                    SeekerDocument.COLLECTION).block(TIMEOUT);
        }
    }
}
