package org.doorstep.seekers.seeker.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.doorstep.seekers.outbox.OutboxMessage;
import org.doorstep.seekers.outbox.PendingOutbox;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

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

    /** By {@code _id $in}, reading only what the relay needs (not the profiles). */
    @Override
    public List<PendingAggregate> pending(Collection<String> aggregateIds) {
        Query keyed = query(where("_id").in(aggregateIds));
        keyed.fields().include("version", "erased", "outbox");
        return mongo.find(keyed, SeekerDocument.class)
                .filter(d -> d.outbox() != null && !d.outbox().isEmpty())
                .map(d -> new PendingAggregate(d.id(), d.version(), d.erased(), d.outbox()))
                .collectList()
                .block(TIMEOUT);
    }

    /**
     * One ordered bulk write, keyed: each aggregate's {@code $pull} by ceId, then the removal of a drained stub at
     * {@code {_id, version}} as read (every write that adds to an outbox moves the version on, so a stub that got
     * new entries meanwhile stays).
     */
    @Override
    public void markSent(List<Published> published) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Published p : published) {
            if (p.count() == 0) {
                continue;
            }
            String id = p.aggregate().id();
            writes.add(new UpdateOneModel<>(Filters.eq("_id", id), Updates.pull("outbox",
                    Filters.in("ceId", p.entries().stream().map(OutboxMessage::ceId).toList()))));
            if (p.all() && p.aggregate().stub()) {
                writes.add(new DeleteOneModel<>(new Document("_id", id).append("version", p.aggregate().version())));
            }
        }
        if (!writes.isEmpty()) {
            mongo.getCollection(SeekerDocument.COLLECTION)
                    .flatMap(c -> Mono.from(c.bulkWrite(writes, new BulkWriteOptions().ordered(true))))
                    .block(TIMEOUT);
        }
    }
}
