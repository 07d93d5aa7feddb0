package org.doorstep.notifications.inbox.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;

import org.bson.Document;
import org.doorstep.notifications.inbox.Feed;
import org.doorstep.notifications.inbox.FeedEvent;
import org.doorstep.notifications.inbox.InboxSettings;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Feed entries keyed by {@code seekerId|key} (so an append is idempotent) with a per-seeker sequence
 * from an atomic counter document ({@code findOneAndUpdate $inc}, no transactions needed).
 */
@Repository
class MongoFeed implements Feed {

    static final String COLLECTION = "feed";
    static final String COUNTERS = "sequences";

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;
    private final Duration retention;

    MongoFeed(ReactiveMongoTemplate mongo, Clock clock, InboxSettings settings) {
        this.mongo = mongo;
        this.clock = clock;
        this.retention = settings.itemTtl();
    }

    @Override
    public Mono<FeedEvent> append(String seekerId, String key, String type, String matchId, String data) {
        String id = seekerId + "|" + key;
        // no read first: a repeat is rare (redelivery after a crash) and costs one burnt sequence number
        return nextSequence(seekerId).flatMap(sequence -> {
                    Date now = Date.from(clock.instant());
                    Document doc = new Document("_id", id).append("seekerId", seekerId).append("seq", sequence)
                            .append("type", type).append("matchId", matchId).append("data", data)
                            .append("at", now).append("expiresAt", Date.from(clock.instant().plus(retention)));
                    return mongo.insert(doc, COLLECTION)
                            .onErrorResume(DuplicateKeyException.class, e -> mongo.findById(id, Document.class, COLLECTION));
                })
                .map(MongoFeed::toEvent);
    }

    private Mono<Long> nextSequence(String seekerId) {
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(seekerId)), new Update().inc("seq", 1L),
                        FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COUNTERS)
                .map(doc -> ((Number) doc.get("seq")).longValue());
    }

    @Override
    public Flux<FeedEvent> after(String seekerId, long sequence, int limit) {
        Query query = Query.query(Criteria.where("seekerId").is(seekerId).and("seq").gt(sequence))
                .with(Sort.by("seq")).limit(limit);
        return mongo.find(query, Document.class, COLLECTION).map(MongoFeed::toEvent);
    }

    @Override
    public Mono<Void> purge(String seekerId) {
        return mongo.remove(Query.query(Criteria.where("seekerId").is(seekerId)), COLLECTION)
                .then(mongo.remove(Query.query(Criteria.where("_id").is(seekerId)), COUNTERS))
                .then();
    }

    @Override
    public Mono<Long> expire(java.time.Instant now) {
        return mongo.remove(Query.query(Criteria.where("expiresAt").lte(Date.from(now))), COLLECTION)
                .map(result -> result.getDeletedCount());
    }

    private static FeedEvent toEvent(Document doc) {
        return new FeedEvent(doc.getString("seekerId"), ((Number) doc.get("seq")).longValue(), doc.getString("type"),
                doc.getString("matchId"), doc.getString("data"), doc.getDate("at").toInstant());
    }
}
